"""The audit cannot be skipped, and a public report's narrative cannot carry a small count."""

import shutil
from pathlib import Path

import yaml
from conftest import tiny  # noqa: F401  (a fixture)

from wres_helpers.batch.runner import run_reports

HERE = Path(__file__).parent
LEAKY = (
    "<!DOCTYPE html>\n<html lang=\"en\"><body><main><table><thead><tr><th>Group</th>"
    "<th>Staff</th></tr></thead><tbody><tr><td>BME</td><td>3</td></tr></tbody></table>"
    "</main></body></html>\n"
)


def params_file(folder: Path, extract: Path, **more) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = {"entity": "T1", "year": 2016, "extract": str(extract), "audience": "public", **more}
    path = folder / "T1-public.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_a_bad_extract_does_not_skip_the_audit(tmp_path, capsys):
    bad = tmp_path / "bad"
    shutil.copytree(HERE / "bad-yes-no", bad)
    params_file(tmp_path / "params", bad)
    outputs = tmp_path / "out"
    (outputs / "public").mkdir(parents=True)
    (outputs / "public" / "OLD-2016.html").write_text(LEAKY)
    assert run_reports([tmp_path / "params"], outputs=outputs) == 1
    err = capsys.readouterr().err
    assert "T1-public.yaml" in err and "does not meet the contract" in err
    assert "a count of 3" in err
    assert not (outputs / "public" / "OLD-2016.html").exists()
    assert (outputs / "quarantine" / "OLD-2016.html").read_text() == LEAKY
    assert str(outputs / "quarantine" / "OLD-2016.html") in err


def test_a_small_count_in_public_narrative_is_refused_before_rendering(tiny, tmp_path, capsys):  # noqa: F811
    params_file(
        tmp_path / "params",
        tiny,
        narrative={"introduction": "Only 3 BME staff entered a disciplinary process."},
    )
    outputs = tmp_path / "out"
    assert run_reports([tmp_path / "params"], outputs=outputs) == 1
    err = capsys.readouterr().err
    assert "narrative.introduction" in err and "'3'" in err
    assert not (outputs / "public" / "T1-2016.html").exists()
    assert not (outputs / "runs" / "public" / "T1-2016.log").exists()


def test_a_marked_number_in_public_narrative_passes_the_check(tiny, tmp_path):  # noqa: F811
    from wres_helpers.batch.prose import narrative_problems
    from wres_helpers.report.params import load_params

    path = params_file(
        tmp_path / "params",
        tiny,
        narrative={"introduction": "Our target is 3 more BME board members by 2026."},
        narrative_numbers=[3, 2026],
    )
    assert narrative_problems(load_params(path), None) == []


def test_pro_forma_entries_for_non_members_are_refused(tiny, tmp_path):  # noqa: F811
    from wres_helpers.batch.prose import pro_forma_problems
    from wres_helpers.report.params import load_params

    # The tiny extract's cluster K1 has two members, C1 and C2; T1 is a trust outside it.
    path = params_file(
        tmp_path / "params",
        tiny,
        entity="K1",
        report_type="cluster",
        pro_forma={"C1": {"workforce_analysis": True}, "T1": {"diversity_targets": True}},
    )
    found = pro_forma_problems(load_params(path), None)
    assert len(found) == 1 and found[0].startswith("pro_forma.T1: not a member of K1")

"""`wres audit`: each kind of leak, planted in a real rendered report, is caught."""

import shutil

import pytest
from conftest import example_extract

from wres_helpers.batch.audit import audit_folder
from wres_helpers.cli import main
from wres_helpers.figures.disclosure import Policy


@pytest.fixture
def public(rendered, tmp_path):
    outputs, _ = rendered
    folder = tmp_path / "public"
    shutil.copytree(outputs / "public", folder)
    return folder, outputs / ".cache"


def audit(folder, cache):
    return audit_folder(folder, extracts=[example_extract()], cache_dir=cache)


def plant(folder, text, name="RX1-2023.html"):
    page = folder / name
    html = page.read_text()
    page.write_text(html.replace("</main>", text + "</main>", 1))


def test_rendered_public_reports_pass(public):
    folder, cache = public
    assert audit(folder, cache) == []


@pytest.mark.parametrize(
    "leak, words",
    [
        ('<div class="jp-InputArea"><pre>import pandas</pre></div>', "code cell"),
        ("<pre>Traceback (most recent call last):\n  File x</pre>", "traceback"),
        ("<p>Read from /work/main/data/example/staff.csv</p>", "file path"),
        ("<p>See staff.csv for details.</p>", "file"),
        (
            '<table class="data"><thead><tr><th>staff_id</th><th>ethnic_category</th></tr></thead>'
            "<tbody><tr><td>x</td><td>A</td></tr></tbody></table>",
            "record-level",
        ),
        (
            '<table class="data"><thead><tr><th>Group</th><th>BME</th></tr></thead>'
            "<tbody><tr><th>Band 8C</th><td>3</td></tr></tbody></table>",
            "a count of 3",
        ),
        (
            '<figure><img src="data:image/png;base64,AA" alt="BME share 31.37%"></figure>',
            "not a published value",
        ),
        ("<p>BME applicants were 11.68% of those appointed.</p>", "not a published value"),
        # A count cell edited to 8: above the suppression threshold (7), but every
        # published count is a multiple of the rounding base (5), and 8 is not.
        ("<!-- BME share 31.37% -->", "not a published value"),
        ('<span title="BME share 31.37%">x</span>', "not a published value"),
        ('<div data-bme-share="31.37%"></div>', "not a published value"),
    ],
)
def test_each_planted_leak_is_caught(public, leak, words):
    folder, cache = public
    plant(folder, leak)
    findings = audit(folder, cache)
    assert any(words in str(f) for f in findings), findings


def test_an_identifier_from_the_extract_is_caught(public):
    folder, cache = public
    import pandas as pd

    staff_id = pd.read_csv(example_extract() / "staff.csv", nrows=1)["staff_id"].iloc[0]
    plant(folder, f"<p>Case {staff_id}</p>")
    assert any("identifier" in str(f) for f in audit(folder, cache))


@pytest.mark.parametrize("where", ["<!-- case {} -->", '<span title="case {}">x</span>'])
def test_an_identifier_in_a_comment_or_an_attribute_is_caught(public, where):
    folder, cache = public
    import pandas as pd

    staff_id = pd.read_csv(example_extract() / "staff.csv", nrows=1)["staff_id"].iloc[0]
    plant(folder, where.format(staff_id))
    assert any("identifier" in str(f) for f in audit(folder, cache))


def test_unpublishable_files_are_caught(public):
    folder, cache = public
    (folder / "RX1-2023.ipynb").write_text("{}")
    (folder / "indicators.csv").write_text("entity,statistic,value\nRX1,bme_n,4\n")
    findings = [str(f) for f in audit(folder, cache)]
    assert any("never published" in f for f in findings)
    assert any("a count of 4" in f for f in findings)


def test_cli_audit_exits_non_zero_on_a_leak(public, capsys):
    folder, _ = public
    plant(folder, "<pre>Traceback (most recent call last):</pre>")
    assert main(["audit", str(folder)]) == 1
    assert "traceback" in capsys.readouterr().out


def _page_with_count(folder, count: int, name: str = "X1-2023.html"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        "<html><body><main><table><thead><tr><th>Group</th><th>BME</th></tr></thead>"
        f"<tr><td>Band 5</td><td>{count}</td></tr></table></main></body></html>"
    )


def test_each_page_is_audited_against_its_own_policy(tmp_path):
    # A count of 9 is publishable under the default rule (1-7 withheld) but not
    # under a report whose params withhold counts from 1 to 10.
    folder = tmp_path / "public"
    _page_with_count(folder, 9)
    assert audit_folder(folder) == []
    strict = Policy(max_suppressed=10)
    findings = audit_folder(folder, policies={"X1-2023.html": strict})
    assert [f.what for f in findings] == ["a count of 9"]


def test_cli_audit_takes_the_policy(tmp_path, capsys):
    folder = tmp_path / "public"
    _page_with_count(folder, 12)
    # 12 is exact under cell suppression; under rounding to 5 it cannot appear.
    assert main(["audit", str(folder)]) == 0
    assert main(["audit", str(folder), "--method", "rounding"]) == 1
    assert "not rounded to 5" in capsys.readouterr().out


def test_run_policy_options_take_the_place_of_the_params(tmp_path):
    from conftest import example_params

    from wres_helpers.batch.orchestrate import Tally, load_jobs

    params = example_params(tmp_path / "params", ["RX1-public"])
    tally = Tally()
    load_jobs(params, None, tally, {"method": "rounding", "max_suppressed": 9})
    (job,) = tally.queue
    assert (job.params.method, job.params.max_suppressed) == ("rounding", 9)
    assert Policy.of(job.params) == Policy(max_suppressed=9, method="rounding")


def _band(withheld):
    """Band 5: White 50, BME 1, Unknown 1, All 52, with the given cells withheld."""
    import pandas as pd

    return pd.DataFrame(
        {
            "entity": "T1",
            "year": 2016,
            "measure": "staff",
            "breakdown": "Clinical|Band 5",
            "ethnic_group": ["White", "BME", "Unknown", "All"],
            "count": [50.0, 1, 1, 52],
            "suppressed": withheld,
        }
    )


def test_the_audit_finds_counts_a_reader_can_pin():
    """BME and Unknown withheld beside White 50 and All 52: BME + Unknown = 2, each at
    least 1, so both are 1. With White withheld too, BME is 1 or 2."""
    from wres_helpers.batch.audit.recovery import pinned_cells

    exact = [50.0, 1, 1, 52]
    found = pinned_cells(_band([False, True, True, False]), exact, {}, "extract x")
    assert [f.where for f in found] == [
        "T1 2016 staff Clinical|Band 5 BME",
        "T1 2016 staff Clinical|Band 5 Unknown",
    ]
    assert pinned_cells(_band([True, True, True, False]), exact, {}, "extract x") == []


def test_a_complement_planted_back_into_the_examples_published_counts_is_found():
    """Publish one complement of the example's: the count it protected can be worked out."""
    import numpy as np

    from wres_helpers.batch.audit.recovery import pinned_cells
    from wres_helpers.figures import relations
    from wres_helpers.figures.engine import build

    engine = build(example_extract(), Policy())
    counts = engine.exact.counts
    exact = counts.loc[counts["measure"] != "survey_positive", "count"].to_numpy(float)
    cells = engine.published.cells().copy()
    clusters = dict(engine.exact.clusters)
    assert pinned_cells(cells, exact, clusters, "example") == []
    # A band's groups relation with exactly two withheld cells, one small, one not.
    rel = relations.instances(cells, clusters)
    withheld = cells["suppressed"].to_numpy()
    groups = np.flatnonzero(rel.family == "groups")
    two = [i for i in groups if withheld[rel.cell[rel.instance == i]].sum() == 2]
    for i in two:
        members = rel.cell[rel.instance == i]
        hidden = members[withheld[members]]
        big = hidden[exact[hidden] >= 8]
        if len(big) == 1 and ((exact[hidden] >= 1) & (exact[hidden] <= 7)).any():
            break
    else:
        pytest.fail("the example has no relation with one small and one complement withheld")
    cells.loc[big[0], "suppressed"] = False
    cells.loc[big[0], "count"] = exact[big[0]]
    small = hidden[hidden != big[0]][0]
    found = pinned_cells(cells, exact, clusters, "example")
    key = " ".join(str(cells.iloc[small][k]) for k in relations.KEY)
    assert key in [f.where for f in found]

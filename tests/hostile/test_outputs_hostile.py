"""The batch owns its outputs: duplicate reports refused, one run at a time per folder."""

import fcntl
import subprocess
import sys

import yaml

from wres_helpers.batch.runner import collect, run_reports


def params(folder, name, **data):
    folder.mkdir(parents=True, exist_ok=True)
    base = {"entity": "T1", "year": 2016, "extract": "nowhere", "audience": "public"}
    (folder / name).write_text(yaml.safe_dump({**base, **data}))
    return folder / name


def test_two_params_files_for_one_report_are_both_refused(tmp_path, capsys):
    folder = tmp_path / "params"
    first = params(folder, "a.yaml")
    second = params(folder, "b.yaml", title="Another title")
    assert run_reports([folder], outputs=tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert "same report (T1-2016, public)" in err
    assert f"{first}: two params files" in err and f"{second}: two params files" in err


def test_a_second_run_on_a_locked_folder_is_refused(tmp_path):
    folder = tmp_path / "params"
    params(folder, "a.yaml")
    outputs = tmp_path / "out"
    outputs.mkdir()
    with open(outputs / ".wres-run.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        run = subprocess.run(
            [sys.executable, "-m", "wres_helpers", "run", str(folder), "--outputs", str(outputs)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "another wres run is writing to this folder" in run.stderr
    assert not (outputs / "public").exists()


def test_a_relative_outputs_folder_is_resolved_once(tmp_path):
    folder = tmp_path / "params"
    params(folder, "a.yaml")
    run = subprocess.run(
        [sys.executable, "-m", "wres_helpers", "run", str(folder), "--outputs", "rel/out"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"under {tmp_path / 'rel' / 'out'}" in run.stdout


def test_params_files_in_upper_case_are_collected(tmp_path):
    folder = tmp_path / "params"
    params(folder, "A.YAML")
    params(folder, "b.Yml", entity="T2")
    (folder / "_DEFAULTS.YAML").write_text("max_suppressed: 7\n")
    assert [p.name for p in collect([folder])] == ["A.YAML", "b.Yml"]

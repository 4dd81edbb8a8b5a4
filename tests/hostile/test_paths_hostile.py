"""Codes that would become paths, and a table that is a symbolic link."""

import os
import subprocess
import sys

from conftest import write_extract


def wres(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "wres_helpers", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


STAFF = [
    {
        "org_code": "T1",
        "year": 2016,
        "staff_id": f"s{i}",
        "ethnic_category": "A",
        "pay_band": "5",
        "clinical": "Y",
    }
    for i in range(3)
]


def test_wres_params_writes_nothing_outside_its_folder(tmp_path):
    orgs = [
        {"org_code": "T1", "org_name": "Trust", "org_type": "trust", "cluster": ""},
        {"org_code": "../../x", "org_name": "Escape", "org_type": "ccg", "cluster": "../../k"},
    ]
    extract = write_extract(tmp_path / "deep" / "er" / "extract", {"organisations": orgs, "staff": STAFF})
    out = tmp_path / "deep" / "er" / "params"
    run = wres("params", extract, "--out", out)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "org_code" in run.stderr and "cluster" in run.stderr
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.yaml"))
    assert written == []


def test_a_symlinked_table_is_refused_without_quoting_its_target(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-password-line,more\nsecond line\n")
    extract = write_extract(
        tmp_path / "x",
        {"organisations": [{"org_code": "T1", "org_name": "Trust", "org_type": "trust"}]},
    )
    os.symlink(secret, extract / "staff.csv")
    run = wres("validate", extract)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "symbolic link" in run.stderr
    assert "TOPSECRET" not in run.stderr + run.stdout

"""The hostile-input corpus: every broken extract exits 2, names table, row and column,
prints no traceback, and writes nothing."""

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
import build  # noqa: E402

CORPUS = Path(__file__).parent / "hostile"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir() and (p / "expect.txt").exists())


def test_the_corpus_has_at_least_25_cases():
    assert len(CASES) + 2 >= 27


def check(folder: Path, expect: str, tmp_path: Path):
    table, row, column = expect.strip().split("|")
    tmp_path.mkdir(parents=True, exist_ok=True)
    out = tmp_path / "indicators.csv"
    run = subprocess.run(
        [sys.executable, "-m", "wres_helpers", "indicators", str(folder), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []
    lines = [line for line in run.stderr.splitlines() if f"table {table}" in line]
    assert lines, run.stderr[-2000:]
    if row:
        lines = [line for line in lines if f"row {row}," in line or f"row {row}:" in line]
        assert lines, run.stderr[-2000:]
    if column:
        assert any(f"column {column}" in line for line in lines), run.stderr[-2000:]
    assert max(len(line) for line in run.stderr.splitlines()) < 500  # values are shortened


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_extract(case, tmp_path):
    check(case, (case / "expect.txt").read_text(), tmp_path / "out")


@pytest.mark.batch
@pytest.mark.parametrize("name", ["garbage-100000-rows", "one-megabyte-field"])
def test_large_hostile_extract(name, tmp_path):
    expectations = build.large_cases(tmp_path / "corpus")
    check(tmp_path / "corpus" / name, expectations[name], tmp_path / "out")


def test_names_with_markup_and_formulas_are_escaped_and_neutralised(tmp_path):
    from conftest import write_extract

    from wres_helpers.cli import main
    from wres_helpers.report.page import render_index

    folder = write_extract(
        tmp_path / "x",
        {
            "organisations": [
                {"org_code": "T1", "org_name": '=HYPERLINK("http://x","y")', "org_type": "trust"},
                {"org_code": "T2", "org_name": "<script>alert(1)</script>", "org_type": "trust"},
            ],
            "staff": [
                {
                    "org_code": "T1",
                    "year": 2016,
                    "staff_id": "a",
                    "ethnic_category": "A",
                    "pay_band": "5",
                    "clinical": "Y",
                }
            ],
        },
    )
    out = tmp_path / "i.csv"
    assert main(["indicators", str(folder), "--out", str(out)]) == 0
    assert "'=HYPERLINK" in out.read_text()
    page = render_index(
        [
            {
                "file": "x.html",
                "name": "<script>alert(1)</script>",
                "entity": "T2",
                "type": "provider",
                "year": 2016,
                "headline": {},
            }
        ],
        "public",
        "",
    )
    # The index's own script is there to sort and filter; the name's never is.
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page

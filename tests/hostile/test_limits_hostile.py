"""Resource limits: a zip-bomb workbook and a large CSV with one ragged row."""

import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

HERE = Path(__file__).parent


PEAK = (
    "import resource, sys\n"
    "from wres_helpers.cli import main\n"
    "code = main(['validate', sys.argv[1]])\n"
    "print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def validate(folder: Path) -> tuple[subprocess.CompletedProcess, int]:
    """``wres validate`` in a child; returns the run and the child's own peak memory (bytes)."""
    run = subprocess.run(
        [sys.executable, "-c", PEAK, str(folder)], capture_output=True, text=True, timeout=600
    )
    peak = [line for line in run.stderr.splitlines() if line.startswith("peak ")]
    assert peak, run.stderr[-2000:]
    return run, int(peak[-1].split()[1]) * 1024


def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(tmp_path):
    folder = tmp_path / "x"
    shutil.copytree(HERE / "ragged-row", folder)
    (folder / "staff.csv").unlink()
    with zipfile.ZipFile(folder / "staff.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        # 100 MB of one repeated byte packs to about 100 KB: a ratio near 1000.
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * 100_000_000)
    assert (folder / "staff.xlsx").stat().st_size < 1_000_000
    start = time.monotonic()
    run, _ = validate(folder)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "zip bomb" in run.stderr and "table staff" in run.stderr
    assert time.monotonic() - start < 60


@pytest.mark.batch
def test_a_large_csv_with_one_ragged_row_is_refused_in_bounded_memory(tmp_path):
    small, baseline = validate(HERE / "ragged-row")
    assert small.returncode == 2
    folder = tmp_path / "big"
    shutil.copytree(HERE / "ragged-row", folder)
    rows = 1_500_000
    with open(folder / "staff.csv", "w") as handle:
        handle.write("org_code,year,staff_id,ethnic_category,pay_band,clinical\n")
        handle.writelines(f"T1,2016,s{i},A,Band 5,Y\n" for i in range(rows))
        handle.write("T1,2016,x,A,Band 5,Y,extra\n")
    size = (folder / "staff.csv").stat().st_size
    run, peak = validate(folder)
    assert run.returncode == 2 and f"table staff, row {rows + 2}" in run.stderr
    # Reading the rows into Python lists costs over 20 times the file's size;
    # the bytes, one decoded copy and pyarrow's buffers stay under 10 times.
    assert peak - baseline < 10 * size, (peak, baseline, size)

"""Benchmarks (``make bench``, ``make bench-reports``): figures for the README, not tests.

``indicators``: a national-scale extract (about 1.4 million staff a year in
230 organisations, two years, about 1.1 million applications a year) in
Parquet and in CSV; ``wres indicators`` is timed beside a bare pyarrow read
of the same files into pandas, each in a fresh process, with peak memory.

``reports``: ``wres run`` on a batch of reports beside the naive way (a
shell loop of ``papermill`` then ``jupyter nbconvert`` per report), and an
empty notebook executed and rendered, the kernel's floor.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"

_BARE_READ = """
import sys, pathlib, pyarrow.parquet as pq, pyarrow.csv as pc
for p in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    t = pq.read_table(p) if p.suffix == ".parquet" else pc.read_csv(p)
    t.to_pandas()
"""


def _run_measured(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB, read from the child's rusage."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {mem:.0f} GiB, {cpu}, Python {platform.python_version()}"


def bench_indicators() -> None:
    from .example import write_national
    print(f"machine: {machine()}")
    for fmt in ("parquet", "csv"):
        folder = BENCH / f"national-{fmt}"
        if not (folder / f"staff.{fmt}").exists():
            print(f"generating the national extract as {fmt} in {folder} ...", flush=True)
            write_national(folder, fmt)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        bare, bare_mem = _run_measured([sys.executable, "-c", _BARE_READ, str(folder)])
        out = Path(tempfile.mkdtemp()) / "indicators.csv"
        wres, wres_mem = _run_measured([sys.executable, "-m", "wres_helpers", "indicators",
                                        str(folder), "--out", str(out), "--audience", "public"])
        print(f"{fmt:8s} {size:7.0f} MB on disk | bare pyarrow read {bare:6.2f} s "
              f"({bare_mem:5.0f} MB peak) | wres indicators {wres:6.2f} s "
              f"({wres_mem:5.0f} MB peak) | ratio {wres / bare:4.2f} (target <= 5, < 3000 MB)",
              flush=True)


def bench_reports(n: int = 6) -> None:
    from .params import write_params_files
    print(f"machine: {machine()}")
    work = Path(tempfile.mkdtemp(prefix="wres-bench-"))
    example = REPO / "data" / "example"
    files = write_params_files(example, work / "params", "public", None)[:n]
    bin_dir = Path(sys.executable).parent

    start = time.perf_counter()
    for params in files:
        from .params import load_params, notebook_for
        p = load_params(params)
        nb_out = work / "naive" / f"{params.stem}.ipynb"
        nb_out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(bin_dir / "papermill"), str(notebook_for(p)), str(nb_out), "-f",
                        str(params), "--cwd", str(REPO / "notebooks"), "-k", "python3"],
                       check=True, capture_output=True)
        subprocess.run([str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                        str(nb_out)], check=True, capture_output=True)
    naive = time.perf_counter() - start

    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "wres_helpers", "run", str(work / "params"),
                    "--outputs", str(work / "out")], check=False, capture_output=True)
    ours = time.perf_counter() - start

    empty = work / "empty.ipynb"
    import nbformat
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, empty)
    start = time.perf_counter()
    subprocess.run([str(bin_dir / "papermill"), str(empty), str(work / "empty-out.ipynb"),
                    "-k", "python3"], check=True, capture_output=True)
    subprocess.run([str(bin_dir / "jupyter"), "nbconvert", "--to", "html",
                    str(work / "empty-out.ipynb")], check=True, capture_output=True)
    floor = time.perf_counter() - start
    count = len(files)
    print(f"{count} reports | naive loop {naive:6.1f} s ({naive / count:5.2f} s/report) | "
          f"wres run {ours:6.1f} s ({ours / count:5.2f} s/report) | "
          f"speed-up {naive / ours:4.1f}x (target >= 3)")
    print(f"empty notebook executed and rendered: {floor:5.2f} s | wres run per report / floor: "
          f"{ours / count / floor:4.2f} (target <= 2)")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "indicators"
    {"indicators": bench_indicators, "reports": bench_reports}[what]()

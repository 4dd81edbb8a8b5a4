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


def _median_of(n: int, cmd: list[str]) -> tuple[float, float]:
    """Median wall time and largest peak memory of ``n`` runs (this machine is noisy)."""
    runs = [_run_measured(cmd) for _ in range(n)]
    times = sorted(t for t, _ in runs)
    return times[n // 2], max(m for _, m in runs)


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
    from wres_helpers.example import write_national

    print(f"machine: {machine()}")
    for fmt in ("parquet", "csv"):
        folder = BENCH / f"national-{fmt}"
        if not (folder / f"staff.{fmt}").exists():
            print(f"generating the national extract as {fmt} in {folder} ...", flush=True)
            write_national(folder, fmt)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        out = Path(tempfile.mkdtemp()) / "indicators.csv"
        bare, bare_mem = _median_of(3, [sys.executable, "-c", _BARE_READ, str(folder)])
        wres, wres_mem = _median_of(
            3,
            [
                sys.executable,
                "-m",
                "wres_helpers",
                "indicators",
                str(folder),
                "--out",
                str(out),
                "--audience",
                "public",
            ],
        )
        print(
            f"{fmt:8s} {size:7.0f} MB on disk | median of 3: bare pyarrow read {bare:6.2f} s "
            f"({bare_mem:5.0f} MB peak) | wres indicators {wres:6.2f} s "
            f"({wres_mem:5.0f} MB peak) | ratio {wres / bare:4.2f} (target <= 5, < 3000 MB)",
            flush=True,
        )


def bench_reports(n: int = 8) -> None:
    """``wres run`` on ``n`` example reports beside the naive shell loop."""
    import nbformat
    import yaml

    from wres_helpers.report.params import load_params, notebook_for
    from wres_helpers.report.params_write import write_params_files

    print(f"machine: {machine()}")
    work = Path(tempfile.mkdtemp(prefix="wres-bench-"))
    example = REPO / "data" / "example"
    files = write_params_files(example, work / "params", "public", None)[:n]
    bin_dir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if k != "WRES_CACHE_DIR"}

    start = time.perf_counter()
    for params_file in files:
        p = load_params(params_file)
        values = work / "naive" / f"{params_file.stem}.yaml"
        values.parent.mkdir(parents=True, exist_ok=True)
        values.write_text(
            yaml.safe_dump(
                {
                    "entity": p.entity,
                    "year": p.year,
                    "extract": p.extract,
                    "audience": p.audience,
                    "options": p.options(),
                }
            )
        )
        executed = values.with_suffix(".ipynb")
        subprocess.run(
            [
                str(bin_dir / "papermill"),
                str(notebook_for(p)),
                str(executed),
                "-f",
                str(values),
                "--cwd",
                str(REPO / "notebooks"),
                "-k",
                "python3",
            ],
            check=True,
            capture_output=True,
            env=env,
        )
        subprocess.run(
            [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            check=True,
            capture_output=True,
            env=env,
        )
    naive = time.perf_counter() - start

    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "wres_helpers",
            "run",
            *map(str, files),
            "--outputs",
            str(work / "out"),
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    ours = time.perf_counter() - start

    empty = work / "empty.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1")]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, empty)
    start = time.perf_counter()
    subprocess.run(
        [str(bin_dir / "papermill"), str(empty), str(work / "empty-out.ipynb"), "-k", "python3"],
        check=True,
        capture_output=True,
        env=env,
    )
    subprocess.run(
        [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", str(work / "empty-out.ipynb")],
        check=True,
        capture_output=True,
        env=env,
    )
    floor = time.perf_counter() - start
    count = len(files)
    print(
        f"{count} reports | naive loop {naive:6.1f} s ({naive / count:5.2f} s/report) | "
        f"wres run {ours:6.1f} s ({ours / count:5.2f} s/report, cache built in the run) | "
        f"speed-up {naive / ours:4.1f}x (target >= 3)"
    )
    print(
        f"empty notebook executed and rendered: {floor:5.2f} s | wres run per report / floor: "
        f"{ours / count / floor:4.2f} (target <= 2)"
    )


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "indicators"
    {"indicators": bench_indicators, "reports": bench_reports}[what]()

"""``make bench-national``: every organisation's and cluster's public report from the nation.

From ``make bench``'s national-scale extract (Parquet), ``wres params`` then
``wres run --jobs 2``, timed as a whole. Peak memory is the whole process
tree's: the summed resident memory (RSS) of the ``wres`` process and all its
descendants (workers and kernels), sampled with psutil every 0.2 s. The
largest single kernel is reported too: a kernel loads only its entity's slice
of the report data, never the nation's. The run is split into its phases
from the reports' own logs: preparation (read, validate, count, slices),
reports (first report started to last rendered) and the run's end (index,
spreadsheets, audit). ``--limit N`` runs N of the params files, spread over
the list, when the whole will not fit the time there is. Figures for the
README, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import BENCH, machine  # noqa: E402

TARGET_SECONDS = 600
TARGET_MB = 4096


class TreeSampler(threading.Thread):
    """Samples a process tree's summed RSS, and its largest kernel's, every ``interval`` s."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.kernel_peak = 0
        self.done = threading.Event()

    def _sample(self) -> None:
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        total = 0
        for proc in procs:
            try:
                rss = proc.memory_info().rss
                total += rss
                if "ipykernel" in " ".join(proc.cmdline()):
                    self.kernel_peak = max(self.kernel_peak, rss)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        self.peak = max(self.peak, total)

    def run(self) -> None:
        while not self.done.is_set():
            self._sample()
            self.done.wait(self.interval)


def _timed(cmd: list[str], env: dict) -> tuple[float, TreeSampler, int, str]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    sampler.done.set()
    sampler.join()
    return time.perf_counter() - start, sampler, proc.returncode, (out + err).decode()


def phases(runs: Path, started: float, ended: float) -> str:
    """Preparation, reports and the run's end, from each report's log (first and last line)."""
    spans = []
    for log in runs.glob("*.log"):
        lines = log.read_text().splitlines()
        if lines and "rendered" in lines[-1]:
            first, last = (
                dt.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp()
                for line in (lines[0], lines[-1])
            )
            spans.append((first, last))
    if not spans:
        return "phases: no report rendered"
    first = min(a for a, _ in spans)
    last = max(b for _, b in spans)
    each = sum(b - a for a, b in spans) / len(spans)
    return (
        f"phases: preparation {first - started:.1f} s | reports {last - first:.1f} s "
        f"({each:.1f} s a report a worker) | the run's end {ended - last:.1f} s"
    )


def _limit(folder: Path, n: int | None) -> None:
    """Keep ``n`` params files, spread evenly over the sorted list."""
    files = sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))
    if n is None or n >= len(files):
        return
    keep = {files[round(i * len(files) / n)] for i in range(n)}
    for path in files:
        if path not in keep:
            path.unlink()


def main() -> None:
    from wres_helpers.example import write_national

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="run this many params files, not all")
    limit = parser.parse_args().limit

    extract = BENCH / "national-parquet"
    if not (extract / "staff.parquet").exists():
        print(f"generating the national extract in {extract} ...", flush=True)
        write_national(extract, "parquet")
    work = Path(tempfile.mkdtemp(prefix="wres-national-"))
    wres = str(Path(sys.executable).parent / "wres")
    env = {k: v for k, v in os.environ.items() if k != "WRES_CACHE_DIR"}
    print(f"machine: {machine()}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    cmd = [wres, "params", str(extract), "--out", str(work / "params"), "--audience", "public"]
    t_params, s_params, rc, text = _timed(cmd, env)
    if rc:
        raise SystemExit(f"wres params failed:\n{text[-2000:]}")
    _limit(work / "params", limit)
    n_params = len([p for p in (work / "params").glob("*.yaml") if p.name[0] != "_"])
    cmd = [wres, "run", str(work / "params"), "--jobs", "2", "--outputs", str(work / "out")]
    started = time.time()
    t_run, s_run, rc, text = _timed(cmd, env)
    ended = time.time()
    rendered = len([p for p in (work / "out" / "public").glob("*.html") if p.name != "index.html"])
    match = re.search(r"(\d+) failure\(s\)", text)
    failures = int(match.group(1)) if match else (0 if rc == 0 else -1)
    total = t_params + t_run
    peak = max(s_params.peak, s_run.peak) / 2**20
    print(
        f"{n_params} params files in {t_params:.1f} s; wres run --jobs 2: {rendered} reports "
        f"rendered in {t_run:.1f} s ({t_run / max(rendered, 1):.2f} s/report)"
    )
    print(
        f"whole: {total:.1f} s (target < {TARGET_SECONDS}) | peak RSS of the process tree "
        f"{peak:.0f} MB (psutil, 0.2 s samples; target < {TARGET_MB}) | largest kernel "
        f"{s_run.kernel_peak / 2**20:.0f} MB | failures {failures} (exit code {rc})"
    )
    print(phases(work / "out" / "runs" / "public", started, ended))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if failures:
        print(text[-3000:], file=sys.stderr)


if __name__ == "__main__":
    main()

"""How long a kernel takes to load its slice of the cached report data (figures for the README).

``python benchmarks/slice_load.py [EXTRACT]`` prepares the extract's report
data into a cache under ``bench/.cache`` (as ``wres run`` does; reused when
already there), then loads every public entity's slice as a kernel does
(:func:`wres_helpers.report.cache.load`), three times each in this process
after the imports, and prints the median, the 95th percentile and the
largest time, with the slices' sizes on disk. The default extract is the
example; ``bench/national-parquet`` is ``make bench``'s national one.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import BENCH, REPO, machine  # noqa: E402


def main(extract: Path) -> None:
    from wres_helpers.figures.disclosure import Policy
    from wres_helpers.report.cache import load, prepare
    from wres_helpers.report.slices import slice_folder

    print(f"machine: {machine()}")
    start = time.perf_counter()
    entry = prepare(extract, Policy(), BENCH / ".cache")["public"]
    print(f"prepare (or find) the cache: {time.perf_counter() - start:.1f} s")
    folders = sorted(p for p in slice_folder(entry).iterdir() if p.is_dir())
    times = []
    for _ in range(3):
        for folder in folders:
            start = time.perf_counter()
            load(folder)
            times.append(1000 * (time.perf_counter() - start))
    times.sort()
    size = [sum(f.stat().st_size for f in p.iterdir()) / 2**10 for p in folders]
    print(
        f"{len(folders)} slices, {statistics.median(size):.0f} KB median on disk: load "
        f"median {statistics.median(times):.0f} ms, 95th percentile "
        f"{times[int(0.95 * (len(times) - 1))]:.0f} ms, largest {times[-1]:.0f} ms"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "data" / "example")

"""``make bench-profile``: where ``wres indicators`` spends its time at national scale.

Two views of one whole process, imports included: ``python -X importtime``
(the slowest imports, cumulative) and cProfile (the functions with the most
cumulative and own time). Figures for the README, not a test.
"""

from __future__ import annotations

import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import BENCH, machine  # noqa: E402

TOP = 15


def _imports(cmd: list[str]) -> None:
    """The slowest imports by cumulative time, from ``-X importtime``."""
    err = subprocess.run(
        [sys.executable, "-X", "importtime", *cmd], capture_output=True, text=True, check=True
    ).stderr
    rows = []
    for line in err.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _self, cumulative, name = line[12:].split("|")
            # Outermost imports only (no indent): their time includes what they import.
            if name.startswith(" ") and not name.startswith("  "):
                rows.append((int(cumulative), name.strip()))
    top = sorted(rows, reverse=True)[:TOP]
    print("slowest imports (cumulative ms, outermost imports):")
    for cumulative, name in top:
        print(f"  {cumulative / 1000:8.0f} ms  {name}")


def _profile(cmd: list[str]) -> None:
    out = Path(tempfile.mkdtemp()) / "indicators.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), *cmd], check=True)
    for key in ("cumulative", "tottime"):
        print(f"cProfile, top {TOP} by {key}:")
        stats = pstats.Stats(str(out))
        stats.sort_stats(key).print_stats(TOP)


def main() -> None:
    from wres_helpers.example import write_national

    extract = BENCH / "national-parquet"
    if not (extract / "staff.parquet").exists():
        write_national(extract, "parquet")
    out = Path(tempfile.mkdtemp()) / "indicators.csv"
    cmd = ["-m", "wres_helpers", "indicators", str(extract), "--out", str(out)]
    cmd += ["--audience", "public"]
    print(f"machine: {machine()}")
    _imports(cmd)
    _profile(cmd)


if __name__ == "__main__":
    main()

"""``make bench-scale``: ``wres indicators`` at 1, 10 and 100 percent of national scale.

The same 230 organisations and two years, with 1, 10 and 100 percent of the
national staff (and the applications, events and board that go with them),
in Parquet. Each size is timed in a fresh process (median of 3), beside a
bare pyarrow read of the same files. Time per million rows that does not grow
with size shows cost growing no faster than linearly; the fixed part (imports,
the per-entity work) shows as a higher per-row cost at 1 percent.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import _BARE_READ, BENCH, _median_of, machine  # noqa: E402

SHARES = (0.01, 0.10, 1.00)
NATIONAL_STAFF = 1_400_000


def _extract(share: float) -> Path:
    from wres_helpers.example import generate, national_orgs, write

    # The whole nation is ``make bench``'s own extract.
    folder = BENCH / ("national-parquet" if share == 1 else f"scale-{round(share * 100)}pct")
    if not (folder / "staff.parquet").exists():
        print(f"generating {share:.0%} of national scale in {folder} ...", flush=True)
        tables = generate(
            national_orgs(total_staff=round(NATIONAL_STAFF * share)), (2022, 2023), plain=True
        )
        tables.pop("providers", None)
        write(tables, folder, default="parquet")
    return folder


def _rows(folder: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in folder.glob("*.parquet"))


def main() -> None:
    print(f"machine: {machine()}")
    print(
        f"{'share':>6} {'rows':>10} {'bare s':>7} {'wres s':>7} {'ratio':>6} "
        f"{'s per M rows':>12} {'peak MB':>8} {'load avg':>8}"
    )
    for share in SHARES:
        folder = _extract(share)
        rows = _rows(folder)
        out = Path(tempfile.mkdtemp()) / "indicators.csv"
        bare, _ = _median_of(3, [sys.executable, "-c", _BARE_READ, str(folder)])
        cmd = [sys.executable, "-m", "wres_helpers", "indicators", str(folder), "--out", str(out)]
        wres, peak = _median_of(3, cmd + ["--audience", "public"])
        print(
            f"{share:6.0%} {rows:10,d} {bare:7.2f} {wres:7.2f} {wres / bare:6.2f} "
            f"{wres / rows * 1e6:12.2f} {peak:8.0f} {os.getloadavg()[0]:8.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()

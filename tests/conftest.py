"""Shared fixtures: tiny hand-made extracts, small enough to check by eye."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "data" / "example"


def write_extract(folder: Path, tables: dict[str, list[dict] | pd.DataFrame]) -> Path:
    """Write each table as CSV (strings as given) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


def people(org, year, prefix, groups: dict[str, int], **extra):
    """Rows for ``n`` people of each ethnic category code, e.g. {"A": 3, "H": 2}."""
    rows = []
    for code, n in groups.items():
        for _ in range(n):
            rows.append(
                {
                    "org_code": org,
                    "year": year,
                    f"{prefix}_id": f"{org}{prefix[0]}{next(_ids)}",
                    "ethnic_category": code,
                    **extra,
                }
            )
    return rows


_ids = itertools.count()


ORGS = [
    {"org_code": "T1", "org_name": "Test Trust", "org_type": "trust", "cluster": ""},
    {"org_code": "C1", "org_name": "First CCG", "org_type": "ccg", "cluster": "K1"},
    {"org_code": "C2", "org_name": "Second CCG", "org_type": "ccg", "cluster": "K1"},
]


@pytest.fixture
def tiny(tmp_path) -> Path:
    """One trust (T1) and two CCGs (C1, C2, cluster K1), one year (2016).

    T1's staff: 6 White (A) and 4 BME (H) in Band 5 clinical, 2 Unknown (Z)
    in Band 7 non-clinical: 12 in all.
    """
    staff = (
        people("T1", 2016, "staff", {"A": 6, "H": 4}, pay_band="Band 5", clinical="Y")
        + people("T1", 2016, "staff", {"Z": 2}, pay_band="7", clinical="N")
        + people("C1", 2016, "staff", {"A": 3, "N": 1}, pay_band="8a", clinical="N")
        + people("C2", 2016, "staff", {"B": 2, "R": 2}, pay_band="Band 8A", clinical="no")
    )
    return write_extract(tmp_path / "tiny", {"organisations": ORGS, "staff": staff})


def example_extract() -> Path:
    """The example extract (``make example`` writes it; made here if missing)."""
    if not (EXAMPLE / "organisations.csv").exists():
        from wres_helpers.example import write_example

        write_example(EXAMPLE)
    return EXAMPLE


def example_params(folder: Path, names: list[str], **overrides) -> list[Path]:
    """Copy example params files into ``folder``, pointing at the example extract."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_defaults.yaml").write_text((REPO / "params" / "_defaults.yaml").read_text())
    out = []
    for name in names:
        data = yaml.safe_load((REPO / "params" / "example" / f"{name}.yaml").read_text())
        data["extract"] = str(example_extract())
        data.update(overrides)
        path = folder / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data))
        out.append(path)
    return out


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """A real batch: four reports run by papermill and rendered, public and internal."""
    from wres_helpers.batch.runner import run_reports

    params = tmp_path_factory.mktemp("params")
    example_params(params, ["RX1-public", "RX1-internal", "01A-public", "CSU01-public"])
    outputs = tmp_path_factory.mktemp("outputs")
    code = run_reports([params], jobs=2, outputs=outputs)
    return outputs, code


#: The integration tier (``-m batch``): modules that run real kernels, render pages, drive a
#: browser or build whole example reports, and tests that run the command line per case or
#: search the example extract exhaustively. ``make test-fast`` leaves them out.
BATCH_MODULES = {
    "test_runner",
    "test_faults",
    "test_reproducibility",
    "test_accessibility",
    "test_report",
}
BATCH_TESTS = {
    "test_hostile_extract",
    "test_a_total_never_pins_a_withheld_part",
    "test_public_cluster_report_reveals_no_member_by_difference",
}


def pytest_collection_modifyitems(config, items):
    """Mark the slow tier (``-m batch``) so that ``make test-fast`` can leave it out."""
    for item in items:
        owner = getattr(item, "module", None)  # doctest items have none
        module = owner.__name__.rsplit(".", 1)[-1] if owner else ""
        slow = (
            module in BATCH_MODULES
            or "rendered" in getattr(item, "fixturenames", ())
            or item.get_closest_marker("batch") is not None
        )
        if slow:
            item.add_marker(pytest.mark.batch)

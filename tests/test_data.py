"""Report data: what each audience's reports are built from."""

import numpy as np
import pandas as pd
from conftest import people, write_extract

from wres_helpers.figures.engine import build
from wres_helpers.report.data import build_report_data


def _trusts_with_small_disciplinary_counts(tmp_path):
    """Three trusts of 40 White and 40 BME staff each; T1 has 3 BME entries (withheld
    in public), T2 and T3 have 10 White and 10 BME entries (published)."""
    orgs = [
        {"org_code": f"T{i}", "org_name": f"Trust {i}", "org_type": "trust", "cluster": ""}
        for i in (1, 2, 3)
    ]
    staff, entries = [], []
    for i, bme_entries in ((1, 3), (2, 10), (3, 10)):
        org = f"T{i}"
        staff += people(org, 2020, "staff", {"A": 40, "H": 40}, pay_band="5", clinical="Y")
        white = [r for r in staff if r["org_code"] == org and r["ethnic_category"] == "A"]
        bme = [r for r in staff if r["org_code"] == org and r["ethnic_category"] == "H"]
        entries += [{**r} for r in white[:10]] + [{**r} for r in bme[:bme_entries]]
    disciplinary = pd.DataFrame(entries)[["org_code", "year", "staff_id", "ethnic_category"]]
    return write_extract(
        tmp_path / "x", {"organisations": orgs, "staff": staff, "disciplinary": disciplinary}
    )


def test_benchmarking_shows_other_organisations_public_figures_in_every_audience(tmp_path):
    engine = build(_trusts_with_small_disciplinary_counts(tmp_path))
    internal = build_report_data(engine, "internal")
    (row,) = internal.funnels[internal.funnels["indicator"] == 3].itertuples()
    # T1's BME entries (3) are withheld in public, so its likelihood (3/40 over
    # 10/40 = 0.3) may not be a point on anyone's funnel, even an internal one.
    assert sorted(row.points["entity"]) == ["T2", "T3"]
    # T2 and T3: (10/40) / (10/40) = 1, published exactly.
    assert np.allclose(row.points["rl"], [1.0, 1.0])

"""The providers each commissioner holds to account, with their reports' dates and links."""

from __future__ import annotations

import pandas as pd

from wres_helpers import vocab


def _rows(code: str, i: int, latest: int, due: str) -> list[tuple]:
    """The ``i``-th commissioner's providers: some reported on time, some late, some not."""
    return [
        (
            code,
            "RX1",
            "Northgate Hospitals NHS Trust",
            "nhs",
            310e6,
            due,
            f"{latest}-10-14",
            "https://www.example.nhs.uk/rx1/wres",
        ),
        (
            code,
            "RX2",
            "Riverside Community Health NHS Foundation Trust",
            "nhs",
            420e6,
            due,
            f"{latest}-11-20" if i % 2 else f"{latest}-10-30",
            "https://www.example.nhs.uk/rx2/wres",
        ),
        (
            code,
            "NX3",
            "Fellside Independent Hospital",
            "independent",
            35e6,
            due,
            "" if i % 2 == 0 else f"{latest}-10-02",
            "" if i % 2 == 0 else "https://www.example.org/fellside/wres",
        ),
        (code, "VX4", "Dales Hospice Care", "voluntary", 200000.0, due, "", ""),
        (
            code,
            "VX5",
            "Moorland Wellbeing Trust",
            "voluntary",
            200001.0,
            due,
            f"{latest}-10-31",
            "https://www.example.org/moorland/wres",
        ),
        (code, "Y0001", "Castle Street Surgery", "primary_care", 1.2e6, "", "", ""),
    ]


def providers_table(orgs, years) -> pd.DataFrame:
    """Each commissioner's providers in the latest year, with their reports' dates and links."""
    latest = max(years)
    ccgs = [o for o in orgs if o.org_type in vocab.COMMISSIONER_ORG_TYPES and o.exists(latest)]
    due = f"{latest}-10-31"
    rows = []
    for i, c in enumerate(ccgs):
        rows += _rows(c.code, i, latest, due)
    required, optional = vocab.TABLES["providers"]
    return pd.DataFrame(rows, columns=[*required, *optional])

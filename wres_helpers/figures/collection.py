"""What each organisation collected: measure families and the ``not_collected`` rule.

A family (staff, board, recruitment, ...) is reported for an organisation and
year as a whole or not at all. Not collected is not zero (contract, section 1):
a family listed in ``not_collected``, or one a ``wres_return`` gives no rows
for, has no counts at all, so its figures are blank.
"""

from __future__ import annotations

import pandas as pd

from wres_helpers import vocab
from wres_helpers.extract.validate import Extract

#: Measure families: a family is either reported for an organisation and year or not.
FAMILIES = {
    "staff": ("staff",),
    "board": ("board",),
    "recruitment": ("applied", "shortlisted", "appointed"),
    "disciplinary": ("disciplinary",),
    "training": ("training",),
    "leavers": ("leavers",),
    "survey": ("survey_respondents", "survey_positive"),
}
TABLE_FAMILY = {
    "staff": "staff",
    "board": "board",
    "recruitment": "recruitment",
    "disciplinary": "disciplinary",
    "training": "training",
    "leavers": "leavers",
    "survey": "survey",
    "survey_responses": "survey",
}
MEASURE_FAMILY = {m: f for f, ms in FAMILIES.items() for m in ms}


def not_collected(extract: Extract) -> pd.DataFrame:
    """``org_code, year, family`` listed in the optional ``not_collected`` table."""
    table = extract.tables.get("not_collected")
    if table is None or table.empty:
        return pd.DataFrame(columns=["org_code", "year", "family"])
    return pd.DataFrame(
        {
            "org_code": table["org_code"].astype(str).to_numpy(),
            "year": table["year"].astype("int64").to_numpy(),
            "family": table["table"].astype(str).map(TABLE_FAMILY).to_numpy(),
        }
    ).drop_duplicates()


def family_of_table(table: str) -> str:
    """The measure family a contract table feeds (``survey_responses`` -> ``survey``)."""
    return TABLE_FAMILY[table.strip().lower()]


def missing(extract: Extract) -> pd.DataFrame:
    """``org_code, year, family`` not collected: listed in ``not_collected``, or a
    family that a ``wres_return`` gives for some organisation-years and not others
    of the organisations it covers."""
    listed = not_collected(extract)
    t = extract.tables
    if "wres_return" not in t:
        return listed
    given = t["wres_return"].astype({"org_code": str, "measure": str, "ethnic_group": str})
    have = given[["org_code", "year"]].assign(family=family_of(given).to_numpy())
    have = have[have["family"] != "staff_broad"].drop_duplicates()
    years = have[["org_code", "year"]].drop_duplicates()
    every = years.merge(pd.DataFrame({"family": sorted(set(have["family"]))}), how="cross")
    absent = every.merge(have, how="left", indicator=True)
    absent = absent.loc[absent["_merge"] == "left_only", ["org_code", "year", "family"]]
    return pd.concat([listed, absent], ignore_index=True).drop_duplicates()


def collected(reported: pd.DataFrame, missing: pd.DataFrame) -> pd.DataFrame:
    """What was reported, less what ``not_collected`` lists."""
    if missing.empty:
        return reported
    key = ["org_code", "year", "family"]
    flagged = reported.merge(missing[key], on=key, how="left", indicator=True)
    return flagged.loc[flagged["_merge"] == "left_only", key]


def family_of(counts: pd.DataFrame) -> pd.Series:
    family = counts["measure"].map(MEASURE_FAMILY)
    broad = (counts["measure"] == "staff") & counts["ethnic_group"].isin(vocab.BROAD_GROUPS)
    return family.where(~broad, "staff_broad")

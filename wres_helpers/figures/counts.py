"""Counting: record-level tables aggregate to the contract's ``wres_return``.

Every indicator is computed from this one long table of counts
(``org_code, year, measure, breakdown, ethnic_group, count``). A cluster's
counts are the sums of its members'. Aggregation is one vectorised group-by
per table over categorical codes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_helpers import vocab
from wres_helpers.extract.validate import Extract, codes_of, first_seen_twice

KEY = ["org_code", "year", "measure", "breakdown", "ethnic_group"]
RETURN_COLUMNS = KEY + ["count"]

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
_TABLE_FAMILY = {
    "staff": "staff",
    "board": "board",
    "recruitment": "recruitment",
    "disciplinary": "disciplinary",
    "training": "training",
    "leavers": "leavers",
    "survey": "survey",
    "survey_responses": "survey",
}
_MEASURE_FAMILY = {m: f for f, ms in FAMILIES.items() for m in ms}


def _tally(
    frame: pd.DataFrame, by: dict[str, pd.Series | np.ndarray], measure: str, breakdown
) -> pd.DataFrame:
    """Count rows by organisation, year, ``by`` and ethnic group, on integer codes.

    ``breakdown`` is a constant, or a function of the counted frame's ``by`` columns.
    """
    columns = {
        "org_code": frame["org_code"],
        "year": frame["year"],
        **by,
        "ethnic_group": frame["ethnic_category"],
    }
    coded, labels = {}, {}
    for name, column in columns.items():
        coded[name], labels[name] = codes_of(
            pd.Series(column) if isinstance(column, np.ndarray) else column
        )
    # One mixed-radix integer per row, counted with bincount: every key column is a
    # small categorical, so the product of their sizes is small.
    sizes = [len(labels[name]) for name in columns]
    key = np.zeros(len(frame), dtype=np.int64)
    for name, size in zip(columns, sizes):
        key *= size
        key += coded[name]
    tally = np.bincount(key)
    cells = np.flatnonzero(tally)
    positions = np.unravel_index(cells, sizes)
    out = pd.DataFrame(
        {name: np.asarray(labels[name], dtype=object)[pos] for name, pos in zip(columns, positions)}
    )
    out["count"] = tally[cells]
    out["measure"] = measure
    out["breakdown"] = breakdown(out) if callable(breakdown) else breakdown
    return out[RETURN_COLUMNS]


def _staff(frame: pd.DataFrame) -> pd.DataFrame:
    band = frame["pay_band"]
    medical = np.isin(
        band.cat.codes.to_numpy(),
        [i for i, b in enumerate(band.cat.categories) if b in vocab.MEDICAL_GRADES],
    )
    clinical = frame["clinical"].to_numpy() | medical
    return _tally(
        frame,
        {"clinical": clinical, "pay_band": band},
        "staff",
        lambda o: (
            np.where(o["clinical"].astype(bool), "Clinical|", "Non-clinical|")
            + o["pay_band"].astype(str)
        ),
    )


def _board(frame: pd.DataFrame) -> pd.DataFrame:
    def label(o):
        return (
            np.where(o["voting"].astype(bool), "voting", "nonvoting").astype(object)
            + "-"
            + np.where(o["executive"].astype(bool), "executive", "nonexecutive")
        )

    return _tally(
        frame, {"voting": frame["voting"], "executive": frame["executive"]}, "board", label
    )


def _recruitment(frame: pd.DataFrame) -> list[pd.DataFrame]:
    return [
        _tally(frame, {}, "applied", "All"),
        _tally(frame[frame["shortlisted"]], {}, "shortlisted", "All"),
        _tally(frame[frame["appointed"]], {}, "appointed", "All"),
    ]


def _people_once(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    """A person counted more than once in a year counts once."""
    repeat = (
        frame["repeat"].to_numpy()
        if "repeat" in frame.columns
        else first_seen_twice(frame, ["org_code", "year", "staff_id"])
    )
    once = frame[~repeat]
    return _tally(once, {}, measure, "All")


def _survey(frame: pd.DataFrame) -> list[pd.DataFrame]:
    out = []
    for source, measure in (("respondents", "survey_respondents"), ("positive", "survey_positive")):
        part = frame[["org_code", "year", "indicator", "ethnic_group", source]].rename(
            columns={source: "count"}
        )
        part = part.assign(measure=measure, breakdown=part["indicator"].astype(str))
        out.append(part[RETURN_COLUMNS])
    return out


def _survey_responses(frame: pd.DataFrame) -> list[pd.DataFrame]:
    out = []
    for i in vocab.SURVEY_INDICATORS:
        answers = frame[f"ind{i}"]
        answered = frame[answers.notna().to_numpy()]
        out.append(_tally(answered, {}, "survey_respondents", str(i)))
        out.append(_tally(frame[(answers == True).to_numpy()], {}, "survey_positive", str(i)))  # noqa: E712
    return out


def aggregate(extract: Extract) -> pd.DataFrame:
    """Aggregate an extract to the contract's ``wres_return`` table.

    Every organisation and year that has a staff count gets an explicit zero
    for each staff breakdown and group, and for each measure whose table the
    extract supplies (an organisation with no disciplinary entries in a
    supplied ``disciplinary`` table entered none). Survey measures are only
    present where a survey was reported for that organisation and year.

    Parameters
    ----------
    extract : Extract
        A validated extract.

    Returns
    -------
    pandas.DataFrame
        ``org_code, year, measure, breakdown, ethnic_group, count``, one row
        per key, sorted.
    """
    parts: list[pd.DataFrame] = []
    families: set[str] = set()
    t = extract.tables
    if "staff" in t:
        parts.append(_staff(t["staff"]))
    if "board" in t:
        parts.append(_board(t["board"]))
    if "recruitment" in t:
        parts.extend(_recruitment(t["recruitment"]))
    for table in ("disciplinary", "training", "leavers"):
        if table in t:
            parts.append(_people_once(t[table], table))
    if "survey" in t:
        parts.extend(_survey(t["survey"]))
    if "survey_responses" in t:
        parts.extend(_survey_responses(t["survey_responses"]))
    families.update(_TABLE_FAMILY[name] for name in t if name in _TABLE_FAMILY)
    if "wres_return" in t:
        given = t["wres_return"][RETURN_COLUMNS]
        parts.append(given)
        families.update(_MEASURE_FAMILY[m] for m in given["measure"].astype(str).unique())
    parts = [
        p.astype({c: str for c in ("org_code", "measure", "breakdown", "ethnic_group")}).astype(
            {"year": "int64", "count": "int64"}
        )
        for p in parts
        if len(p)
    ]
    if not parts:
        return pd.DataFrame(columns=RETURN_COLUMNS)
    counts = pd.concat(parts, ignore_index=True)
    counts = _with_zeros(counts, families - {"survey"})
    counts = counts.groupby(KEY, sort=True, observed=True)["count"].sum().reset_index()
    return counts


def _with_zeros(counts: pd.DataFrame, families: set[str]) -> pd.DataFrame:
    """Add zero rows for every breakdown and group of the families reported."""
    org_years = counts.loc[counts["measure"] == "staff", ["org_code", "year"]].drop_duplicates()
    grid = [
        (m, b, g)
        for f in sorted(families)
        for m in FAMILIES[f]
        for b in vocab.MEASURES[m]
        for g in vocab.ETHNIC_GROUPS
    ]
    cells = pd.DataFrame(grid, columns=["measure", "breakdown", "ethnic_group"])
    zeros = org_years.merge(cells, how="cross").assign(count=0)
    return pd.concat([counts, zeros[RETURN_COLUMNS]], ignore_index=True)


@dataclass(frozen=True)
class Entities:
    """The entities reported on: organisations, and clusters of them."""

    table: pd.DataFrame  # entity, entity_name, entity_type, cluster, population_bme_pct

    def members(self, cluster: str) -> list[str]:
        t = self.table
        return sorted(
            t.loc[(t["cluster"] == cluster) & (t["entity_type"] != "cluster"), "entity"].tolist()
        )

    def name(self, entity: str) -> str:
        return str(self.table.set_index("entity").at[entity, "entity_name"])

    def kind(self, entity: str) -> str:
        return str(self.table.set_index("entity").at[entity, "entity_type"])


def entities(extract: Extract) -> Entities:
    """Every organisation, and every distinct ``cluster`` code as an entity of its own."""
    orgs = extract.organisations.copy()
    for column in ("cluster", "population_bme_pct", "region", "nhs_income_gbp"):
        if column not in orgs.columns:
            orgs[column] = None
    table = pd.DataFrame(
        {
            "entity": orgs["org_code"].astype(str),
            "entity_name": orgs["org_name"].astype(str),
            "entity_type": orgs["org_type"].astype(str),
            "cluster": orgs["cluster"],
            "population_bme_pct": orgs["population_bme_pct"].astype(float),
            "region": orgs["region"],
        }
    )
    clusters = sorted(c for c in orgs["cluster"].dropna().unique())
    extra = pd.DataFrame(
        {
            "entity": clusters,
            "entity_name": [f"{c} cluster" for c in clusters],
            "entity_type": "cluster",
            "cluster": clusters,
            "population_bme_pct": np.nan,
            "region": None,
        }
    )
    table = pd.concat([table, extra], ignore_index=True) if clusters else table
    return Entities(table.reset_index(drop=True))


def entity_counts(counts: pd.DataFrame, ents: Entities) -> pd.DataFrame:
    """Counts per entity: each organisation's own, and each cluster's members' sums.

    Returns
    -------
    pandas.DataFrame
        ``entity, year, measure, breakdown, ethnic_group, count``.
    """
    own = counts.rename(columns={"org_code": "entity"})
    t = ents.table
    membership = t.loc[
        (t["entity_type"] != "cluster") & t["cluster"].notna(), ["entity", "cluster"]
    ]
    clustered = (
        own.merge(membership, on="entity")
        .drop(columns="entity")
        .rename(columns={"cluster": "entity"})
    )
    clustered = (
        clustered.groupby(["entity", "year", "measure", "breakdown", "ethnic_group"], sort=True)[
            "count"
        ]
        .sum()
        .reset_index()
    )
    return pd.concat([own, clustered], ignore_index=True)


#: Indicator 9's breakdowns as sums of the return's board breakdowns.
BOARD_TOTALS = {
    "Total board": vocab.BOARD_BREAKDOWNS,
    "Voting": ("voting-executive", "voting-nonexecutive"),
    "Executive": ("voting-executive", "nonvoting-executive"),
}


def with_totals(counts: pd.DataFrame) -> pd.DataFrame:
    """Add the totals the indicators use, summed from exact counts.

    Each total is a count in its own right, so that the publication rule
    rounds it once rather than adding up rounded parts: the ``All`` group
    (White + BME + Unknown) of every measure but the survey's; staff totals
    ``Clinical|All``, ``Non-clinical|All`` and ``All|All``; board totals
    ``Total board``, ``Voting`` and ``Executive``; and two-year pools
    (``disciplinary_2y``, ``staff_2y``) of a year and the year before, where
    both were reported, for indicator 3's optional two-year view.

    Parameters
    ----------
    counts : pandas.DataFrame
        Entity counts: ``entity, year, measure, breakdown, ethnic_group, count``.
    """
    keys = ["entity", "year", "measure", "breakdown", "ethnic_group"]
    staff = counts[counts["measure"] == "staff"]
    side = staff["breakdown"].str.split("|", n=1).str[0]
    parts = [counts, staff.assign(breakdown=side + "|All"), staff.assign(breakdown="All|All")]
    board = counts[counts["measure"] == "board"]
    for label, members in BOARD_TOTALS.items():
        parts.append(board[board["breakdown"].isin(members)].assign(breakdown=label))
    totals = pd.concat(parts[1:], ignore_index=True).groupby(keys, sort=False)["count"].sum()
    out = pd.concat([counts, totals.reset_index()], ignore_index=True)
    survey = out["measure"].str.startswith("survey_")
    groups = out[~survey].assign(ethnic_group="All").groupby(keys, sort=False)["count"].sum()
    out = pd.concat([out, groups.reset_index()], ignore_index=True)
    pooled = []
    for measure, breakdown in (("disciplinary", "All"), ("staff", "All|All")):
        part = out[(out["measure"] == measure) & (out["breakdown"] == breakdown)]
        before = part.assign(year=part["year"] + 1)
        both = part.merge(before, on=keys, suffixes=("", "_before"))
        pooled.append(
            both.assign(measure=f"{measure}_2y", count=both["count"] + both["count_before"])[
                keys + ["count"]
            ]
        )
    out = pd.concat([out] + pooled, ignore_index=True)
    return out.reset_index(drop=True)

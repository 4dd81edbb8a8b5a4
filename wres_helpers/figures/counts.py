"""Counting: record-level tables aggregate to the contract's ``wres_return``.

Every indicator is computed from this one long table of counts
(``org_code, year, measure, breakdown, ethnic_group, count``). A cluster's
counts are the sums of its members'. Aggregation is one vectorised group-by
per table over categorical codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from wres_helpers import vocab
from wres_helpers.figures.collection import (
    FAMILIES,
    MEASURE_FAMILY,
    TABLE_FAMILY,
    collected,
    family_of,
    family_of_table,
    missing,
    not_collected,
)

if TYPE_CHECKING:
    # Only reading an extract needs pandera: a report's kernel, which reads prepared
    # figures, imports this module without it (about a second of every kernel).
    from wres_helpers.extract.validate import Extract

KEY = ["org_code", "year", "measure", "breakdown", "ethnic_group"]
RETURN_COLUMNS = KEY + ["count"]


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
    from wres_helpers.extract.records import codes_of

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
    out = _tally(
        frame,
        {"clinical": clinical, "pay_band": band},
        "staff",
        lambda o: (
            np.where(o["clinical"].astype(bool), "Clinical|", "Non-clinical|")
            + o["pay_band"].astype(str)
        ),
    )
    # ethnic_category holds the broad groups: BME is their sum.
    out["ethnic_group"] = out["ethnic_group"].astype(str)
    broad = out[out["ethnic_group"].isin(vocab.BROAD_GROUPS)].assign(ethnic_group=vocab.BME)
    bme = broad.groupby(KEY, sort=False)["count"].sum().reset_index()
    return pd.concat([out, bme[RETURN_COLUMNS]], ignore_index=True)


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
    from wres_helpers.extract.records import first_seen_twice

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

    An organisation and year whose table (or, in ``wres_return``, measure) was
    reported gets an explicit zero for each breakdown and group it did not
    count (an organisation with no rows in a supplied ``disciplinary`` table
    entered none); one that ``not_collected`` lists, or that a ``wres_return``
    gives no rows for, gets no rows at all, so its figures are blank. Survey
    measures are present where a survey was reported, with zero positive
    answers where none were positive.

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
    parts = _counted(extract.tables)
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
    reported = collected(_reported(extract.tables, counts), not_collected(extract))
    counts = _only_collected(counts, reported)
    counts = pd.concat([counts, _zeros(reported), _no_positives(counts)], ignore_index=True)
    return counts.groupby(KEY, sort=True, observed=True)["count"].sum().reset_index()


def _counted(t: dict[str, pd.DataFrame]) -> list[pd.DataFrame]:
    parts: list[pd.DataFrame] = []
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
    if "wres_return" in t:
        parts.append(t["wres_return"][RETURN_COLUMNS])
    return parts


def _reported(t: dict[str, pd.DataFrame], counts: pd.DataFrame) -> pd.DataFrame:
    """``org_code, year, family``: what each organisation and year reported.

    A supplied record table covers every organisation and year in ``staff``;
    in ``wres_return`` a measure is reported where it has rows. ``staff_broad``
    (the broad ethnic groups) comes with record-level staff, or with a return
    that gives them.
    """
    frames = []
    if "staff" in t:
        years = t["staff"][["org_code", "year"]].drop_duplicates().astype({"org_code": str})
        tables = [n for n in t if n in TABLE_FAMILY and not n.startswith("survey")]
        frames += [years.assign(family=TABLE_FAMILY[n]) for n in tables]
        frames.append(years.assign(family="staff_broad"))
    if "wres_return" in t:
        given = t["wres_return"].astype({"org_code": str, "measure": str, "ethnic_group": str})
        frames.append(given[["org_code", "year"]].assign(family=family_of(given).to_numpy()))
    survey = counts[counts["measure"] == "survey_respondents"]
    frames.append(survey[["org_code", "year"]].assign(family="survey"))
    if not frames:
        return pd.DataFrame(columns=["org_code", "year", "family"])
    return pd.concat(frames, ignore_index=True).astype({"year": "int64"}).drop_duplicates()


def _only_collected(counts: pd.DataFrame, reported: pd.DataFrame) -> pd.DataFrame:
    keyed = counts.assign(family=family_of(counts).to_numpy())
    kept = keyed.merge(reported, on=["org_code", "year", "family"], how="inner")
    return kept[RETURN_COLUMNS]


def _zeros(reported: pd.DataFrame) -> pd.DataFrame:
    """Zero rows for every breakdown and group of each family reported (not the survey)."""
    grid = [
        (f, m, b, g)
        for f, ms in FAMILIES.items()
        if f != "survey"
        for m in ms
        for b in vocab.MEASURES[m]
        for g in vocab.ETHNIC_GROUPS
    ] + [("staff_broad", "staff", b, g) for b in vocab.STAFF_BREAKDOWNS for g in vocab.BROAD_GROUPS]
    cells = pd.DataFrame(grid, columns=["family", "measure", "breakdown", "ethnic_group"])
    zeros = reported.merge(cells, on="family").assign(count=0)
    return zeros[RETURN_COLUMNS]


def _no_positives(counts: pd.DataFrame) -> pd.DataFrame:
    """Zero positive answers wherever a group has respondents (summed with any given)."""
    respondents = counts[counts["measure"] == "survey_respondents"]
    return respondents.assign(measure="survey_positive", count=0)


from wres_helpers.figures.totals import (  # noqa: E402  (re-exported: one import path)
    Entities,
    entities,
    entity_counts,
    with_totals,
)

__all__ = [
    "FAMILIES",
    "MEASURE_FAMILY",
    "Entities",
    "aggregate",
    "entities",
    "entity_counts",
    "family_of_table",
    "missing",
    "not_collected",
    "with_totals",
]

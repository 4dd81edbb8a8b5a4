"""NHS England's *A Model Employer* (2019): senior BME representation against parity.

The strategy's goal is that by 2028 the share of BME staff at every Agenda for
Change band and in senior leadership matches the share in the workforce as a
whole. This module measures an organisation against it from its indicator-1
figures (the contract's ``indicators.csv`` rows), for three levels (Band 8A and
above, Band 8C and above, VSM), each for clinical, non-clinical and all staff:

- the level's BME share each year against the whole workforce's (``All|All``);
- the BME headcount parity would mean at the level, and the gap in posts;
- a straight-line trajectory from the first year in the figures to parity in
  2028, and whether each year's actual share is on it.

Every result is a :class:`Figure`. A figure resting on a withheld
(``suppressed``) input is itself withheld, with the reason, so the panel can
never reveal more than the published figures it was built from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_helpers.problems import InputError, Problem

#: The year by which the strategy asks for parity.
GOAL_YEAR = 2028
LEVELS = ("Band 8A and above", "Band 8C and above", "VSM")
SIDES = ("Clinical", "Non-clinical", "All")
#: The whole workforce's row of indicator 1.
WORKFORCE = "All|All"
ON_TRACK, BEHIND = "on track", "behind"
MEASURES = (
    "headcount",
    "bme_n",
    "bme_pct",
    "workforce_bme_pct",
    "parity_posts",
    "gap_posts",
    "trajectory_pct",
    "status",
)
_COLUMNS = ("entity", "year", "indicator", "breakdown", "statistic", "value", "suppressed")


@dataclass(frozen=True)
class Figure:
    """One figure of the panel: its value, or why it has none.

    Attributes
    ----------
    value : float, str or None
        The figure (a share in per cent, a number of posts, or a status word);
        None when withheld or not available.
    withheld : bool
        True when the figure rests on a suppressed input and may not be shown.
    reason : str
        Why the value is missing: the withheld or absent input it rests on.
    """

    value: float | str | None
    withheld: bool = False
    reason: str = ""

    @property
    def known(self) -> bool:
        """Whether the figure has a value that may be shown."""
        return self.value is not None and not self.withheld


def breakdown(side: str, level: str) -> str:
    """The indicator-1 breakdown of a level for one side, e.g. ``All|Band 8C and above``.

    >>> breakdown("Clinical", "VSM"), breakdown("All", "Band 8A and above")
    ('Clinical|VSM', 'All|Band 8A and above')
    """
    return f"{side}|{level}"


def parity_posts(headcount: float, workforce_pct: float) -> int:
    """BME staff a level of ``headcount`` needs for its share to equal the workforce's.

    Rounded up to a whole post: the smallest number of posts at which the
    level's BME share reaches the workforce's (the product is first rounded
    to nine decimals, so that 80 x 25% is 20, not 21 from binary fractions).

    >>> parity_posts(80, 25.0), parity_posts(10, 19.1)
    (20, 2)
    """
    return math.ceil(round(headcount * workforce_pct / 100, 9))


def trajectory(
    first_year: int, first_pct: float, parity_pct: float, goal_year: int = GOAL_YEAR
) -> dict[int, float]:
    """Straight-line path from the first year's share to parity in ``goal_year``.

    Equal yearly steps of ``(parity_pct - first_pct) / (goal_year - first_year)``.

    >>> path = trajectory(2019, 10.0, 19.0)
    >>> len(path), path[2019], round(path[2020], 6), path[2028]
    (10, 10.0, 11.0, 19.0)
    """
    if goal_year <= first_year:
        return {first_year: parity_pct}
    step = (parity_pct - first_pct) / (goal_year - first_year)
    return {
        year: parity_pct if year == goal_year else first_pct + step * (year - first_year)
        for year in range(first_year, goal_year + 1)
    }


def _depends(inputs: list[Figure], compute) -> Figure:
    """A figure computed from ``inputs``: withheld if any is, absent if any is."""
    withheld = [f.reason for f in inputs if f.withheld]
    if withheld:
        return Figure(None, True, "rests on a withheld figure: " + "; ".join(withheld))
    absent = [f.reason for f in inputs if f.value is None]
    if absent:
        return Figure(None, False, "; ".join(absent))
    return Figure(compute(*[f.value for f in inputs]))


def _flag(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "y", "1"}
    return bool(value) and not (isinstance(value, float) and math.isnan(value))


def _lookup_table(frame: pd.DataFrame, entity: str | None) -> dict:
    missing_columns = [c for c in _COLUMNS if c not in frame.columns]
    if missing_columns:
        raise InputError(
            [Problem("indicators", None, c, None, "column missing") for c in missing_columns]
        )
    entities = sorted(frame["entity"].astype(str).unique())
    if entity is None and len(entities) > 1:
        raise InputError(
            [Problem("indicators", None, "entity", ", ".join(entities), "name one entity")]
        )
    if entity is not None and entity not in entities:
        raise InputError([Problem("indicators", None, "entity", entity, "no rows for this entity")])
    rows = frame if entity is None else frame[frame["entity"].astype(str) == entity]
    rows = rows[pd.to_numeric(rows["indicator"], errors="coerce") == 1]
    table = {}
    for number, row in zip(rows.index, rows.itertuples(index=False)):
        year = pd.to_numeric(row.year, errors="coerce")
        value = pd.to_numeric(row.value, errors="coerce")
        if pd.isna(year):
            raise InputError(
                [Problem("indicators", int(number) + 2, "year", str(row.year), "not a year")]
            )
        key = (int(year), str(row.breakdown), str(row.statistic))
        name = f"{row.statistic} of {row.breakdown} in {int(year)}"
        if _flag(row.suppressed):
            table[key] = Figure(None, True, f"{name} is suppressed")
        else:
            table[key] = Figure(None if pd.isna(value) else float(value), False, f"no {name}")
    return table


def _level_year(table: dict, year: int, bd: str) -> dict[str, Figure]:
    def get(b: str, statistic: str) -> Figure:
        return table.get((year, b, statistic), Figure(None, False, f"no {statistic} of {b}"))

    out = {"headcount": get(bd, "total_n"), "bme_n": get(bd, "bme_n")}
    out["bme_pct"] = get(bd, "bme_pct")
    out["workforce_bme_pct"] = get(WORKFORCE, "bme_pct")
    out["parity_posts"] = _depends([out["headcount"], out["workforce_bme_pct"]], parity_posts)
    out["gap_posts"] = _depends([out["parity_posts"], out["bme_n"]], lambda p, n: p - n)
    return out


def _status(actual: Figure, path: Figure) -> Figure:
    """On track where the actual share is at or above the trajectory's (to 1e-9)."""
    return _depends([actual, path], lambda a, t: ON_TRACK if round(a - t, 9) >= 0 else BEHIND)


def model_employer(
    indicators: pd.DataFrame, entity: str | None = None, goal_year: int = GOAL_YEAR
) -> pd.DataFrame:
    """The Model Employer panel of one entity, as a tidy frame of :class:`Figure`.

    The trajectory runs from the first year in the figures, starting at the
    level's actual BME share that year, to the workforce's BME share of that
    same first year in ``goal_year``: a fixed path, set once from the
    baseline, so that a later year's data do not move the line earlier years
    were judged against. Where the first
    year's share is withheld the whole trajectory is withheld; where it is
    absent (no staff at the level) there is no trajectory. Each year's parity
    posts use that year's own workforce share.

    Parameters
    ----------
    indicators : pandas.DataFrame
        Rows of ``indicators.csv`` (``entity, year, indicator, breakdown,
        statistic, value, suppressed``); only indicator 1 is read.
    entity : str, optional
        The entity to read; needed when the frame holds more than one.
    goal_year : int
        The year parity is due (2028 in the strategy).

    Returns
    -------
    pandas.DataFrame
        One row per year, side, level and measure (:data:`MEASURES`), with
        columns ``year, side, level, measure, figure`` (a :class:`Figure`).

    Raises
    ------
    InputError
        A required column is missing, a year is not a number, the named
        entity has no rows, or the frame holds several entities and none is
        named.
    """
    table = _lookup_table(indicators, entity)
    years = sorted({key[0] for key in table})
    records = []
    for side in SIDES:
        for level in LEVELS:
            bd = breakdown(side, level)
            cells = {year: _level_year(table, year, bd) for year in years}
            paths = _paths(cells, years, goal_year)
            for year in years:
                cells[year]["trajectory_pct"] = paths[year]
                cells[year]["status"] = _status(cells[year]["bme_pct"], paths[year])
                records += [(year, side, level, m, cells[year][m]) for m in MEASURES]
    return pd.DataFrame(records, columns=["year", "side", "level", "measure", "figure"])


def _paths(cells: dict, years: list[int], goal_year: int) -> dict[int, Figure]:
    if not years:
        return {}
    first = years[0]
    start = cells[first]

    def at(year: int) -> Figure:
        return _depends(
            [start["bme_pct"], start["workforce_bme_pct"]],
            lambda a, p: trajectory(first, a, p, goal_year).get(year, p),
        )

    return {year: at(year) for year in years}


def figure_of(panel: pd.DataFrame, year: int, side: str, level: str, measure: str) -> Figure:
    """The one figure of ``panel`` for a year, side, level and measure.

    Compared as plain arrays: a report looks up a couple of hundred figures,
    and pandas' own comparisons cost more than the lookups themselves.
    """
    hit = np.flatnonzero(
        (panel["year"].to_numpy() == year)
        & (panel["side"].to_numpy() == side)
        & (panel["level"].to_numpy() == level)
        & (panel["measure"].to_numpy() == measure)
    )
    if not len(hit):
        return Figure(None, False, f"no {measure} for {side}|{level} in {year}")
    return panel["figure"].iloc[hit[0]]

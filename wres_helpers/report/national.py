"""National comparators: NHS England's published national WRES figures, with their sources.

The figures ship with the package as ``wres_helpers/data/national_wres.csv``
(its ``README.md`` beside it says where each was read and how). One row is
one figure as read in one source; where sources disagree the file marks one
row ``preferred = yes`` and keeps the others as ``no``. A lookup answers only
for the year asked: a year with no figure gets None, never a neighbouring
year's figure.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from wres_helpers.problems import InputError, Problem

TABLE = "national_wres"
_REQUIRED = (
    "wres_year",
    "indicator",
    "group",
    "statistic",
    "value",
    "source_title",
    "source_url",
    "quote",
    "source_type",
    "preferred",
)


@dataclass(frozen=True)
class NationalFigure:
    """One national figure as published, with where it was read.

    ``value`` is the number; ``published`` the figure exactly as the source
    printed it (``"1.60"``, ``"27"``), to be shown without added decimals.
    Percentages are per cent (0-100); ``group`` is None for ratios and board
    figures.
    """

    wres_year: int
    indicator: int
    group: str | None
    statistic: str
    value: float
    published: str
    source_title: str
    source_url: str
    quote: str
    source_type: str
    note: str


def _problem(row: int, column: str, value: str, message: str) -> InputError:
    return InputError([Problem(TABLE, row, column, value, message)])


def _figure(row: int, record: dict) -> tuple[NationalFigure, bool]:
    for column in ("wres_year", "indicator"):
        if not record[column].strip().isdigit():
            raise _problem(row, column, record[column], "not a whole number")
    try:
        value = float(record["value"])
    except ValueError:
        raise _problem(row, "value", record["value"], "not a number") from None
    if not math.isfinite(value):
        raise _problem(row, "value", record["value"], "not a finite number")
    preferred = record["preferred"].strip().lower()
    if preferred not in {"yes", "no"}:
        raise _problem(row, "preferred", record["preferred"], "must be yes or no")
    figure = NationalFigure(
        wres_year=int(record["wres_year"]),
        indicator=int(record["indicator"]),
        group=record["group"].strip() or None,
        statistic=record["statistic"].strip(),
        value=value,
        published=record["value"].strip(),
        source_title=record["source_title"],
        source_url=record["source_url"],
        quote=record["quote"],
        source_type=record["source_type"],
        note=record.get("note") or "",
    )
    return figure, preferred == "yes"


def read_national(text: str) -> tuple[NationalFigure, ...]:
    """The preferred figures of a national comparators CSV.

    Parameters
    ----------
    text : str
        The CSV's text (columns as in the data README).

    Returns
    -------
    tuple of NationalFigure
        The rows marked ``preferred = yes``: one per year, indicator, group
        and statistic.

    Raises
    ------
    InputError
        A required column is missing, a value is malformed, or a year,
        indicator, group and statistic has no preferred row or more than one.
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError([Problem(TABLE, None, c, None, "column missing") for c in missing])
    preferred: dict[tuple, NationalFigure] = {}
    seen: dict[tuple, int] = {}
    for row, record in enumerate(reader, start=2):
        figure, is_preferred = _figure(row, record)
        key = (figure.wres_year, figure.indicator, figure.group, figure.statistic)
        seen.setdefault(key, row)
        if is_preferred and key in preferred:
            raise _problem(row, "preferred", "yes", "a second preferred figure for this year")
        if is_preferred:
            preferred[key] = figure
    lacking = [(row, key) for key, row in seen.items() if key not in preferred]
    if lacking:
        raise InputError(
            [Problem(TABLE, row, "preferred", "no", "no preferred figure") for row, _ in lacking]
        )
    return tuple(preferred.values())


@lru_cache(maxsize=1)
def _packaged() -> tuple[NationalFigure, ...]:
    data = resources.files("wres_helpers") / "data" / "national_wres.csv"
    return read_national(data.read_text(encoding="utf-8"))


def load_national(path: str | Path | None = None) -> tuple[NationalFigure, ...]:
    """The preferred national figures: the packaged file's, or those of ``path``."""
    if path is None:
        return _packaged()
    return read_national(Path(path).read_text(encoding="utf-8"))


def national_figure(
    year: int,
    indicator: int,
    statistic: str,
    group: str | None = None,
    figures: tuple[NationalFigure, ...] | None = None,
) -> NationalFigure | None:
    """The national figure for exactly this WRES year, or None where there is none.

    Parameters
    ----------
    year : int
        The WRES year of the organisation's report (the contract's ``year``).
    indicator : int
        WRES indicator 1-9.
    statistic : str
        The file's statistic (``bme_pct``, ``relative_likelihood``, ...).
    group : str, optional
        ``BME`` or ``White``; None matches any group, which is enough where
        the statistic names one (``white_pct``) or has none (ratios).
    figures : tuple of NationalFigure, optional
        Figures to search; the packaged file's by default.

    Raises
    ------
    ValueError
        ``group`` is None and the figures hold more than one group for it.

    Examples
    --------
    >>> national_figure(2016, 2, "relative_likelihood").published
    '1.57'
    >>> national_figure(2025, 2, "relative_likelihood") is None
    True
    """
    pool = _packaged() if figures is None else figures
    hits = [
        f
        for f in pool
        if f.wres_year == int(year)
        and f.indicator == int(indicator)
        and f.statistic == statistic
        and (group is None or f.group == group)
    ]
    if len(hits) > 1:
        groups = ", ".join(sorted(str(f.group) for f in hits))
        raise ValueError(f"{statistic} of indicator {indicator} has groups {groups}: name one")
    return hits[0] if hits else None

"""The summary's rows, in the shape of NHS England's WRES reporting template.

Each function takes a ``get`` callable, ``get(indicator, breakdown,
statistic, year) -> (value, ci_low, ci_high, withheld)``, and returns rows of
shown text; the page only lays them out. Every label is from
:mod:`wres_helpers.report.labels`, judged on the figures as shown.
"""

from __future__ import annotations

import math

from wres_helpers.figures.indicators import TITLES
from wres_helpers.report import labels, narrative
from wres_helpers.report.formatting import fmt

ABSENT = (math.nan, math.nan, math.nan, False)


def survey_year(wres_year: int) -> int:
    """The NHS Staff Survey behind a WRES year's indicators 5-8 (autumn of the year before).

    Examples
    --------
    >>> survey_year(2023)
    2022
    """
    return wres_year - 1


def change_label(spec: dict, this: tuple, before: tuple) -> str:
    """The summary's change label for one headline figure (withheld: not comparable)."""
    if this[3] or before[3]:
        return "Not comparable"
    if spec["indicator"] in (5, 6, 7, 8):
        return labels.survey_change(spec["indicator"], this[0], before[0])
    better = "parity" if spec["kind"] in ("ratio", "pp") else spec["better"]
    return labels.change(this[0], before[0], spec["kind"], better)


def range_label(spec: dict, this: tuple) -> str:
    """The four-fifths verdict for a likelihood; empty for other figures."""
    if spec["kind"] != "ratio":
        return ""
    return "Not published ([c])" if this[3] else narrative.non_adverse_label(this[0])


def survey_rows(get, year: int, last: int | None) -> list[list[str]]:
    """Indicators 5-8: White and BME side by side for both years, the change and the gap.

    The change is the BME figure's, in what it means for BME staff; the gap
    to White staff is this year's, of the two figures as shown.
    """
    rows = []
    for i in (5, 6, 7, 8):
        cells = {}
        for y in (last, year):
            for stem in ("white", "bme"):
                cells[(y, stem)] = get(i, "All", f"{stem}_pct", y) if y else ABSENT
        bme_now, bme_then = cells[(year, "bme")], cells[(last, "bme")]
        white_now = cells[(year, "white")]
        withheld = bme_now[3] or white_now[3]
        gap = labels.shown_difference(bme_now[0], white_now[0])
        row = [f"{i}: {TITLES[i]}"]
        for y in (last, year):
            row += [fmt(cells[(y, s)][0], "pct", cells[(y, s)][3]) for s in ("white", "bme")]
        row.append(
            "Not comparable"
            if bme_now[3] or bme_then[3]
            else labels.survey_change(i, bme_now[0], bme_then[0])
        )
        row.append(fmt(gap, "pp", withheld))
        rows.append(row)
    return rows


def survey_headers(year: int, last: int | None) -> list[str]:
    """Column headers naming each WRES year and the staff survey behind it."""
    heads = ["Indicator"]
    for y in (last, year):
        name = f"{y} (survey {survey_year(y)})" if y else "Previous year"
        heads += [f"White, {name}", f"BME, {name}"]
    return heads + ["Change for BME staff", f"BME minus White, {year}"]


def indicator3_rows(get, year: int, last: int | None) -> list[list[str]]:
    """Indicator 3 on both bases: this year alone, and pooled with the year before.

    Returns no rows when the extract has no two-year figure for ``year``.
    """
    one = get(3, "All", "relative_likelihood", year)
    two = get(3, "All|two-year", "relative_likelihood", year)
    if math.isnan(two[0]) and not two[3]:
        return []
    two_before = get(3, "All|two-year", "relative_likelihood", last) if last else ABSENT
    spec = {"indicator": 3, "kind": "ratio", "better": "parity"}
    return [
        [
            f"One year: {year}",
            fmt(one[0], "ratio", one[3]),
            range_label(spec, one),
        ],
        [
            f"Two years pooled: {year - 1} and {year}",
            fmt(two[0], "ratio", two[3]),
            range_label(spec, two),
        ],
    ] + (
        [
            [
                f"Two years pooled: {last - 1} and {last}",
                fmt(two_before[0], "ratio", two_before[3]),
                range_label(spec, two_before),
            ]
        ]
        if last
        else []
    )

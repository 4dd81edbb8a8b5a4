"""The summary's rows, in the shape of NHS England's WRES reporting template.

Each function takes a ``get`` callable, ``get(indicator, breakdown,
statistic, year) -> Figure``, and returns rows of
shown text; the page only lays them out. Every label is from
:mod:`wres_helpers.report.labels`, judged on the figures as shown.
"""

from __future__ import annotations

import math

from wres_helpers.figures.indicators import SURVEY_HIGHER_IS_BETTER, TITLES
from wres_helpers.report import labels, narrative
from wres_helpers.report.figure import Figure
from wres_helpers.report.formatting import fmt

#: A figure the extract does not hold.
ABSENT = Figure()


def headlines() -> list[dict]:
    """The nine headline figures: indicator, label, key, kind and which way is better."""
    out = [
        {
            "indicator": 1,
            "label": "BME share of the workforce",
            "key": (1, "All|All", "bme_pct"),
            "kind": "pct",
            "better": "neutral",
        }
    ]
    for i in (2, 3, 4):
        first, second, what = narrative.LIKELIHOOD_WORDS[i]
        out.append(
            {
                "indicator": i,
                "label": f"Relative likelihood of {first} compared with {second} {what}",
                "key": (i, "All", "relative_likelihood"),
                "kind": "ratio",
                "better": "closer to 1",
            }
        )
    for i in (5, 6, 7, 8):
        out.append(
            {
                "indicator": i,
                "label": f"BME staff: {TITLES[i].lower()}",
                "key": (i, "All", "bme_pct"),
                "kind": "pct",
                "better": "higher" if SURVEY_HIGHER_IS_BETTER[i] else "lower",
            }
        )
    out.append(
        {
            "indicator": 9,
            "label": "Board BME share minus workforce BME share",
            "key": (9, "Total board", "difference_pp"),
            "kind": "pp",
            "better": "closer to 0",
        }
    )
    return out


def survey_year(wres_year: int) -> int:
    """The NHS Staff Survey behind a WRES year's indicators 5-8 (autumn of the year before).

    Examples
    --------
    >>> survey_year(2023)
    2022
    """
    return wres_year - 1


def change_label(spec: dict, this: Figure, before: Figure, settled: bool = True) -> str:
    """The summary's change label for one headline figure (withheld: not comparable).

    ``settled`` is false where the rounded figures cannot settle the change
    (:func:`wres_helpers.report.settled.changes`): the label says so.
    """
    if this.suppressed or before.suppressed:
        return "Not comparable"
    if not settled:
        return labels.UNSETTLED
    if spec["indicator"] in (5, 6, 7, 8):
        return labels.survey_change(spec["indicator"], this.value, before.value)
    better = "parity" if spec["kind"] in ("ratio", "pp") else spec["better"]
    return labels.change(this.value, before.value, spec["kind"], better)


def range_label(spec: dict, this: Figure) -> str:
    """The four-fifths verdict for a likelihood; empty for other figures."""
    if spec["kind"] != "ratio":
        return ""
    if this.suppressed:
        return "Not published ([c])"
    return narrative.non_adverse_label(this.value, "range" not in this.unsettled)


def _always(_key: tuple, _last: int | None) -> bool:
    return True


def survey_rows(get, year: int, last: int | None, settled=_always) -> list[list[str]]:
    """Indicators 5-8: White and BME side by side for both years, the change and the gap.

    The change is the BME figure's, in what it means for BME staff; the gap
    to White staff is this year's, of the two figures as shown.
    ``settled(key, last)`` says whether the rounded figures settle the change
    of figure ``key`` since ``last`` (by default every change is settled).
    """
    rows = []
    for i in (5, 6, 7, 8):
        cells = {}
        for y in (last, year):
            for stem in ("white", "bme"):
                cells[(y, stem)] = get(i, "All", f"{stem}_pct", y) if y else ABSENT
        bme_now, bme_then = cells[(year, "bme")], cells[(last, "bme")]
        white_now = cells[(year, "white")]
        withheld = bme_now.suppressed or white_now.suppressed
        gap = labels.shown_difference(bme_now.value, white_now.value)
        row = [f"{i}: {TITLES[i]}"]
        for y in (last, year):
            row += [cells[(y, s)].text("pct") for s in ("white", "bme")]
        row.append(
            change_label(
                {"indicator": i, "kind": "pct"},
                bme_now,
                bme_then,
                settled((i, "All", "bme_pct"), last),
            )
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
    if math.isnan(two.value) and not two.suppressed:
        return []
    two_before = get(3, "All|two-year", "relative_likelihood", last) if last else ABSENT
    spec = {"indicator": 3, "kind": "ratio", "better": "parity"}
    return [
        [
            f"One year: {year}",
            one.text("ratio"),
            range_label(spec, one),
        ],
        [
            f"Two years pooled: {year - 1} and {year}",
            two.text("ratio"),
            range_label(spec, two),
        ],
    ] + (
        [
            [
                f"Two years pooled: {last - 1} and {last}",
                two_before.text("ratio"),
                range_label(spec, two_before),
            ]
        ]
        if last
        else []
    )

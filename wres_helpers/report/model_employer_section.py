"""The Model Employer section of a report: senior BME representation against parity in 2028.

The panel's figures come from :mod:`~wres_helpers.report.model_employer`,
which withholds any figure resting on a withheld input; this module lays
them out: a table of this year's figures for every senior level, and a chart
(with its data table and alt text) for each level of all staff. The levels
are the report data's grouped senior bands (``<side>|Band 8A and above``,
``<side>|Band 8C and above``, ``All|VSM``); where the data hold none, the
section says so and shows nothing else.
"""

from __future__ import annotations

import pandas as pd

from wres_helpers.report import model_employer_chart as me_chart
from wres_helpers.report.formatting import figure, para, table
from wres_helpers.report.model_employer import (
    GOAL_YEAR,
    LEVELS,
    SIDES,
    figure_of,
    model_employer,
)

#: The (side, level) pairs the panel shows: VSM for all staff only.
PAIRS = tuple(
    (side, level) for level in LEVELS for side in SIDES if level != "VSM" or side == "All"
)
_SIDE_WORDS = {
    "Clinical": "clinical staff",
    "Non-clinical": "non-clinical staff",
    "All": "all staff",
}
_TABLE = (
    ("bme_pct", "BME share", "pct"),
    ("workforce_bme_pct", "Whole workforce BME share", "pct"),
    ("parity_posts", "BME staff at parity", "count"),
    ("gap_posts", "Gap to parity (posts)", "count"),
    ("trajectory_pct", f"Trajectory to {GOAL_YEAR}", "pct"),
    ("status", "Against the trajectory", "text"),
)


def panel(report) -> pd.DataFrame:
    """The report entity's panel, from its published indicator-1 figures up to the report's year.

    Withheld figures arrive flagged (``suppressed``), so the panel withholds
    whatever rests on them.
    """
    ind = report.data.indicators
    own = ind[(ind["entity"] == report.entity) & (ind["year"] <= report.year)]
    return model_employer(own, report.entity)


def _has_level(frame: pd.DataFrame, year: int, side: str, level: str) -> bool:
    fig = figure_of(frame, year, side, level, "bme_pct")
    return fig.value is not None or fig.withheld


def this_year_rows(frame: pd.DataFrame, year: int) -> list[list[str]]:
    """One row per level and side held in the data: this year's figures as shown."""
    rows = []
    for side, level in PAIRS:
        if not _has_level(frame, year, side, level):
            continue
        cells = [me_chart.shown(figure_of(frame, year, side, level, m), k) for m, _, k in _TABLE]
        rows.append([f"{level} ({_SIDE_WORDS[side]})", *cells])
    return rows


def section_body(report) -> str:
    """The section's HTML: an explanation, this year's table and a chart per level."""
    frame = panel(report)
    intro = para(
        "NHS England's A Model Employer (2019) set the goal that the share of BME staff "
        "in senior posts matches the share in the workforce as a whole by "
        f"{GOAL_YEAR}. The trajectory is a straight line from the first year in the "
        f"data to parity in {GOAL_YEAR}; a year is on track where the actual share is "
        "at or above it. Parity posts are the BME staff a level would need for its share "
        "to equal the whole workforce's, rounded up to a whole post."
    )
    rows = this_year_rows(frame, report.year)
    if not rows:
        return intro + para("The data hold no figures for senior bands or VSM this year.")
    out = intro + table(
        ["Level", *[h for _, h, _ in _TABLE]],
        rows,
        caption=f"Senior BME representation against the Model Employer goal, {report.year}",
    )
    for level in LEVELS:
        if _has_level(frame, report.year, "All", level):
            fig, alt, data = me_chart.chart(frame, "All", level)
            data_html = table(
                list(data.columns), data.values.tolist(), caption=me_chart.title("All", level)
            )
            out += figure(fig, alt, me_chart.title("All", level), data_html)
    return out


def published_tokens(indicators: pd.DataFrame) -> set[str]:
    """Every figure a Model Employer section may show, as shown, for every entity in ``indicators``.

    The audit's list of published values: the panel's figures derive from
    published ones alone (parity posts, gaps, the trajectory), so they are
    published figures too. Signs are dropped, as the audit drops them.
    """
    out = {str(GOAL_YEAR), "2019"}  # the goal's year and the strategy's
    for entity in indicators["entity"].astype(str).unique():
        frame = model_employer(indicators[indicators["entity"] == entity], entity)
        for fig, measure in zip(frame["figure"], frame["measure"]):
            if fig.known and measure != "status":
                kind = "pct" if measure.endswith("_pct") else "count"
                out.add(me_chart.shown(fig, kind).lstrip("-").rstrip("%"))
    return out

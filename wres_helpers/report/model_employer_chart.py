"""The Model Employer chart: one level's BME share against the workforce's and the trajectory.

Three things travel together, as for every chart in the reports: the picture,
its data as a table, and its alt text. A withheld share is left out of the
lines and marked ``[c]`` on the chart and in the table; the alt text says it
is withheld in words and gives no number that rests on it. All text is drawn
as plain text (``parse_math=False``), so a ``$`` in a name stays a ``$``.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from wres_helpers.figures.disclosure import SUPPRESSED  # noqa: E402
from wres_helpers.report.formatting import PALETTE, fmt  # noqa: E402
from wres_helpers.report.model_employer import GOAL_YEAR, Figure, figure_of  # noqa: E402

_SIDE_WORDS = {
    "Clinical": "clinical staff",
    "Non-clinical": "non-clinical staff",
    "All": "all staff",
}
_COLUMNS = {
    "bme_pct": ("BME share at this level", "pct"),
    "workforce_bme_pct": ("BME share of the whole workforce", "pct"),
    "trajectory_pct": (f"Trajectory to parity in {GOAL_YEAR}", "pct"),
    "status": ("Against the trajectory", "text"),
    "headcount": ("Staff at this level", "count"),
    "bme_n": ("BME staff at this level", "count"),
    "parity_posts": ("BME staff parity would mean", "count"),
    "gap_posts": ("Gap to parity (posts)", "count"),
}


def shown(figure: Figure, kind: str) -> str:
    """A figure as a table shows it: ``[c]`` when withheld, ``n/a`` when absent.

    >>> shown(Figure(12.5), "pct"), shown(Figure(None, True, "x"), "count")
    ('12.5%', '[c]')
    """
    if figure.withheld:
        return SUPPRESSED
    if figure.value is None:
        return "n/a"
    return str(figure.value) if kind == "text" else fmt(figure.value, kind)


def title(side: str, level: str) -> str:
    """The chart's title, e.g. ``BME share, Band 8C and above (all staff)``."""
    return f"BME share, {level} ({_SIDE_WORDS[side]})"


def _years(panel: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in panel["year"].unique())


def chart_table(panel: pd.DataFrame, side: str, level: str) -> pd.DataFrame:
    """The chart's data: one row per year, every figure as shown, ``[c]`` where withheld."""
    rows = []
    for year in _years(panel):
        row = {"Year": str(year)}
        for measure, (heading, kind) in _COLUMNS.items():
            row[heading] = shown(figure_of(panel, year, side, level, measure), kind)
        rows.append(row)
    return pd.DataFrame(rows, columns=["Year"] + [h for h, _ in _COLUMNS.values()])


def _year_words(panel: pd.DataFrame, year: int, side: str, level: str) -> str:
    actual = figure_of(panel, year, side, level, "bme_pct")
    workforce = figure_of(panel, year, side, level, "workforce_bme_pct")
    path = figure_of(panel, year, side, level, "trajectory_pct")
    status = figure_of(panel, year, side, level, "status")
    if actual.withheld:
        words = f"{year}: the share at this level is withheld"
    elif actual.value is None:
        words = f"{year}: no share at this level"
    else:
        words = f"{year}: {fmt(actual.value, 'pct')} at this level"
    if workforce.known:
        words += f", {fmt(workforce.value, 'pct')} in the whole workforce"
    if path.known:
        words += f", trajectory {fmt(path.value, 'pct')}"
    elif path.withheld:
        words += ", trajectory withheld"
    if status.known:
        words += f", {status.value}"
    return words


def chart_alt(panel: pd.DataFrame, side: str, level: str) -> str:
    """Alt text: the chart in words, saying 'withheld' where a figure is withheld."""
    years = "; ".join(_year_words(panel, y, side, level) for y in _years(panel))
    return (
        f"{title(side, level)}. Line chart of the BME share at this level each year, "
        f"the whole workforce's BME share, and a straight-line trajectory to parity "
        f"in {GOAL_YEAR}. {years}."
    )


def chart_data(panel: pd.DataFrame, side: str, level: str) -> tuple[pd.DataFrame, str]:
    """The chart's data table and alt text, for a page that shows them beside the chart."""
    return chart_table(panel, side, level), chart_alt(panel, side, level)


def _series(panel: pd.DataFrame, side: str, level: str, measure: str) -> pd.DataFrame:
    points = [(year, figure_of(panel, year, side, level, measure)) for year in _years(panel)]
    return pd.DataFrame([(y, f.value) for y, f in points if f.known], columns=["year", "value"])


def chart(panel: pd.DataFrame, side: str, level: str):
    """The Model Employer chart of one level and side.

    Returns
    -------
    tuple of (matplotlib.figure.Figure, str, pandas.DataFrame)
        The figure, its alt text (:func:`chart_alt`) and its data
        (:func:`chart_table`); the caller embeds all three together.
    """
    fig, ax = plt.subplots(figsize=(7.5, 4))
    lines = [
        ("bme_pct", "BME share at this level", PALETTE["BME"], "-", "o"),
        ("workforce_bme_pct", "Whole workforce (parity)", PALETTE["White"], "--", None),
        ("trajectory_pct", "Trajectory to parity", PALETTE["limit95"], ":", None),
    ]
    for measure, label, colour, style, marker in lines:
        data = _series(panel, side, level, measure)
        if not data.empty:
            sns.lineplot(
                data=data,
                x="year",
                y="value",
                ax=ax,
                label=label,
                color=colour,
                linestyle=style,
                marker=marker,
            )
    for year in _years(panel):
        if figure_of(panel, year, side, level, "bme_pct").withheld:
            ax.annotate(
                SUPPRESSED,
                (year, 0.04),
                xycoords=("data", "axes fraction"),
                ha="center",
                color=PALETTE["BME"],
                parse_math=False,
            )
    ax.set_xticks(_years(panel))
    ax.set_xlabel("Year (workforce at 31 March)", parse_math=False)
    ax.set_ylabel("BME share (%)", parse_math=False)
    ax.set_ylim(bottom=0)
    ax.set_title(title(side, level), parse_math=False)
    legend = ax.get_legend()
    if legend is not None:
        for text in legend.get_texts():
            text.set_parse_math(False)
    table, alt = chart_data(panel, side, level)
    return fig, alt, table

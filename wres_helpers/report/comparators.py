"""National comparators beside a report's figures, each with its source cited.

Only a figure of the report's own WRES year is shown
(:func:`~wres_helpers.report.national.national_figure` answers None for any
other), and where there is none the report says nothing. A figure is shown
as its source printed it, inside ``<span class="national">`` with its year,
indicator and statistic as data attributes, so a test can check every figure
a page shows against the file.
"""

from __future__ import annotations

import re

from wres_helpers.report.formatting import part
from wres_helpers.report.national import NationalFigure, load_national, national_figure

#: Per indicator: the national file's statistic, its group, and what it measures.
COMPARABLE: dict[int, tuple[str, str | None, str]] = {
    1: ("bme_pct", "BME", "BME share of the workforce"),
    2: ("relative_likelihood", None, "relative likelihood"),
    3: ("relative_likelihood", None, "relative likelihood"),
    4: ("relative_likelihood", None, "relative likelihood"),
    5: ("bme_pct", "BME", "BME staff"),
    6: ("bme_pct", "BME", "BME staff"),
    7: ("bme_pct", "BME", "BME staff"),
    8: ("bme_pct", "BME", "BME staff"),
    9: ("board_bme_pct", None, "BME share of boards"),
}
#: The headline statistics the national figure measures too (indicator 9's headline is a
#: difference; the national file holds the board share, shown in the section only).
SAME_AS_HEADLINE = frozenset(range(1, 9))


def comparator(year: int, indicator: int) -> NationalFigure | None:
    """The national figure comparable with an indicator's headline, for exactly ``year``."""
    statistic, group, _ = COMPARABLE[indicator]
    return national_figure(year, indicator, statistic, group)


def shown(fig: NationalFigure) -> str:
    """The figure as its source printed it, with ``%`` for a percentage.

    >>> shown(comparator(2016, 2)), shown(comparator(2016, 1))
    ('1.57', '17.7%')
    """
    return fig.published + ("%" if fig.statistic.endswith("_pct") else "")


def summary_cell(year: int, indicator: int) -> str:
    """The summary table's national cell: the figure, or nothing where none exists."""
    fig = comparator(year, indicator) if indicator in SAME_AS_HEADLINE else None
    return shown(fig) if fig else ""


def cite(fig: NationalFigure) -> str:
    """A paragraph: the national figure, its source linked by title, and the quote."""
    return part("national", fig, shown(fig), COMPARABLE[fig.indicator][2])


def summary_sources(year: int) -> str:
    """The sources of the summary's national figures, one paragraph each."""
    figs = [comparator(year, i) for i in sorted(SAME_AS_HEADLINE)]
    return "".join(cite(f) for f in figs if f)


def section_note(year: int, indicator: int) -> str:
    """The indicator section's national figure with its source, or nothing."""
    fig = comparator(year, indicator)
    return cite(fig) if fig else ""


_NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def published_tokens() -> set[str]:
    """Every number the national file's figures and quotes print (public already).

    For the audit: a public page may quote these though the extract holds
    none of them.
    """
    out: set[str] = set()
    for fig in load_national():
        out.add(fig.published)
        out.update(_NUMBER.findall(" ".join((fig.quote, fig.source_title))))
    return out

"""What a report may print, declared once: each kind of figure, listed as a page shows it.

Each section in :mod:`~wres_helpers.report.sections` names in its ``prints``
the kinds of figure it may print from a :class:`~wres_helpers.report.data.ReportData`;
:data:`PRINTS` maps each name to the function that lists those figures, each
as the number's text a page shows (no sign, no percent sign), computed with
the helper the section's builder uses. ``wres audit`` accepts on a public
page the union of these over every section of every report type
(:func:`printed_tokens`), so the reports and the audit read one definition:
a section that prints a figure its declaration does not name fails the audit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from wres_helpers.report.formatting import fmt

#: Statistic names that end so are counts (the rest are rates, likelihoods or percentages).
COUNT_SUFFIXES = (
    "_n",
    "_shortlisted",
    "_appointed",
    "_entered",
    "_accessed",
    "_headcount",
    "_respondents",
)


def statistic_kind(statistic: str) -> str:
    """How a statistic is formatted: ``count``, ``rate``, ``ratio`` or ``pct``.

    Examples
    --------
    >>> [statistic_kind(s) for s in ("bme_n", "bme_rate", "relative_likelihood", "bme_pct")]
    ['count', 'rate', 'ratio', 'pct']
    """
    if statistic.endswith(COUNT_SUFFIXES):
        return "count"
    if statistic.endswith("_rate"):
        return "rate"
    if statistic == "relative_likelihood":
        return "ratio"
    return "pct"


def token(value: float, kind: str) -> str:
    """A figure as the audit reads it on a page: formatted, without sign or percent sign.

    Examples
    --------
    >>> token(-11.34, "pct"), token(1234, "count")
    ('11.3', '1,234')
    """
    return fmt(abs(value), kind).rstrip("%")


def tokens(values: Iterable[float], kind: str) -> set[str]:
    """Each known value's :func:`token` (missing values print nothing)."""
    return {token(v, kind) for v in values if v == v}


def published_values(data) -> set[str]:
    """Every published statistic with its interval, each in its own kind."""
    ind = data.indicators[~data.indicators["suppressed"]]
    out: set[str] = set()
    for stat, value, low, high in zip(
        ind["statistic"], ind["value"], ind["ci_low"], ind["ci_high"]
    ):
        out |= tokens((value, low, high), statistic_kind(stat))
    return out


def published_counts(data) -> set[str]:
    """Every published count of the report data's cells."""
    counts = data.cells[~data.cells["suppressed"]]["count"].dropna()
    return tokens(counts.unique(), "count")


def years(data) -> set[str]:
    """The WRES years, and the staff survey each names (indicators 5-8 of year Y: autumn Y-1)."""
    held = [int(y) for y in data.indicators["year"].unique()]
    return {str(y) for y in held} | {str(y - 1) for y in held}


def _wide(data) -> pd.DataFrame:
    """Published statistics, one column per statistic, one row per entity, year and breakdown."""
    ind = data.indicators[~data.indicators["suppressed"]]
    return ind.pivot_table(
        index=["entity", "year", "indicator", "breakdown"],
        columns="statistic",
        values="value",
        aggfunc="first",
    )


#: The gaps the sections print: BME minus White (survey), board minus workforce (indicator 9).
GAPS = (("bme_pct", "white_pct"), ("board_bme_pct", "workforce_bme_pct"))
#: The denominators the funnel plots pool: White and BME together.
DENOMINATORS = (("white_shortlisted", "bme_shortlisted"), ("white_headcount", "bme_headcount"))


def gaps(data) -> set[str]:
    """The gap between two published percentages, exact and as the reader works it out."""
    from wres_helpers.report.labels import shown_difference

    wide = _wide(data)
    out: set[str] = set()
    for a, b in GAPS:
        if a in wide and b in wide:
            out |= tokens(wide[a] - wide[b], "pct")
            out |= tokens((shown_difference(x, y) for x, y in zip(wide[a], wide[b])), "pct")
    return out


def denominators(data) -> set[str]:
    """The sum of two published denominators (White and BME)."""
    wide = _wide(data)
    return {
        t
        for a, b in DENOMINATORS
        if a in wide and b in wide
        for t in tokens(wide[a] + wide[b], "count")
    }


def population_shares(data) -> set[str]:
    """The local population's BME share: an organisation's published context, not staff data."""
    return tokens(data.entities["population_bme_pct"].dropna(), "pct")


def shortlisting_rates(data) -> set[str]:
    """Shortlisted out of applied (%), per group, where both counts are published."""
    from wres_helpers.report.own_workforce import shortlisting_rates as rates

    return tokens(rates(data.cells), "pct")


def recorded_shares(data) -> set[str]:
    """The share of records with ethnicity not known, and the share recorded."""
    from wres_helpers.report.context_sections import recorded_pct

    unknown = data.quality["unknown_pct"].dropna()
    return tokens(unknown, "pct") | tokens((recorded_pct(v) for v in unknown), "pct")


def model_employer(data) -> set[str]:
    """The Model Employer panel's figures: parity posts, gaps, the trajectory, its years."""
    from wres_helpers.report.model_employer_section import published_tokens

    return published_tokens(data.indicators)


def national(data) -> set[str]:
    """NHS England's national figures and the quotes that cite them (published already)."""
    from wres_helpers.report.comparators import published_tokens

    return published_tokens()


#: Each kind of figure a section may print, by the name its ``prints`` gives.
PRINTS: dict[str, Callable[..., set[str]]] = {
    "published values": published_values,
    "published counts": published_counts,
    "years": years,
    "gaps": gaps,
    "denominators": denominators,
    "population shares": population_shares,
    "shortlisting rates": shortlisting_rates,
    "recorded shares": recorded_shares,
    "model employer": model_employer,
    "national": national,
}


def declared(report_types: dict | None = None) -> set[str]:
    """The names every section of every report type declares (``SECTIONS`` by default)."""
    from wres_helpers.report.sections import SECTIONS

    types = SECTIONS if report_types is None else report_types
    return {name for sections in types.values() for s in sections for name in s.prints}


def printed_tokens(data, report_types: dict | None = None) -> set[str]:
    """Every figure the sections of ``report_types`` may print from ``data``, as shown.

    Raises
    ------
    KeyError
        A section declares a name :data:`PRINTS` does not hold.
    """
    out: set[str] = set()
    for name in sorted(declared(report_types)):
        out |= PRINTS[name](data)
    return out

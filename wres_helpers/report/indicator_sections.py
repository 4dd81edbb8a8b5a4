"""The bodies of the nine indicator sections: a table, a chart and sentences each.

Functions of a :class:`~wres_helpers.report.provider.Report` (its figures and
params), called by :meth:`Report.indicator <wres_helpers.report.provider.Report.indicator>`,
which adds the section's heading from :mod:`wres_helpers.report.sections`.
"""

from __future__ import annotations

import math

import pandas as pd

from wres_helpers.figures.indicators import INDICATOR9_BREAKDOWNS, SURVEY_HIGHER_IS_BETTER, TITLES
from wres_helpers.report import charts, narrative
from wres_helpers.report import summary as summary_rows
from wres_helpers.report.figure import PUBLICATION_RULE, Figure
from wres_helpers.report.formatting import fmt, missing, para, table
from wres_helpers.report.labels import shown_difference
from wres_helpers.vocab import PAY_BANDS, SENIOR_BANDS, org_words

#: Indicators 2-4: the statistic counted and its denominator.
LIKELIHOOD_STATISTICS = {
    2: ("appointed", "shortlisted"),
    3: ("entered", "headcount"),
    4: ("accessed", "headcount"),
}
#: The board rows of indicator 9, in the contract's order (one definition, in figures).
BOARD_ROWS = INDICATOR9_BREAKDOWNS


def bar(category: str, group: str, figure: Figure) -> dict:
    """A chart bar from a figure."""
    return {
        "category": category,
        "group": group,
        "value": figure.value,
        "low": figure.ci_low,
        "high": figure.ci_high,
        "suppressed": figure.suppressed,
    }


def bands(report, side: str) -> list[str]:
    """Indicator 1's breakdowns of one side (clinical or not) present this year, in order."""
    values = report._values
    stats = values.loc[report.year] if report.year in values.index.get_level_values(0) else None
    if stats is None:
        stats = pd.DataFrame()
    present = set(stats.loc[1].index.get_level_values(0)) if 1 in stats.index else set()
    ordered = [f"{side}|{band}" for band in PAY_BANDS] + [f"{side}|All"]
    return [b for b in ordered if b in present]


def _indicator1_rows(report) -> tuple[list, list]:
    rows, bars = [], []
    for side in ("Clinical", "Non-clinical"):
        for b in bands(report, side):
            white, bme, unknown, total, share = (
                report.get(1, b, s) for s in ("white_n", "bme_n", "unknown_n", "total_n", "bme_pct")
            )
            if not total.suppressed and (missing(total.value) or total.value == 0):
                continue
            label = b.replace("|", ": ")
            counts = [c.text("count") for c in (white, bme, unknown, total)]
            rows.append([label, *counts, share.text("pct")])
            if not b.endswith("|All"):
                bars.append(bar(label, "BME", share))
    return rows, bars


def _senior_sentences(overall: Figure, bars: list[dict]) -> list[str]:
    senior = [b for b in bars if b["category"].split(": ")[1] in SENIOR_BANDS]
    shown = [
        (b["category"], b["value"])
        for b in senior
        if not b["suppressed"] and not missing(b["value"])
    ]
    withheld = sum(1 for b in senior if b["suppressed"])
    return [
        f"BME staff are {fmt(overall.value, 'pct')} of the workforce.",
        narrative.senior_bands(overall.value, shown, withheld),
    ]


def indicator1(report, _number: int = 1) -> str:
    """Staff in post by pay band and ethnic group, with the BME share of each band."""
    overall = report.get(1, "All|All", "bme_pct")
    rows, bars = _indicator1_rows(report)
    total = [report.get(1, "All|All", s) for s in ("white_n", "bme_n", "unknown_n", "total_n")]
    rows.append(["All staff", *(c.text("count") for c in total), overall.text("pct")])
    out = table(
        ["Pay band", "White", "BME", "Unknown", "Total", "BME share"],
        rows,
        caption=f"Staff in post at 31 March {report.year} by pay band and ethnic group",
    )
    if bars:
        out += charts.group_bars(
            bars,
            "pct",
            "BME share of staff by pay band",
            "BME share of staff (%)",
            "BME staff as a share of each band's headcount (unknown ethnicity included in "
            "the headcount), against the whole workforce (dashed line).",
            reference=None if overall.suppressed else overall.value,
            reference_label="BME share of the whole workforce",
        )
    if not overall.suppressed and not missing(overall.value):
        out += para(*_senior_sentences(overall, bars))
    return out


#: The extract table each likelihood's events come from.
SOURCE_TABLES = {2: "recruitment", 3: "disciplinary", 4: "training"}


def _names(report, codes: list[str]) -> list[str]:
    names = report.data.entities.set_index("entity")["entity_name"]
    return [f"{names.get(c, c)} ({c})" for c in codes]


def likelihood(report, number: int) -> str:
    """Indicators 2-4: rates for White and BME staff and their relative likelihood."""
    a_stat, n_stat = LIKELIHOOD_STATISTICS[number]
    rows, bars = [], []
    for group, stem in (("White", "white"), ("BME", "bme")):
        a = report.get(number, "All", f"{stem}_{a_stat}")
        n = report.get(number, "All", f"{stem}_{n_stat}")
        r = report.get(number, "All", f"{stem}_rate")
        rows.append([group, n.text("count"), a.text("count"), r.text("rate"), r.interval("rate")])
        bars.append(bar(TITLES[number], group, r))
    rl = report.get(number, "All", "relative_likelihood")
    out = table(
        ["Group", n_stat.capitalize(), a_stat.capitalize(), "Rate", "95% interval"],
        rows,
        caption=f"{TITLES[number]}, {report.year}",
    )
    out += charts.group_bars(
        bars, "rate", TITLES[number], "Rate (%)", f"Rates for White and BME staff, {report.year}."
    )
    denominators = [report.get(number, "All", f"{s}_{n_stat}").value for s in ("white", "bme")]
    caution = report.caution(*denominators)
    events = _events(report, number, "All", a_stat)
    left_out = report.not_collected(SOURCE_TABLES[number])
    alone = report.kind != "cluster" and bool(left_out)
    out += para(
        *narrative.likelihood(
            number,
            rl.value,
            rl.ci_low,
            rl.ci_high,
            rl.suppressed,
            caution,
            events,
            alone,
            rl.unsettled,
        )
    )
    if report.kind == "cluster" and left_out:
        out += para(narrative.left_out(SOURCE_TABLES[number], _names(report, left_out)))
    if number == 3 and report.params.indicator3_two_year:
        pooled = report.get(3, "All|two-year", "relative_likelihood")
        if not missing(pooled.value) or pooled.suppressed:
            sentences = narrative.likelihood(
                3,
                pooled.value,
                pooled.ci_low,
                pooled.ci_high,
                pooled.suppressed,
                False,
                _events(report, 3, "All|two-year", a_stat),
                unsettled=pooled.unsettled,
            )
            out += para(
                f"Pooled over two years ({report.year - 1} and {report.year}): "
                + " ".join(sentences)
            )
    return out


def _events(report, number: int, breakdown: str, a_stat: str) -> tuple:
    """The two groups' event counts in the likelihood's order (first group first)."""
    first = narrative.LIKELIHOOD_WORDS[number][0].split()[0].lower()
    order = ("white", "bme") if first == "white" else ("bme", "white")
    counts = [report.get(number, breakdown, f"{stem}_{a_stat}") for stem in order]
    return tuple(math.nan if c.suppressed else c.value for c in counts)


def survey(report, number: int) -> str:
    """Indicators 5-8: staff-survey percentages for White and BME staff."""
    rows, bars, figures = [], [], {}
    for group, stem in (("White", "white"), ("BME", "bme")):
        n = report.get(number, "All", f"{stem}_respondents")
        p = report.get(number, "All", f"{stem}_pct")
        figures[stem] = (p, n)
        rows.append([group, n.text("count"), p.text("pct"), p.interval("pct")])
        bars.append(bar(f"Indicator {number}", group, p))
    out = table(
        ["Group", "Respondents", "Percentage", "95% interval"],
        rows,
        caption=f"Staff survey: {TITLES[number].lower()}, WRES {report.year} "
        f"(NHS Staff Survey {summary_rows.survey_year(report.year)})",
    )
    out += charts.group_bars(
        bars,
        "pct",
        TITLES[number],
        "Percentage of respondents",
        f"Staff-survey percentages for White and BME staff, {report.year}.",
    )
    (wp, wn), (bp, bn) = figures["white"], figures["bme"]
    sentences = narrative.survey(
        number,
        wp.value,
        bp.value,
        wp.suppressed,
        bp.suppressed,
        SURVEY_HIGHER_IS_BETTER[number],
        report.caution(wn.value, bn.value),
        summary_rows.survey_year(report.year),
    )
    return out + para(*sentences)


#: Said under the board table where its difference and the headline figure's last digits differ.
BOARD_HEADLINE_NOTE = (
    "Each difference in this table is that of the two shares as shown beside it. The headline "
    "figure for the board (in the summary and the trend) is worked out from the exact shares, "
    "so its last digit differs."
)


def indicator9(report, _number: int = 9) -> str:
    """Board membership against the workforce."""
    stats = ("board_n", "board_bme_n", "board_bme_pct", "workforce_bme_pct", "difference_pp")
    kinds = ("count", "count", "pct", "pct", "pp")
    rows, headline_differs = [], False
    for b in BOARD_ROWS:
        cells = [report.get(9, b, s) for s in stats]
        board_pct, work_pct, gap = cells[2], cells[3], cells[4]
        # The difference printed is that of the two shares as printed beside it.
        withheld = gap.suppressed or board_pct.suppressed or work_pct.suppressed
        cells[4] = Figure(
            shown_difference(board_pct.value, work_pct.value),
            suppressed=withheld,
            withheld_by=PUBLICATION_RULE if withheld else None,
        )
        if b == "Total board" and not withheld:
            headline_differs = cells[4].text("pp") != gap.text("pp")
        rows.append([b, *(c.text(k) for c, k in zip(cells, kinds))])
    out = table(
        ["Board", "Members", "BME members", "BME share", "Workforce BME share", "Difference"],
        rows,
        caption=f"Board membership, {report.year}",
    )
    if headline_differs:
        out += para(BOARD_HEADLINE_NOTE)
    bars = [bar(b, "BME", report.get(9, b, "board_bme_pct")) for b in BOARD_ROWS]
    workforce = report.get(9, "Total board", "workforce_bme_pct")
    out += charts.group_bars(
        bars,
        "pct",
        "BME share of the board",
        "BME share (%)",
        "BME members as a share of the board, its voting and its executive members, "
        "against the BME share of the workforce (dashed line).",
        reference=None if workforce.suppressed else workforce.value,
        reference_label="BME share of the workforce",
    )
    board, work, gap = (
        report.get(9, "Total board", s)
        for s in ("board_bme_pct", "workforce_bme_pct", "difference_pp")
    )
    return out + para(
        *narrative.board(
            board.value,
            work.value,
            gap.value,
            board.suppressed or gap.suppressed,
            org_words(report.entity_type)["body"],
            "side" not in gap.unsettled,
        )
    )


def builder(number: int):
    """The function that builds indicator ``number``'s section body."""
    if number == 1:
        return indicator1
    if number == 9:
        return indicator9
    return likelihood if number in LIKELIHOOD_STATISTICS else survey

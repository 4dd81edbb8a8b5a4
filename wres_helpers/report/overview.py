"""The report's opening and its overview sections: header, headline figures, summary, trend.

Functions of a :class:`~wres_helpers.report.provider.Report`; the headings
come from :mod:`wres_helpers.report.sections`.
"""

from __future__ import annotations

import datetime as dt

from wres_helpers.report import charts, comparators, labels, narrative
from wres_helpers.report import summary as summary_rows
from wres_helpers.report.figure import Figure
from wres_helpers.report.formatting import note, para, part, suppression_note, table
from wres_helpers.report.summary import headlines

#: The internal report's warning under its header.
INTERNAL_NOTE = (
    "This report shows exact figures, including numbers small enough "
    "to identify people. Use it to inform decisions; publish only the "
    "public version."
)


def header(report) -> str:
    """The title, the organisation and dates, and the audience's note."""
    date = report.params.report_date or dt.date(report.year, 9, 30)
    lede = (
        f"{report.name} ({report.entity}). Workforce at 31 March "
        f"{report.year}; recruitment, disciplinary and training in the year to that date. "
        f"Report date {date:%d %B %Y}."
    )
    out = part("header", report.title(), lede)
    if report.public:
        out += note(suppression_note(report.data.policy))
    else:
        out += note(INTERNAL_NOTE, "caution")
    intro = report.params.narrative.get("introduction")
    if intro:
        out += para(intro)
    return out


def _summary_row(report, spec: dict, last: int | None) -> list[str]:
    this = report.get(*spec["key"])
    before = report.get(*spec["key"], year=last) if last else Figure()
    return [
        str(spec["indicator"]),
        spec["label"],
        this.text(spec["kind"]),
        before.text(spec["kind"]) if last else "n/a",
        summary_rows.change_label(spec, this, before, report.change_settled(spec["key"], last)),
        summary_rows.range_label(spec, this),
        comparators.summary_cell(report.year, spec["indicator"]),
    ]


def _crossings(report, last: int | None) -> list[str]:
    """Sentences for likelihoods that crossed into or out of the non-adverse range."""
    out = []
    for spec in headlines():
        if spec["kind"] != "ratio" or not last:
            continue
        this, before = report.get(*spec["key"]), report.get(*spec["key"], year=last)
        if not (this.suppressed or before.suppressed):
            settled = "side" not in this.unsettled | before.unsettled
            out.append(
                narrative.crossing(spec["indicator"], this.value, before.value, last, settled)
            )
    return out


def summary(report) -> str:
    """The nine indicators, this year and last, with the change judged on the shown figures;
    indicators 5-8 for White and BME staff; indicator 3 on both bases."""
    last = report.last_year
    rows = [_summary_row(report, spec, last) for spec in headlines()]
    headers = [
        "Indicator",
        "Measure",
        str(report.year),
        str(last) if last else "Previous year",
        "Change",
        "Non-adverse range",
        f"National figure {report.year}",
    ]
    body = table(headers, rows, caption=f"The nine WRES indicators, {report.year}")
    body += comparators.summary_sources(report.year)
    body += para(
        "Relative likelihoods from 0.80 to 1.25 are within the non-adverse range "
        "(the four-fifths rule); a figure above 1.25 or below 0.80 means one group "
        "fares markedly differently. Parity is a likelihood of 1 (both groups "
        "equally likely) and a board difference of 0 points; a change is judged on "
        'the figures as shown, so figures that print the same are "No change".',
        *_crossings(report, last),
        *_unsettled(report, rows),
    )
    return body + _summary_survey(report) + _summary_indicator3(report)


def _unsettled(report, rows: list[list[str]]) -> list[str]:
    """The note on labels the rounded figures cannot settle, where the summary has any."""
    if not any(labels.UNSETTLED in row for row in rows):
        return []
    return [labels.unsettled_note(report.data.policy.rounding_base)]


def _get_year(report):
    """``get(indicator, breakdown, statistic, year)`` over the report's figures."""
    return lambda i, breakdown, statistic, year: report.get(i, breakdown, statistic, year=year)


def _summary_survey(report) -> str:
    """Indicators 5-8, White and BME side by side, naming the staff survey behind each."""
    year, last = report.year, report.last_year
    out = table(
        summary_rows.survey_headers(year, last),
        summary_rows.survey_rows(_get_year(report), year, last, report.change_settled),
        caption=f"Staff-survey indicators 5-8, {year}" + (f" and {last}" if last else ""),
    )
    return out + para(
        f"WRES {year} uses the NHS Staff Survey carried out in autumn "
        f"{summary_rows.survey_year(year)}. The BME minus White column is the gap "
        "between the two figures as shown."
    )


def _summary_indicator3(report) -> str:
    """Indicator 3 on one-year and two-year bases, with the basis stated."""
    rows = summary_rows.indicator3_rows(_get_year(report), report.year, report.last_year)
    if not rows:
        return ""
    return table(
        ["Basis", "Relative likelihood", "Non-adverse range"],
        rows,
        caption="Indicator 3: relative likelihood of BME staff compared with White "
        "staff to enter the formal disciplinary process, on one-year and two-year bases",
    ) + para(
        f"The one-year figure counts entries in the year to 31 March {report.year}; the "
        "two-year figure pools the entries and headcounts of that year and the year "
        "before, which steadies a figure resting on few cases."
    )


def trend(report) -> str:
    """Every headline figure over every year in the extract."""
    rows = [
        [f"{spec['indicator']}: {spec['label']}"]
        + [report.get(*spec["key"], year=y).text(spec["kind"]) for y in report.years]
        for spec in headlines()
    ]
    body = table(
        ["Indicator"] + [str(y) for y in report.years], rows, caption="Headline figures by year"
    )
    points = []
    for i in (2, 3, 4):
        for y in report.years:
            v = report.get(i, "All", "relative_likelihood", year=y)
            points.append(
                {"label": f"Indicator {i}", "year": y, "value": v.value, "suppressed": v.suppressed}
            )
    if len(report.years) > 1:
        body += charts.likelihood_trend(
            points,
            "Relative likelihoods for indicators 2, 3 "
            "and 4 in each year, against the non-adverse range.",
        )
    return body

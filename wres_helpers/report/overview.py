"""The report's opening and its overview sections: header, headline figures, summary, trend.

Functions of a :class:`~wres_helpers.report.provider.Report`; the headings
come from :mod:`wres_helpers.report.sections`.
"""

from __future__ import annotations

import datetime as dt

from wres_helpers.figures.indicators import SURVEY_HIGHER_IS_BETTER, TITLES
from wres_helpers.report import charts, comparators, narrative
from wres_helpers.report.figure import Figure
from wres_helpers.report.formatting import note, para, part, suppression_note, table

#: The internal report's warning under its header.
INTERNAL_NOTE = (
    "This report shows exact figures, including numbers small enough "
    "to identify people. Use it to inform decisions; publish only the "
    "public version."
)


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
    if this.suppressed or before.suppressed:
        change = "Not comparable"
    else:
        change = narrative.change(this.value, before.value, spec["better"])
    ratio = spec["kind"] == "ratio"
    if ratio and not this.suppressed:
        range_label = narrative.non_adverse_label(this.value)
    else:
        range_label = "Not published ([c])" if this.suppressed and ratio else ""
    return [
        str(spec["indicator"]),
        spec["label"],
        this.text(spec["kind"]),
        before.text(spec["kind"]) if last else "n/a",
        change,
        range_label,
        comparators.summary_cell(report.year, spec["indicator"]),
    ]


def summary(report) -> str:
    """The nine indicators, this year and last, with the direction of change."""
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
    return body + para(
        "Relative likelihoods from 0.80 to 1.25 are within the non-adverse range "
        "(the four-fifths rule); a figure above 1.25 or below 0.80 means one group "
        'fares markedly differently. "Better" and "worse" are from the point '
        "of view of equality between BME and White staff."
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

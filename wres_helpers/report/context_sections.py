"""The sections around the indicators: benchmarking, data quality and the action plan.

Functions of a :class:`~wres_helpers.report.provider.Report`; the headings
come from :mod:`wres_helpers.report.sections`.
"""

from __future__ import annotations

import math

from wres_helpers.figures.indicators import TITLES
from wres_helpers.report import charts
from wres_helpers.report.data import FUNNEL_INPUTS, PEER_GROUPS
from wres_helpers.report.formatting import fmt, missing, para, table
from wres_helpers.report.labels import quality_label


def benchmarking(report) -> str:
    """Funnel plots against organisations of the same type in the extract."""
    group = PEER_GROUPS.get(report.entity_type, "Other organisations")
    f = report.data.funnels
    body = para(
        f"Each organisation of the same type in the extract ({group.lower()}) is "
        "plotted by its relative likelihood against its denominator. Points outside "
        "the 99.8% limits differ from the peer average by more than chance would "
        "explain; limits widen for small organisations."
    )
    names = report.data.entities.set_index("entity")["entity_name"].to_dict()
    drawn = 0
    for i in FUNNEL_INPUTS:
        match = (
            f[(f["indicator"] == i) & (f["year"] == report.year) & (f["peer_group"] == group)]
            if len(f)
            else f
        )
        if match.empty:
            continue
        row = match.iloc[0]
        points = row["points"]
        if len(points) < 3 or report.entity not in set(points["entity"]):
            continue
        drawn += 1
        body += charts.funnel(
            points,
            row["curve"],
            row["target"],
            report.entity,
            f"Indicator {i}: {TITLES[i]}",
            "Denominator (White and BME staff or applicants), log scale",
            f"Indicator {i} for {group.lower()} in {report.year}.",
            names,
        )
    if not drawn:
        body += para(
            "Too few organisations of the same type have published figures for "
            "a funnel plot (at least three are needed, this one among them)."
        )
    return body


def recorded_pct(unknown_pct: float) -> float:
    """The share of records whose ethnicity is recorded, from the share not known.

    >>> recorded_pct(12.5)
    87.5
    """
    return 100 - unknown_pct


def _quality_row(r, limit: float) -> tuple[list[str], bool]:
    reported = math.nan if missing(r.unknown_pct) else recorded_pct(r.unknown_pct)
    label = quality_label(r.unknown_pct, r.suppressed, limit)
    row = [
        r.table.capitalize(),
        fmt(r.records, "count", r.suppressed and missing(r.records)),
        fmt(r.unknown, "count", missing(r.unknown) and r.suppressed),
        fmt(reported, "pct", r.suppressed),
        label,
    ]
    return row, label.startswith("Low")


def data_quality(report) -> str:
    """Ethnicity self-reporting rates per table, flagged where low."""
    q = report.data.quality
    q = q[(q["entity"] == report.entity) & (q["year"] == report.year)]
    limit = report.params.self_report_flag_pct
    rows, flagged = [], []
    for r in q.itertuples(index=False):
        if not r.suppressed and (missing(r.records) or r.records == 0):
            continue
        row, low = _quality_row(r, limit)
        rows.append(row)
        if low:
            flagged.append(r.table)
    body = table(
        ["Table", "Records", "Ethnicity not known", "Self-reported", "Assessment"],
        rows,
        caption=f"Ethnicity self-reporting, {report.year}",
    )
    if flagged:
        return body + para(
            f"Ethnicity is not known for more than {limit:g}% of records in: "
            + ", ".join(flagged)
            + ". Improving self-reporting would make the "
            "indicators more reliable."
        )
    return body + para(
        f"Ethnicity is known for at least {100 - limit:g}% of the records of "
        "every table whose rate is shown"
        + (" (a withheld rate, [c], takes its assessment with it)." if report.public else ".")
    )


def _action_rows(actions, with_outcome: bool) -> list[list[str]]:
    return [
        [
            a.action,
            str(a.indicator or ""),
            a.owner,
            a.due.strftime("%d %b %Y") if a.due else "",
            a.status,
        ]
        + ([a.outcome] if with_outcome else [])
        for a in actions
    ]


def action_plan(report) -> str:
    """This year's actions, beside last year's and their outcome."""
    params = report.params
    if params.action_plan:
        body = table(
            ["Action", "Indicator", "Owner", "Due", "Status"],
            _action_rows(params.action_plan, False),
            caption="Action plan",
        )
    else:
        body = para("No action plan was supplied with this report.")
    if params.last_year_actions:
        body += table(
            ["Action", "Indicator", "Owner", "Due", "Status", "Outcome"],
            _action_rows(params.last_year_actions, True),
            caption="Last year's actions and their outcome",
        )
    return body

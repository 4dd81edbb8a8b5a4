"""A commissioner's own workforce, after the guidance's Appendix 1 (North Somerset CCG).

Profile by ethnic group with the governing body, recruitment monitoring against
the local working-age population, leavers, and conclusions and recommendations
(the rules in :mod:`~wres_helpers.report.recommendations`). Functions of a
:class:`~wres_helpers.report.commissioner.CommissionerReport`.
"""

from __future__ import annotations

import math

from wres_helpers.report.formatting import fmt, missing, para, part, table
from wres_helpers.report.labels import share_row
from wres_helpers.report.recommendations import GAP_PP, recommendations
from wres_helpers.vocab import org_words

GROUPS = ("White", "BME", "Unknown")
HEADERS = ["Group", "White", "BME", "Unknown", "Total", "White %", "BME %", "Unknown %"]


def profile_row(report, measure: str, breakdown: str, label: str) -> list[str]:
    """Counts by ethnic group, their total and each group's share.

    The shares are withheld together when any count of the row is (see
    :func:`~wres_helpers.report.labels.share_row`).
    """
    cells = [report.cell(measure, breakdown, g) for g in (*GROUPS, "All")]
    counts = [c.text("count") for c in cells]
    parts = [(c.value, c.suppressed) for c in cells]
    shares = [fmt(v, "pct", s) for v, s in share_row(parts[:3], parts[3])]
    return [label, *counts, *shares]


def rate_pct(part_count, whole_count):
    """``part_count`` out of ``whole_count``, as a percentage (scalars or columns alike).

    >>> rate_pct(3, 12)
    25.0
    """
    return 100 * part_count / whole_count


def _rate(part_count, whole_count, suppressed: bool) -> str:
    known = whole_count and not missing(whole_count)
    return fmt(rate_pct(part_count, whole_count) if known else math.nan, "pct", suppressed)


def shortlisting_rates(cells) -> list[float]:
    """Shortlisted out of applied (%), per group, where both counts are published.

    What the recruitment table's first rate column can print, for every
    entity of the report data's ``cells`` (the audit's declaration of it).
    """
    shown = cells[~cells["suppressed"] & cells["measure"].isin(["applied", "shortlisted"])]
    wide = shown.pivot_table(
        index=["entity", "year", "ethnic_group"], columns="measure", values="count"
    )
    if not {"applied", "shortlisted"} <= set(wide.columns):
        return []
    applied = wide["applied"].where(wide["applied"] > 0)
    return rate_pct(wide["shortlisted"], applied).dropna().tolist()


def _rates(report) -> list[list[str]]:
    rows = []
    for g in GROUPS:
        applied = report.cell("applied", "All", g)
        short = report.cell("shortlisted", "All", g)
        appointed = report.cell("appointed", "All", g)
        rows.append(
            [
                g,
                _rate(short.value, applied.value, applied.suppressed or short.suppressed),
                _rate(appointed.value, short.value, short.suppressed or appointed.suppressed),
            ]
        )
    return rows


def _recruitment(report) -> str:
    rows = [
        profile_row(report, m, "All", m.capitalize())
        for m in ("applied", "shortlisted", "appointed")
    ]
    out = table(HEADERS, rows, caption=f"Recruitment monitoring, year to 31 March {report.year}")
    out += table(
        ["Group", "Shortlisted from applicants", "Appointed from shortlisted"],
        _rates(report),
        caption="Shortlisting and appointment rates",
    )
    population = report.population()
    if not missing(population):
        applied = report.share("applied", "All")
        short = report.share("shortlisted", "All")
        out += para(
            f"BME residents are {fmt(population, 'pct')} of the local working-age "
            f"population; BME applicants were {applied.text('pct')} "
            f"of applicants and {short.text('pct')} of those "
            "shortlisted."
        )
    return out


def own_workforce(report) -> str:
    """The section's body: profile, recruitment, leavers, conclusions and recommendations."""
    body = para(
        "Due to the small numbers involved, treat percentages with caution: a small "
        "change in number can make a large change in a percentage."
    )
    body_word = org_words(report.entity_type)["body"]
    body += table(
        HEADERS,
        [
            profile_row(report, "staff", "All|All", "Staff in post"),
            profile_row(report, "board", "Total board", f"{body_word.capitalize()} members"),
        ],
        caption=f"Workforce profile at 31 March {report.year}, {body_word} included",
    )
    body += _recruitment(report)
    if not missing(report.cell("leavers", "All", "All").value):
        body += table(
            HEADERS,
            [profile_row(report, "leavers", "All", "Leavers")],
            caption=f"Leavers, year to 31 March {report.year}",
        )
    recs = recommendations(report.figures(), report.params.self_report_flag_pct)
    body += part("recommendations", recs)
    if not recs:
        flag = report.params.self_report_flag_pct
        opening = (
            "None of the rules applies to the figures published here; a rule whose figures "
            "are withheld ([c]) cannot be judged in this version (the internal report judges "
            "it). The rules: ethnicity not "
            if report.public and rules_withheld(report)
            else "None of the rules applies to the figures in this report: ethnicity not "
        )
        body += para(
            opening + f"known for more than {flag:g}% of a table's records; a BME share of "
            f"shortlisted applicants more than {GAP_PP:g} points below that of "
            f"applicants, or a BME share of staff more than {GAP_PP:g} points below "
            "that of the local working-age population; no BME staff; an appointment "
            "likelihood outside 0.80 to 1.25."
        )
    return body


def rules_withheld(report) -> bool:
    """Whether any figure a recommendation rule reads is withheld in this version."""
    q = report.data.quality
    mine = q[(q["entity"] == report.entity) & (q["year"] == report.year)]
    cells = [
        report.cell(measure, breakdown, group)
        for measure, breakdown in (("staff", "All|All"), ("applied", "All"), ("shortlisted", "All"))
        for group in ("BME", "All")
    ]
    return (
        bool((mine["suppressed"] == True).any())  # noqa: E712 (NaN where not collected)
        or report.get(2, "All", "relative_likelihood").suppressed
        or any(c.suppressed for c in cells)
    )

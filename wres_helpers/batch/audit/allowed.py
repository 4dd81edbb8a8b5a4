"""What a public page may print: the sections' declared figures, and the rules' numbers.

The figures come from one definition: each section declares the kinds of
figure it may print (:mod:`wres_helpers.report.sections`), listed by
:mod:`wres_helpers.report.printed` with the helpers the sections use, so
every report the project makes passes its own audit, and a section that
prints a figure it does not declare fails it.
"""

from __future__ import annotations

from pathlib import Path

from wres_helpers.figures.disclosure import Policy


def allowed_values(
    extracts,
    policy: Policy = Policy(),
    cache_dir: Path | None = None,
    report_types: dict | None = None,
) -> set[str]:
    """Every figure a public output may show, formatted as the reports format it.

    The union, over every section of every report type (``report_types``,
    by default :data:`wres_helpers.report.sections.SECTIONS`), of the figures
    the section declares it may print, for each extract's public report data.
    """
    from wres_helpers.report.cache import load, prepare
    from wres_helpers.report.data import ReportData
    from wres_helpers.report.printed import printed_tokens

    allowed: set[str] = set()
    for extract in extracts:
        data = prepare(extract, policy, cache_dir)["public"]
        data = data if isinstance(data, ReportData) else load(data)
        allowed |= printed_tokens(data, report_types)
    return allowed


def constants(policy: Policy) -> set[str]:
    """Numbers the reports print that are rules, not data."""
    from wres_helpers.report.params import ReportParams

    fields = ReportParams.model_fields
    flag = fields["self_report_flag_pct"].default
    return {
        "0.80",
        "1.25",
        "95",
        "99.8",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "100",
        f"{flag:g}",
        f"{100 - flag:g}",
        str(fields["caution_below"].default),
        str(policy.max_suppressed + 1),
        str(policy.max_suppressed),
        str(policy.rounding_base),
        str(policy.survey_min_respondents),
    }

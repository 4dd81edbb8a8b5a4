"""Numbers typed into a public report's narrative, checked before it renders.

A sentence in params ("Only 3 BME staff entered a disciplinary process")
would publish a count the publication rule withholds. So every number in a
public report's narrative must be a published figure of its extract, or be
listed in the params file's ``narrative_numbers``: the author's explicit mark
that the number is not a staff figure (a target, a year). Listed numbers are
accepted by the audit on that report's page only.

A cluster report's ``pro_forma`` may only answer for the cluster's members:
an entry for any other code is refused, not ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from wres_helpers.figures.disclosure import Policy


def marked(params) -> set[str]:
    """The numbers a params file marks as not staff figures, as the audit reads them."""
    out = set()
    for number in params.narrative_numbers:
        text = f"{number:g}" if isinstance(number, float) else str(number)
        out.update({text, f"{number:,}" if isinstance(number, int) else text})
    return out


def narrative_problems(params, cache_dir: Path | None, memo: dict | None = None) -> list[str]:
    """Why a public report's narrative may not render: each unpublished, unmarked number."""
    from wres_helpers.batch.audit import NOT_FIGURES, allowed_values, numbers

    if not params.narrative:
        return []
    policy = Policy(params.max_suppressed, params.rounding_base, params.survey_min_respondents)
    memo = {} if memo is None else memo
    key = (params.extract, policy)
    if key not in memo:
        memo[key] = allowed_values([params.extract], policy, cache_dir)
    ok = memo[key] | marked(params)
    problems = []
    for section, text in params.narrative.items():
        for number in numbers(NOT_FIGURES.sub(" ", text)):
            if number.rstrip("%").lstrip("-") not in ok:
                problems.append(
                    f"narrative.{section}: {number!r} is not a published figure; "
                    "if it is not a staff figure, list it in narrative_numbers"
                )
    return problems


def narrative_allowances(params: Iterable) -> dict[str, set[str]]:
    """Page file name -> the numbers its params file marked, for the audit."""
    from wres_helpers.report.params import report_name

    return {
        f"{report_name(p)}.html": marked(p)
        for p in params
        if p.audience == "public" and p.narrative_numbers
    }


def pro_forma_problems(params, cache_dir: Path | None) -> list[str]:
    """Pro forma entries for codes that are not members of the report's cluster."""
    from wres_helpers.report.cache import load, prepare
    from wres_helpers.report.data import ReportData

    if not params.pro_forma:
        return []
    policy = Policy(params.max_suppressed, params.rounding_base, params.survey_min_respondents)
    data = prepare(params.extract, policy, cache_dir)["internal"]
    ents = (data if isinstance(data, ReportData) else load(data)).entities
    members = set(
        ents.loc[(ents["cluster"] == params.entity) & (ents["entity_type"] != "cluster"), "entity"]
    )
    return [
        f"pro_forma.{code}: not a member of {params.entity} (members: {sorted(members)})"
        for code in sorted(set(params.pro_forma) - members)
    ]

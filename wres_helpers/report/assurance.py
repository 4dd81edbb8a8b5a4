"""Provider assurance and due regard: the commissioner's business rules, apart from the page.

Which providers the WRES applies to (not small providers, whose NHS income is
not expected to exceed £200,000, nor primary care), whether each published
its report on time, and what each Brown Principle requires. Pure functions on
data; :mod:`wres_helpers.report.commissioner` calls them to build its page.
"""

from __future__ import annotations

import datetime as dt

from wres_helpers.report.context_sections import recorded_pct
from wres_helpers.report.formatting import fmt, missing
from wres_helpers.report.narrative import survey_evidence

#: NHS Standard Contract: a small provider's NHS income is not expected to exceed this.
SMALL_PROVIDER_LIMIT_GBP = 200_000

BROWN_REQUIREMENTS = {
    "knowledge": "Be aware of the WRES, its aims and metrics.",
    "sufficient_information": "Consider what data the organisation has about its own "
    "workforce by ethnicity, and what more it needs.",
    "timeliness": "Collect and analyse workforce and staff-survey data with the WRES metrics "
    "before decisions are taken, to the providers' timetable.",
    "real_consideration": "Make the WRES an integral part of decisions on workforce treatment "
    "and experience, with rigour and an open mind.",
    "accountability": "Do not delegate having due regard to the WRES to another body.",
    "monitoring_and_review": "Keep regard to the WRES when workforce policies are implemented "
    "and reviewed: a continuing duty.",
}


def provider_scope(provider_type: str, nhs_income_gbp) -> tuple[bool, str]:
    """Whether the WRES applies to a provider, and why.

    The standard applies to providers under the NHS Standard Contract except
    small providers (NHS income not expected to exceed £200,000 a year) and
    primary care (the guidance, section 3.3).

    Examples
    --------
    >>> provider_scope("nhs", 200_000)
    (False, 'Small provider: NHS income not expected to exceed £200,000')
    >>> provider_scope("independent", 200_001)[0]
    True
    """
    if provider_type == "primary_care":
        return False, "Primary care: outside the WRES"
    if missing(nhs_income_gbp):
        return True, "NHS income not stated: treated as in scope"
    if nhs_income_gbp <= SMALL_PROVIDER_LIMIT_GBP:
        return False, "Small provider: NHS income not expected to exceed £200,000"
    return True, "NHS Standard Contract provider above the small-provider limit"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def assurance_status(
    in_scope: bool, due: dt.date | None, received: dt.date | None, as_of: dt.date
) -> str:
    """A provider's WRES report as at the report date.

    A report received after ``as_of`` had not been received as at that date,
    so it counts as overdue or not yet due, never as received.

    Examples
    --------
    >>> d, oct2 = dt.date(2023, 9, 30), dt.date(2023, 10, 2)
    >>> assurance_status(True, d, oct2, dt.date(2023, 9, 29))
    'Not yet due'
    >>> assurance_status(True, d, oct2, dt.date(2023, 10, 5))
    'Received late (2 days)'
    """
    if not in_scope:
        return "Not in scope"
    if received is not None and received > as_of:
        received = None
    if due is None:
        return "Received (no due date)" if received is not None else "No due date"
    if received is not None:
        late = (received - due).days
        return "Received by the due date" if late <= 0 else f"Received late ({_days(late)})"
    over = (as_of - due).days
    return f"Overdue ({_days(over)})" if over > 0 else "Not yet due"


#: The categories :func:`assurance_sentence` counts, in its order.
ASSURANCE_CATEGORIES = (
    "Received by the due date",
    "Received late",
    "Overdue",
    "Not yet due",
    "No due date",
    "Received (no due date)",
)

SENTENCE_WORDS = {
    "No due date": "with no due date",
    "Received (no due date)": "received with no due date",
}


def assurance_sentence(statuses: list[str], as_of: dt.date) -> str:
    """One sentence counting the providers in each assurance status."""
    in_scope = [s for s in statuses if s != "Not in scope"]
    out_of_scope = len(statuses) - len(in_scope)
    counts = {c: sum(1 for s in in_scope if s.split(" (")[0] == c) for c in ASSURANCE_CATEGORIES}
    shown_cats = [c for c in ASSURANCE_CATEGORIES[:4]] + [
        c for c in ASSURANCE_CATEGORIES[4:] if counts[c]
    ]
    words = [f"{counts[c]} {SENTENCE_WORDS.get(c, c.lower())}" for c in shown_cats]
    listed = ", ".join(words[:-1]) + " and " + words[-1]
    n = len(in_scope)
    text = f"As at {as_of:%d %B %Y}, {_providers(n)} in scope of the WRES" + (
        f": {listed}" if n else ""
    )
    if out_of_scope:
        text += f"; {_providers(out_of_scope)} not in scope"
    return text + "."


def _providers(n: int) -> str:
    return f"{n} provider is" if n == 1 else f"{n} providers are"


def brown_evidence(
    key: str,
    unknown_pct: float,
    survey: list[int],
    report_date: dt.date | None,
    deadline: dt.date | None,
    actions: list,
) -> str:
    """What the data and params can show for one Brown Principle (never a verdict).

    Due regard is a judgement: the status is the organisation's own
    assessment (params ``due_regard_assessment``); the data supply only evidence.

    Parameters
    ----------
    key : str
        The principle (a key of ``BROWN_PRINCIPLES``).
    unknown_pct : float
        Percentage of staff whose ethnicity is not known; NaN where absent or withheld.
    survey : list of int
        The staff-survey indicators (5-8) with data this year.
    report_date, deadline : datetime.date or None
        The report's date and its publication deadline.
    actions : list
        Last year's actions (each with an ``outcome``).
    """
    if key == "sufficient_information":
        held = survey_evidence(len(survey))
        if missing(unknown_pct):
            return f"Ethnicity recording withheld ([c]); staff-survey results for {held}."
        return (
            f"Ethnicity recorded for {fmt(recorded_pct(unknown_pct), 'pct')} of staff; "
            f"staff-survey results for {held}."
        )
    if key == "timeliness" and report_date and deadline:
        return (
            f"Report dated {report_date:%d %B %Y}, publication deadline {deadline:%d %B %Y}. "
            "The principle asks that the duty be considered before decisions are "
            "taken, which a report's date cannot show."
        )
    if key == "monitoring_and_review" and actions:
        reviewed = sum(1 for a in actions if a.outcome)
        return (
            f"Last year's actions reviewed: {reviewed} of {len(actions)} have a recorded outcome."
        )
    return ""

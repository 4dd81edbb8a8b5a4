"""Provider assurance and due regard: the commissioner's business rules, apart from the page.

Which providers the WRES applies to (not small providers, whose NHS income is
not expected to exceed £200,000, nor primary care), whether each published
its report on time, and what each Brown Principle requires. Pure functions on
data; :mod:`wres_helpers.report.commissioner` calls them to build its page.
"""

from __future__ import annotations

import datetime as dt

from wres_helpers.report.formatting import fmt, missing

#: NHS Standard Contract: a small provider's NHS income is not expected to exceed this.
SMALL_PROVIDER_LIMIT_GBP = 200_000

BROWN_REQUIREMENTS = {
    "knowledge": "Be aware of the WRES, its aims and metrics.",
    "sufficient_information": "Consider what data the CCG has about its own workforce by "
    "ethnicity, and what more it needs.",
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


def report_status(due: dt.date | None, received: dt.date | None, as_of: dt.date) -> str:
    """A provider's WRES report against its due date: on time, late, overdue or not yet due.

    Examples
    --------
    >>> d = dt.date(2023, 10, 31)
    >>> report_status(d, dt.date(2023, 10, 31), d), report_status(d, dt.date(2023, 11, 2), d)
    ('On time', 'Late (2 days)')
    >>> report_status(d, None, dt.date(2023, 11, 1)), report_status(d, None, d)
    ('Overdue (1 day)', 'Not yet due')
    """
    if due is None:
        return "No due date" if received is None else "Received (no due date)"
    if received is not None:
        late = (received - due).days
        return "On time" if late <= 0 else f"Late ({late} day{'s' if late != 1 else ''})"
    over = (as_of - due).days
    if over > 0:
        return f"Overdue ({over} day{'s' if over != 1 else ''})"
    return "Not yet due"


def brown_evidence(
    key: str,
    unknown_pct: float,
    survey: list[int],
    flag_pct: float,
    report_date: dt.date | None,
    deadline: dt.date | None,
    actions: list,
) -> tuple[str, str]:
    """The evidence the data give for one Brown Principle, and its status.

    Parameters
    ----------
    key : str
        The principle (a key of ``BROWN_PRINCIPLES``).
    unknown_pct : float
        Percentage of staff whose ethnicity is not known; NaN where absent or withheld.
    survey : list of int
        The staff-survey indicators (5-8) with data this year.
    flag_pct : float
        The self-reporting flag: more than this percentage not known is low.
    report_date, deadline : datetime.date or None
        The report's date and its publication deadline.
    actions : list
        Last year's actions (each with an ``outcome``).
    """
    if key == "sufficient_information":
        known = unknown_pct
        if missing(known):
            return "Ethnicity recording not published.", "Not assessed"
        text = (
            f"Ethnicity recorded for {fmt(100 - known, 'pct')} of staff; staff-survey "
            f"results for {len(survey) and 'all four' or 'none'} of indicators 5-8."
        )
        good = (100 - known) >= 100 - flag_pct and len(survey) == 4
        return text, "Met" if good else "Partly met"
    if key == "timeliness":
        date = report_date
        if date and deadline:
            return (
                f"Report dated {date:%d %B %Y}; deadline {deadline:%d %B %Y}.",
                "Met" if date <= deadline else "Not met: after the deadline",
            )
        return "", "Not evidenced"
    if key == "monitoring_and_review":
        reviewed = [a for a in actions if a.outcome]
        if actions:
            return (
                f"Last year's actions reviewed: {len(reviewed)} of {len(actions)} have a "
                "recorded outcome.",
                "Met" if len(reviewed) == len(actions) else "Partly met",
            )
        return "", "Not evidenced"
    return "", "Not evidenced"

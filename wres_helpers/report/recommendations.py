"""Conclusions and recommendations from documented rules (the guidance's Appendix 1).

Pure functions on a commissioner's figures; the page code only lays the
findings out.
"""

from __future__ import annotations

from dataclasses import dataclass

from wres_helpers.figures.indicators import NON_ADVERSE
from wres_helpers.report.formatting import fmt, missing

#: A gap in BME share (percentage points) above which a recommendation fires.
GAP_PP = 5.0


@dataclass(frozen=True)
class Recommendation:
    rule: str
    finding: str
    recommendation: str


def recommendations(
    figures: dict, nondisclosure_pct: float, gap_pp: float = GAP_PP
) -> list[Recommendation]:
    """Conclusions and recommendations from documented rules (the guidance's Appendix 1).

    Parameters
    ----------
    figures : dict
        ``unknown_pct`` (table -> % of records with ethnicity not known),
        ``bme_applied_pct``, ``bme_shortlisted_pct``, ``bme_staff_pct``,
        ``population_bme_pct``, ``bme_staff_n``, ``appointment_rl``; a value
        of None (missing or suppressed) leaves its rule unassessed.
        ``appointment_settled`` (default true) is false where the rounded
        figures cannot settle the likelihood's range.
    nondisclosure_pct : float
        Rule 1 fires when a table's unknown share is above this.
    gap_pp : float
        Rules 2 and 3 fire when a BME share falls short by more than this.

    Rules
    -----
    1. Non-disclosure above the threshold: improve recording.
    2. BME share of applicants above that of shortlisted by more than the gap:
       review shortlisting.
    3. BME share of staff below the local working-age population's by more
       than the gap: review attraction.
    4. No BME staff where the local population has BME residents: a concern.
    5. Appointment likelihood outside the non-adverse range: review appointment.
    """
    rules = (
        _non_disclosure(figures, nondisclosure_pct),
        _shortlisting(figures, gap_pp),
        _representation(figures, gap_pp),
        _no_bme_staff(figures),
        _appointment(figures),
    )
    return [r for r in rules if r is not None]


def _non_disclosure(figures: dict, nondisclosure_pct: float) -> Recommendation | None:
    """Rule 1: a table whose unknown share is above the threshold."""
    unknown = {k: v for k, v in (figures.get("unknown_pct") or {}).items() if not missing(v)}
    high = [f"{k} ({fmt(v, 'pct')})" for k, v in unknown.items() if v > nondisclosure_pct]
    if not high:
        return None
    return Recommendation(
        "non-disclosure",
        f"Ethnicity is not recorded for more than {nondisclosure_pct:g}% "
        f"of records in: {', '.join(high)}.",
        "Take steps to improve the gathering and recording of ethnicity for current "
        "employees, new starters and leavers: is the question asked, are people preferring "
        "not to say, or is the answer not recorded?",
    )


def _shortlisting(figures: dict, gap_pp: float) -> Recommendation | None:
    """Rule 2: BME applicants' share above shortlisted applicants' by more than the gap."""
    applied, shortlisted = figures.get("bme_applied_pct"), figures.get("bme_shortlisted_pct")
    if missing(applied) or missing(shortlisted) or applied - shortlisted <= gap_pp:
        return None
    return Recommendation(
        "shortlisting",
        f"BME applicants were {fmt(applied, 'pct')} of applicants but "
        f"{fmt(shortlisted, 'pct')} of those shortlisted.",
        "Review the value placed on ethnic diversity through recruitment: how person "
        "specifications are written, how shortlisting is done, and feedback to "
        "unsuccessful groups.",
    )


def _representation(figures: dict, gap_pp: float) -> Recommendation | None:
    """Rule 3: BME staff's share below the local population's by more than the gap."""
    staff, population = figures.get("bme_staff_pct"), figures.get("population_bme_pct")
    if missing(staff) or missing(population) or population - staff <= gap_pp:
        return None
    return Recommendation(
        "representation",
        f"BME staff are {fmt(staff, 'pct')} of the workforce against "
        f"{fmt(population, 'pct')} of the local working-age population.",
        "Review how the organisation attracts applicants from BME communities, and "
        "whether targeted support is available to local residents.",
    )


def _no_bme_staff(figures: dict) -> Recommendation | None:
    """Rule 4: no BME staff where the local population has BME residents."""
    population = figures.get("population_bme_pct")
    if figures.get("bme_staff_n") != 0 or missing(population) or not population > 0:
        return None
    return Recommendation(
        "no-bme-staff",
        "No member of staff identified as BME, where "
        f"{fmt(population, 'pct')} of the local working-age population is BME.",
        "Work to uncover the causes, starting with recording and recruitment.",
    )


def _appointment(figures: dict) -> Recommendation | None:
    """Rule 5: the appointment likelihood outside the non-adverse range; under
    ``method: rounding``, a likelihood whose range the rounded figures cannot
    settle says so rather than state it."""
    rl, settled = figures.get("appointment_rl"), figures.get("appointment_settled", True)
    if missing(rl) or (settled and NON_ADVERSE[0] <= rl <= NON_ADVERSE[1]):
        return None
    finding = (
        "No White applicants were appointed from shortlisting while some BME "
        "applicants were: a relative likelihood of 0.00"
        if rl == 0
        else f"White applicants were {fmt(rl, 'ratio')} times as likely as BME "
        "applicants to be appointed from shortlisting"
    )
    review = (
        "review interview and appointment practice, including panel make-up and the "
        "weighting of equality and diversity competencies."
    )
    if not settled:
        return Recommendation(
            "appointment",
            f"{finding}; the rounded figures cannot settle whether this is outside "
            "the non-adverse range.",
            "Read the exact figure in the internal report; if it is outside the range, " + review,
        )
    return Recommendation(
        "appointment", finding + ", outside the non-adverse range.", review[0].upper() + review[1:]
    )

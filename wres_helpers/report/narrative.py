"""Narrative: sentences written from the values, never typed numbers.

Each function takes the figures a sentence needs (already those of the
report's audience) and returns plain text; :mod:`wres_helpers.report.formatting` escapes it.
"""

from __future__ import annotations

import math

from wres_helpers.figures.indicators import NON_ADVERSE
from wres_helpers.report.formatting import fmt, missing

#: Who each likelihood compares, in words.
LIKELIHOOD_WORDS = {
    2: ("White applicants", "BME applicants", "to be appointed from shortlisting"),
    3: ("BME staff", "White staff", "to enter the formal disciplinary process"),
    4: ("White staff", "BME staff", "to access non-mandatory training and CPD"),
}


def non_adverse_label(rl) -> str:
    """The four-fifths rule's verdict on a likelihood, in words (never colour alone)."""
    if missing(rl):
        return "Not available"
    low, high = NON_ADVERSE
    if low <= rl <= high:
        return "Within the non-adverse range"
    return "Outside the non-adverse range"


def likelihood(indicator: int, rl, low, high, suppressed: bool, caution: bool) -> list[str]:
    """Sentences on a relative likelihood (indicators 2-4)."""
    first, second, what = LIKELIHOOD_WORDS[indicator]
    if suppressed:
        return [
            "The relative likelihood is not published: it rests on a count small enough "
            "to identify people ([c])."
        ]
    if missing(rl):
        return [
            f"The relative likelihood cannot be calculated this year: no {second} "
            f"were counted {what.removeprefix('to ')} or the data were not supplied."
        ]
    out = [
        f"{first} were {fmt(rl, 'ratio')} times as likely as {second} {what}"
        + (
            f" (95% confidence interval {fmt(low, 'ratio')} to {fmt(high, 'ratio')})."
            if not (missing(low) or missing(high))
            else "."
        )
    ]
    if not (missing(low) or missing(high)):
        if low > 1 or high < 1:
            out.append(
                "The interval excludes 1, so the difference between the groups is "
                "statistically clear."
            )
        else:
            out.append("The interval includes 1, so the difference could be due to chance.")
    lo, hi = NON_ADVERSE
    out.append(
        f"A figure from {fmt(lo, 'ratio')} to {fmt(hi, 'ratio')} is within the "
        f"non-adverse range (the four-fifths rule); this one is "
        + ("within it." if lo <= rl <= hi else "outside it.")
    )
    if caution:
        out.append(
            "The numbers behind this figure are small, so treat it with caution: a "
            "change of a few people moves it a long way."
        )
    return out


def survey(
    indicator: int, white, bme, white_s: bool, bme_s: bool, higher_is_better: bool, caution: bool
) -> list[str]:
    """Sentences on a staff-survey indicator (5-8)."""
    if white_s or bme_s:
        return [
            "The percentage for at least one group is not published because fewer staff "
            "responded than the staff survey's threshold ([c])."
        ]
    if missing(white) or missing(bme):
        return ["No staff-survey results were supplied for this indicator this year."]
    gap = bme - white
    if abs(gap) < 0.05:
        comparison = "the same for BME and White staff"
    else:
        worse = (gap < 0) if higher_is_better else (gap > 0)
        comparison = (
            f"{fmt(abs(gap), 'pct').removesuffix('%')} percentage points "
            f"{'higher' if gap > 0 else 'lower'} for BME staff than for White staff, "
            f"which is {'worse' if worse else 'better'} for BME staff"
        )
    out = [
        f"{fmt(bme, 'pct')} of BME staff and {fmt(white, 'pct')} of White staff; the "
        f"figure is {comparison}."
    ]
    if caution:
        out.append("Few staff responded, so treat these percentages with caution.")
    return out


def board(board_pct, workforce_pct, difference, suppressed: bool) -> list[str]:
    if suppressed or missing(difference):
        return [
            "The BME share of the board is not published: the number of BME board "
            "members is small enough to identify people ([c])."
            if suppressed
            else "Board membership was not supplied this year."
        ]
    direction = "below" if difference < 0 else "above"
    return [
        f"BME members make up {fmt(board_pct, 'pct')} of the board against "
        f"{fmt(workforce_pct, 'pct')} of the workforce: "
        f"{fmt(abs(difference), 'pct').removesuffix('%')} "
        f"percentage points {direction} the workforce."
    ]


def change(this, last, better: str) -> str:
    """Direction of change in words: 'up', 'down' or 'no change', and whether better.

    ``better`` is ``"higher"``, ``"lower"``, ``"closer to 1"``, ``"closer to 0"`` or
    ``"neutral"``.
    """
    if missing(this) or missing(last):
        return "Not comparable"
    if abs(this - last) < 1e-9:
        return "No change"
    word = "Up" if this > last else "Down"
    if better == "neutral":
        return word
    if better == "higher":
        improved = this > last
    elif better == "lower":
        improved = this < last
    elif better == "closer to 1":
        improved = abs(math.log(this) if this > 0 else math.inf) < abs(
            math.log(last) if last > 0 else math.inf
        )
    else:
        improved = abs(this) < abs(last)
    return f"{word} ({'better' if improved else 'worse'})"

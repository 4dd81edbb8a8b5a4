"""Narrative: sentences written from the values, never typed numbers.

Each function takes the figures a sentence needs (those of the report's
audience) and returns plain text, escaped by :mod:`wres_helpers.report.formatting`.
"""

from __future__ import annotations

from wres_helpers.figures.indicators import NON_ADVERSE
from wres_helpers.report.formatting import fmt, missing
from wres_helpers.report.labels import (
    UNSETTLED,
    cannot_settle,
    non_adverse_sentence,
    parity_side,
    shown,
    shown_difference,
    significance,
)

#: Who each likelihood compares, in words.
LIKELIHOOD_WORDS = {
    2: ("White applicants", "BME applicants", "to be appointed from shortlisting"),
    3: ("BME staff", "White staff", "to enter the formal disciplinary process"),
    4: ("White staff", "BME staff", "to access non-mandatory training and CPD"),
}


def non_adverse_label(rl, settled: bool = True) -> str:
    """The four-fifths rule's verdict on a likelihood, in words (never colour alone);
    :data:`UNSETTLED` where the rounded figures cannot settle it."""
    if missing(rl):
        return "Not available"
    if not settled:
        return UNSETTLED
    low, high = NON_ADVERSE
    if low <= rl <= high:
        return "Within the non-adverse range"
    return "Outside the non-adverse range"


#: What each likelihood's event is, in the past tense, for sentences on zeros.
EVENT_PAST = {
    2: "were appointed from shortlisting",
    3: "entered the formal disciplinary process",
    4: "accessed non-mandatory training and CPD",
}

#: What a likelihood above 1 means, for the sentence on crossing parity.
ABOVE_PARITY = {
    2: "White applicants were more likely than BME applicants to be appointed from shortlisting",
    3: "BME staff were more likely than White staff to enter the formal disciplinary process",
    4: "White staff were more likely than BME staff to access non-mandatory training and CPD",
}
BELOW_PARITY = {
    2: "BME applicants were more likely than White applicants to be appointed from shortlisting",
    3: "White staff were more likely than BME staff to enter the formal disciplinary process",
    4: "BME staff were more likely than White staff to access non-mandatory training and CPD",
}


def unavailable(indicator: int, events=(None, None), not_collected: bool = False) -> str:
    """Why a relative likelihood has no value, in words.

    ``events`` are the two groups' event counts in the likelihood's order
    (first group, second group), e.g. White and BME appointments for indicator 2.
    """
    first, second, _ = LIKELIHOOD_WORDS[indicator]
    past = EVENT_PAST[indicator]
    if not_collected:
        return "The relative likelihood is not available: these data were not collected this year."
    a, b = events
    if a == 0 and b == 0:
        return (
            f"Neither {first} nor {second} {past} this year, so there is no relative "
            "likelihood to calculate."
        )
    if b == 0:
        return f"No {second} {past} this year, so the relative likelihood cannot be calculated."
    return "The relative likelihood cannot be calculated this year: the data were not supplied."


def left_out(table: str, names: list[str]) -> str:
    """A cluster's pooled figure names the members that did not collect its data.

    Examples
    --------
    >>> left_out("training", ["North ICB (QZ1)"])
    'Not collected by North ICB (QZ1): the training figures above, their counts and denominators pool only the members that collected them.'
    >>> left_out("disciplinary", ["A (A1)", "B (B2)", "C (C3)"])
    'Not collected by A (A1), B (B2) and C (C3): the disciplinary figures above, their counts and denominators pool only the members that collected them.'
    """  # noqa: E501
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"
    return (
        f"Not collected by {who}: the {table} figures above, their counts and denominators "
        "pool only the members that collected them."
    )


def likelihood(
    indicator: int,
    rl,
    low,
    high,
    suppressed: bool,
    caution: bool,
    events=(None, None),
    not_collected: bool = False,
    unsettled: frozenset = frozenset(),
) -> list[str]:
    """Sentences on a relative likelihood (indicators 2-4).

    ``events`` (the two groups' event counts, first group first) and
    ``not_collected`` say why a likelihood is absent; see :func:`unavailable`.
    ``unsettled`` names the verdicts the rounded figures cannot settle (see
    :mod:`wres_helpers.report.settled`): their sentences say so.
    """
    first, second, what = LIKELIHOOD_WORDS[indicator]
    if suppressed:
        return [
            "The relative likelihood is not published: it rests on a count small enough "
            "to identify people ([c])."
        ]
    if missing(rl) or not_collected:
        return [unavailable(indicator, events, not_collected)]
    has_interval = not (missing(low) or missing(high))
    interval = (
        f" (95% confidence interval {fmt(low, 'ratio')} to {fmt(high, 'ratio')})"
        if has_interval
        else ""
    )
    if rl == 0:
        out = [
            f"No {first} {EVENT_PAST[indicator]} this year, while some {second} did: "
            f"the relative likelihood is {fmt(0.0, 'ratio')}{interval}."
        ]
    else:
        out = [f"{first} were {fmt(rl, 'ratio')} times as likely as {second} {what}{interval}."]
    if has_interval:
        out.append(significance(low, high, "significance" not in unsettled))
    out.append(non_adverse_sentence(rl, "range" not in unsettled))
    if caution:
        out.append(
            "The numbers behind this figure are small, so treat it with caution: a "
            "change of a few people moves it a long way."
        )
    return out


def crossing(indicator: int, this, last, last_year: int, settled: bool = True) -> str:
    """A sentence when a likelihood (as shown) crossed parity since ``last_year``, else ``""``;
    ``settled`` is false where the rounded figures cannot settle either year's side."""
    if missing(this) or missing(last):
        return ""
    if not settled:
        return cannot_settle(f"the figure has crossed parity since {last_year}")
    now, before = (
        parity_side(shown(this, "ratio"), "ratio"),
        parity_side(shown(last, "ratio"), "ratio"),
    )
    if now * before >= 0:
        return ""
    words = {1: ABOVE_PARITY[indicator], -1: BELOW_PARITY[indicator]}
    return f"The figure has crossed parity: in {last_year} {words[before]}; this year {words[now]}."


def survey(
    indicator: int,
    white,
    bme,
    white_s: bool,
    bme_s: bool,
    higher_is_better: bool,
    caution: bool,
    survey_year: int | None = None,
) -> list[str]:
    """Sentences on a staff-survey indicator (5-8); the gap is that of the figures as shown."""
    if white_s or bme_s:
        return [
            "The percentage for at least one group is not published because fewer staff "
            "responded than the staff survey's threshold ([c])."
        ]
    if missing(white) or missing(bme):
        return ["No staff-survey results were supplied for this indicator this year."]
    gap = shown_difference(bme, white)
    if gap == 0:
        comparison = "the same for BME and White staff"
    else:
        worse = (gap < 0) if higher_is_better else (gap > 0)
        comparison = (
            f"{abs(gap):.1f} percentage points "
            f"{'higher' if gap > 0 else 'lower'} for BME staff than for White staff, "
            f"which is {'worse' if worse else 'better'} for BME staff"
        )
    source = f"In the NHS Staff Survey {survey_year}, " if survey_year else ""
    out = [
        f"{source}{fmt(bme, 'pct')} of BME staff and {fmt(white, 'pct')} of White staff; the "
        f"figure is {comparison}."
    ]
    if caution:
        out.append("Few staff responded, so treat these percentages with caution.")
    return out


def board(board_pct, workforce_pct, difference, suppressed, body="board", settled=True) -> list:
    """Sentences on the board's BME share against the workforce's (indicator 9).

    ``body`` names the board in the organisation's own words (an ICB's or
    trust's board, a CCG's governing body); the difference is that of the
    two shares as shown; ``settled`` is false where the rounded figures
    cannot settle which side of the workforce's share the board's lies.
    """
    if suppressed and not missing(board_pct) and missing(workforce_pct):
        return [
            f"BME members make up {fmt(board_pct, 'pct')} of the {body}. The workforce's "
            "BME share, and so the difference, is not published: it rests on a count "
            "small enough to identify people ([c])."
        ]
    if suppressed or missing(difference):
        return [
            f"The BME share of the {body} is not published: the number of BME "
            f"{body} members is small enough to identify people ([c])."
            if suppressed
            else f"{body.capitalize()} membership was not supplied this year."
        ]
    gap = shown_difference(board_pct, workforce_pct)
    share = (
        f"BME members make up {fmt(board_pct, 'pct')} of the {body} against "
        f"{fmt(workforce_pct, 'pct')} of the workforce"
    )
    if not settled:
        return [f"{share}. " + cannot_settle(f"the {body}'s share is above or below it")]
    if gap == 0:
        return [f"{share}: the same share."]
    direction = "below" if gap < 0 else "above"
    return [f"{share}: {abs(gap):.1f} percentage points {direction} the workforce."]


def senior_bands(overall, bands: list[tuple], withheld: int = 0) -> str:
    """Whether the BME share of each senior band (8A and above) is below the workforce's.

    Parameters
    ----------
    overall : float
        The workforce's BME share (0-100).
    bands : list of (label, share)
        The senior bands whose share the report shows; compared as shown.
    withheld : int
        How many further senior bands' shares are withheld ([c]).
    """
    if missing(overall) or not bands:
        return ""
    level = shown(overall, "pct")
    below = [label for label, value in bands if shown(value, "pct") < level]
    where = "senior band (8A and above) shown here"
    if len(bands) == 1:
        side = "below" if below else "not below"
        text = f"The BME share of {bands[0][0]}, the one {where}, is {side} the workforce's."
    elif len(below) == len(bands):
        text = f"The BME share is below that of the workforce as a whole in every {where}."
    elif not below:
        text = f"The BME share is not below that of the workforce as a whole in any {where}."
    else:
        text = (
            "The BME share is below that of the workforce as a whole in these senior "
            f"bands (8A and above) shown here: {', '.join(below)}."
        )
    further = " The share of a further senior band is withheld ([c])."
    if withheld > 1:
        further = " The shares of further senior bands are withheld ([c])."
    return text + further if withheld else text


#: What a commissioner's own assessment of a Brown Principle may say.
ASSESSMENTS = ("Met", "Partly met", "Not met")


def due_regard_status(assessment: str | None) -> str:
    """A Brown Principle's status: the organisation's own judgement, never computed.

    Examples
    --------
    >>> due_regard_status(None), due_regard_status("Partly met")
    ('Not assessed', 'Partly met')
    """
    return assessment if assessment in ASSESSMENTS else "Not assessed"


def survey_evidence(present: int) -> str:
    """How many of indicators 5-8 have staff-survey results, in words.

    Examples
    --------
    >>> survey_evidence(4), survey_evidence(3), survey_evidence(0)
    ('all four of indicators 5-8', '3 of indicators 5-8', 'none of indicators 5-8')
    """
    words = {4: "all four", 0: "none"}
    return f"{words.get(present, str(present))} of indicators 5-8"

"""Labels that rest on figures: each a pure function of the values it labels.

A label never says more than the figures shown beside it: two figures that
print the same are "No change"; a difference printed beside its parts is the
difference of the parts as printed; a label or share resting on a withheld
figure is withheld with it; under ``method: rounding``, a verdict the rounded
figures cannot settle is not stated (:data:`UNSETTLED`). The report pages call
these functions and add no logic of their own.
"""

from __future__ import annotations

import math

from wres_helpers.figures.disclosure import SUPPRESSED
from wres_helpers.figures.indicators import NON_ADVERSE
from wres_helpers.report.formatting import fmt, missing

#: What a label reads where the rounded figures cannot settle its verdict
#: (``method: rounding``; :mod:`wres_helpers.report.settled`).
UNSETTLED = "Not settled by the rounded figures"


def cannot_settle(whether: str) -> str:
    """The sentence in place of a verdict the rounded figures cannot settle.

    Examples
    --------
    >>> cannot_settle("this one is")
    'The rounded figures cannot settle whether this one is.'
    """
    return f"The rounded figures cannot settle whether {whether}."


def unsettled_note(base: int) -> str:
    """The sentence under a table whose labels include :data:`UNSETTLED`."""
    return (
        f'Where a verdict reads "{UNSETTLED}", the figures, computed from counts rounded to '
        f"the nearest {base}, lie too close to the verdict's boundary for the rounding to "
        "settle it, so none is stated."
    )


#: What a rise in a staff-survey indicator's BME figure means for BME staff.
SURVEY_MEANING = {
    5: ("More harassment reported by BME staff", "Less harassment reported by BME staff"),
    6: ("More harassment reported by BME staff", "Less harassment reported by BME staff"),
    7: (
        "More belief in equal opportunities among BME staff",
        "Less belief in equal opportunities among BME staff",
    ),
    8: ("More discrimination reported by BME staff", "Less discrimination reported by BME staff"),
}


def shown(value, kind: str) -> float:
    """A figure as the reader sees it: rounded as :func:`fmt` prints it, back as a number.

    Examples
    --------
    >>> shown(17.46, "pct"), shown(0.12345, "rate"), shown(1.005, "ratio")
    (17.5, 12.3, 1.0)
    """
    if missing(value):
        return math.nan
    if kind == "rate":
        return float(f"{100 * value:.1f}")
    if kind == "ratio":
        return float(f"{value:.2f}")
    if kind == "count":
        return float(f"{value:.0f}")
    return float(f"{value:.1f}")


def shown_difference(first, second, kind: str = "pct") -> float:
    """``first - second`` of two figures as shown: round the parts, then subtract.

    A difference printed beside its parts must be the difference a reader
    works out from them (17.5% and 6.2% are 11.3 points apart, even when the
    exact difference rounds to 11.4).

    Examples
    --------
    >>> shown_difference(17.46, 6.24)
    11.3
    """
    if missing(first) or missing(second):
        return math.nan
    return round(shown(first, kind) - shown(second, kind), 6)


def _parity_distance(value: float, kind: str) -> float:
    """Distance from parity: |log| for a likelihood (1 is parity), |value| for points."""
    if kind == "ratio":
        return math.inf if value <= 0 else abs(math.log(value))
    return abs(value)


def parity_side(value, kind: str) -> int:
    """-1 below parity, 0 at it, +1 above (a likelihood's parity is 1, points' is 0)."""
    centre = 1.0 if kind == "ratio" else 0.0
    return (value > centre) - (value < centre)


def change(this, last, kind: str, better: str) -> str:
    """The direction of change between two years' figures, judged on the figures as shown.

    Parameters
    ----------
    this, last : float
        This year's and the comparison year's exact figures (NaN when absent).
    kind : str
        How they are printed (:func:`fmt`'s kinds); figures that print the
        same are "No change", whatever their exact values.
    better : {"neutral", "parity", "higher", "lower"}
        ``parity``: a likelihood (kind ``ratio``, distance from 1 on the log
        scale) or a difference in points (distance from 0); ``higher`` and
        ``lower`` say which way is better.

    Examples
    --------
    >>> change(1.01, 0.87, "ratio", "parity")
    'Closer to parity (crossed to the other side)'
    """
    if missing(this) or missing(last):
        return "Not comparable"
    now, before = shown(this, kind), shown(last, kind)
    if now == before:
        return "No change"
    if better == "parity":
        closer = _parity_distance(now, kind) < _parity_distance(before, kind)
        same = _parity_distance(now, kind) == _parity_distance(before, kind)
        label = (
            "As far from parity"
            if same
            else "Closer to parity"
            if closer
            else "Further from parity"
        )
        crossed = parity_side(now, kind) * parity_side(before, kind) < 0
        return label + (" (crossed to the other side)" if crossed else "")
    word = "Up" if now > before else "Down"
    if better == "neutral":
        return word
    improved = (now > before) == (better == "higher")
    return f"{word} ({'better' if improved else 'worse'})"


def significance(low, high, settled: bool) -> str:
    """Whether the interval excludes 1, or that the rounded figures cannot settle it."""
    if not settled:
        return cannot_settle("the interval excludes 1 (a statistically clear difference)")
    if low > 1 or high < 1:
        return (
            "The interval excludes 1, so the difference between the groups is statistically clear."
        )
    return "The interval includes 1, so the difference could be due to chance."


def non_adverse_sentence(rl, settled: bool) -> str:
    """The four-fifths rule's verdict as a sentence (or that it is not settled)."""
    lo, hi = NON_ADVERSE
    rule = (
        f"A figure from {fmt(lo, 'ratio')} to {fmt(hi, 'ratio')} is within the "
        "non-adverse range (the four-fifths rule); "
    )
    if not settled:
        return rule + "the rounded figures cannot settle whether this one is."
    return rule + "this one is " + ("within it." if lo <= rl <= hi else "outside it.")


def survey_change(indicator: int, this, last) -> str:
    """The BME figure's change for indicators 5-8, in what it means for BME staff.

    Examples
    --------
    >>> survey_change(5, 28.04, 31.0), survey_change(7, 45.0, 44.96)
    ('Less harassment reported by BME staff', 'No change')
    """
    if missing(this) or missing(last):
        return "Not comparable"
    now, before = shown(this, "pct"), shown(last, "pct")
    if now == before:
        return "No change"
    rise, fall = SURVEY_MEANING[indicator]
    return rise if now > before else fall


def share_row(parts: list[tuple], whole: tuple) -> list[tuple[float, bool]]:
    """Each part's share (0-100) of the whole, withheld together when any part is.

    Parameters
    ----------
    parts : list of (count, withheld)
        The parts of one row (e.g. White, BME, Unknown).
    whole : (count, withheld)
        The row's total.

    Returns
    -------
    list of (share, withheld)
        When any part or the whole is withheld, every share is withheld: the
        shares that remain would otherwise add up to the withheld one's
        complement ("White 100.0%, BME [c], Unknown 0.0%").

    Examples
    --------
    >>> share_row([(3, False), (1, False)], (4, False))
    [(75.0, False), (25.0, False)]
    >>> share_row([(9, False), (2, True)], (11, False))
    [(nan, True), (nan, True)]
    """
    if whole[1] or any(withheld for _, withheld in parts):
        return [(math.nan, True) for _ in parts]
    total = whole[0]
    if missing(total) or total <= 0:
        return [(math.nan, False) for _ in parts]
    return [(100 * count / total, False) for count, _ in parts]


def quality_label(unknown_pct, withheld: bool, limit_pct: float) -> str:
    """A table's ethnicity-recording verdict: withheld with the rate it rests on.

    Examples
    --------
    >>> quality_label(12.0, False, 10), quality_label(10.0, False, 10)
    ('Low: more than 10% not known', 'Adequate')
    >>> quality_label(12.0, True, 10), quality_label(float("nan"), False, 10)
    ('[c]', 'n/a')
    """
    if withheld:
        return SUPPRESSED
    if missing(unknown_pct):
        return "n/a"
    if unknown_pct > limit_pct:
        return f"Low: more than {limit_pct:g}% not known"
    return "Adequate"

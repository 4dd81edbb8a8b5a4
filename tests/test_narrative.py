"""Sentences written from values: a case table each."""

import math

import pytest

from wres_helpers.report.formatting import fmt
from wres_helpers.report.narrative import change, likelihood, non_adverse_label, survey


@pytest.mark.parametrize(
    "rl, label",
    [
        (1.0, "Within the non-adverse range"),
        (0.8, "Within the non-adverse range"),
        (1.25, "Within the non-adverse range"),
        (1.26, "Outside the non-adverse range"),
        (0.79, "Outside the non-adverse range"),
        (math.nan, "Not available"),
    ],
)
def test_non_adverse_label(rl, label):
    assert non_adverse_label(rl) == label


def test_likelihood_sentences_state_figure_interval_and_clarity():
    text = " ".join(likelihood(2, 1.5278, 1.0243, 2.2786, False, False))
    assert text.startswith(
        "White applicants were 1.53 times as likely as BME applicants to be "
        "appointed from shortlisting (95% confidence interval 1.02 to 2.28)."
    )
    assert "excludes 1, so the difference between the groups is statistically clear" in text
    assert "outside it." in text
    unclear = " ".join(likelihood(3, 1.1, 0.7, 1.6, False, True))
    assert "includes 1" in unclear and "within it." in unclear and "caution" in unclear
    assert "not published" in likelihood(4, math.nan, math.nan, math.nan, True, False)[0]


def test_survey_sentence_says_which_way_is_worse():
    text = survey(5, 25.0, 31.5, False, False, higher_is_better=False, caution=False)[0]
    assert text == (
        "31.5% of BME staff and 25.0% of White staff; the figure is 6.5 percentage "
        "points higher for BME staff than for White staff, which is worse for BME "
        "staff."
    )
    text = survey(7, 58.0, 45.0, False, False, higher_is_better=True, caution=False)[0]
    assert "13.0 percentage points lower for BME staff" in text and "worse" in text


@pytest.mark.parametrize(
    "this, last, better, expected",
    [
        (1.2, 1.5, "closer to 1", "Down (better)"),
        (0.7, 0.9, "closer to 1", "Down (worse)"),
        (30.0, 25.0, "lower", "Up (worse)"),
        (30.0, 25.0, "higher", "Up (better)"),
        (3.0, 3.0, "neutral", "No change"),
        (-5.0, -9.0, "closer to 0", "Up (better)"),
        (math.nan, 1.0, "neutral", "Not comparable"),
    ],
)
def test_direction_of_change(this, last, better, expected):
    assert change(this, last, better) == expected


@pytest.mark.parametrize(
    "value, kind, suppressed, text",
    [
        (1234.0, "count", False, "1,234"),
        (0.0, "count", False, "0"),
        (12.345, "pct", False, "12.3%"),
        (0.1234, "rate", False, "12.3%"),
        (1.5278, "ratio", False, "1.53"),
        (-2.04, "pp", False, "-2.0 pp"),
        (3.0, "count", True, "[c]"),
        (math.nan, "pct", False, "n/a"),
    ],
)
def test_fmt(value, kind, suppressed, text):
    assert fmt(value, kind, suppressed) == text

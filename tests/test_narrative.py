"""Sentences written from values: a case table each."""

import math
import re

import pytest

from wres_helpers.report import narrative
from wres_helpers.report.formatting import fmt
from wres_helpers.report.narrative import (
    board,
    crossing,
    due_regard_status,
    likelihood,
    non_adverse_label,
    senior_bands,
    survey,
    survey_evidence,
)

NAN = math.nan


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
    text = survey(5, 25.0, 31.5, False, False, False, False, survey_year=2022)[0]
    assert text == (
        "In the NHS Staff Survey 2022, 31.5% of BME staff and 25.0% of White staff; "
        "the figure is 6.5 percentage "
        "points higher for BME staff than for White staff, which is worse for BME "
        "staff."
    )
    text = survey(7, 58.0, 45.0, False, False, higher_is_better=True, caution=False)[0]
    assert "13.0 percentage points lower for BME staff" in text and "worse" in text


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


@pytest.mark.parametrize(
    "indicator, events, not_collected, expected",
    [
        # Both groups zero: no "were counted enter" and no "or the data were not supplied".
        (
            3,
            (0, 0),
            False,
            "Neither BME staff nor White staff entered the formal disciplinary process this "
            "year, so there is no relative likelihood to calculate.",
        ),
        (
            2,
            (3, 0),
            False,
            "No BME applicants were appointed from shortlisting this year, so the relative "
            "likelihood cannot be calculated.",
        ),
        (
            4,
            (NAN, NAN),
            True,
            "The relative likelihood is not available: these data were not collected this year.",
        ),
        (
            4,
            (NAN, NAN),
            False,
            "The relative likelihood cannot be calculated this year: the data were not supplied.",
        ),
    ],
)
def test_likelihood_says_why_it_is_absent(indicator, events, not_collected, expected):
    assert likelihood(indicator, NAN, NAN, NAN, False, False, events, not_collected) == [expected]


def test_likelihood_of_zero_is_said_in_words():
    # White rate 0 of 8, BME 1 of 5: the likelihood white/bme = 0.
    text = likelihood(2, 0.0, NAN, NAN, False, False, (0, 1))
    assert text[0] == (
        "No White applicants were appointed from shortlisting this year, while some BME "
        "applicants did: the relative likelihood is 0.00."
    )
    assert text[-1].endswith("this one is outside it.")


@pytest.mark.parametrize(
    "this, last, expected",
    [
        (
            0.87,
            1.01,
            "The figure has crossed parity: in 2022 White applicants were more likely than "
            "BME applicants to be appointed from shortlisting; this year BME applicants were "
            "more likely than White applicants to be appointed from shortlisting.",
        ),
        (1.2, 1.5, ""),  # same side
        (1.004, 0.87, ""),  # 1.004 shows as 1.00: at parity, not across it
        (NAN, 0.87, ""),
    ],
)
def test_crossing_parity_is_said_in_words(this, last, expected):
    assert crossing(2, this, last, 2022) == expected


@pytest.mark.parametrize(
    "white, bme, expected_end",
    [
        # 17.46 shows 17.5, 6.24 shows 6.2: a gap of 11.3 points, not the exact 11.2.
        (
            6.24,
            17.46,
            "11.3 percentage points higher for BME staff than for White staff, "
            "which is worse for BME staff.",
        ),
        (20.04, 19.96, "the same for BME and White staff."),  # both show 20.0%
        (0.0, 0.0, "the same for BME and White staff."),
    ],
)
def test_survey_gap_is_of_the_shown_figures(white, bme, expected_end):
    assert survey(6, white, bme, False, False, False, False)[0].endswith(expected_end)


@pytest.mark.parametrize(
    "white_s, bme_s, white, bme, start",
    [
        (False, True, 20.0, NAN, "The percentage for at least one group is not published"),
        (False, False, NAN, NAN, "No staff-survey results were supplied"),
    ],
)
def test_survey_withheld_or_absent(white_s, bme_s, white, bme, start):
    assert survey(5, white, bme, white_s, bme_s, False, False)[0].startswith(start)


@pytest.mark.parametrize(
    "args, body, expected",
    [
        # 11.1% of the governing body against 4.8% of staff: 11.1 - 4.8 = 6.3 points above.
        (
            (11.11, 4.76, 6.35, False),
            "governing body",
            "BME members make up 11.1% of the governing body against 4.8% of the "
            "workforce: 6.3 percentage points above the workforce.",
        ),
        (
            (0.0, 12.0, -12.0, False),
            "board",
            "BME members make up 0.0% of the board against 12.0% of the workforce: "
            "12.0 percentage points below the workforce.",
        ),
        (
            (10.0, 10.04, -0.04, False),
            "board",
            "BME members make up 10.0% of the board against 10.0% of the workforce: "
            "the same share.",
        ),
        (
            (NAN, 12.0, NAN, True),
            "board",
            "The BME share of the board is not published: the number of BME board members "
            "is small enough to identify people ([c]).",
        ),
        ((NAN, NAN, NAN, False), "board", "Board membership was not supplied this year."),
    ],
)
def test_board_sentence(args, body, expected):
    assert board(*args, body=body) == [expected]


@pytest.mark.parametrize(
    "bands, withheld, expected",
    [
        (
            [("Clinical: Band 8A", 0.0), ("Non-clinical: Band 8B", 3.0)],
            0,
            "The BME share is below that of the workforce as a whole in every senior band "
            "(8A and above) shown here.",
        ),
        (
            [("Clinical: Band 8A", 4.8), ("Non-clinical: Band 8B", 9.0)],
            0,
            "The BME share is not below that of the workforce as a whole in any senior band "
            "(8A and above) shown here.",
        ),
        (
            [("Band 8A", 2.0), ("Band 8B", 9.0), ("Band 9", 1.0)],
            1,
            "The BME share is below that of the workforce as a whole in these senior "
            "bands (8A and above) shown here: Band 8A, Band 9. The share of a further "
            "senior band is withheld ([c]).",
        ),
        (
            [("Clinical: Band 8A", 3.0)],
            3,
            "The BME share of Clinical: Band 8A, the one senior band (8A and above) shown "
            "here, is below the workforce's. The shares of further senior bands are "
            "withheld ([c]).",
        ),
        ([], 2, ""),
    ],
)
def test_senior_bands_sentence(bands, withheld, expected):
    # The workforce's share is 4.8%; a band at 4.8% is not below it.
    assert senior_bands(4.8, bands, withheld) == expected


@pytest.mark.parametrize(
    "assessment, status",
    [(None, "Not assessed"), ("Met", "Met"), ("Partly met", "Partly met"), ("Not met", "Not met")],
)
def test_due_regard_status_is_the_organisations_own(assessment, status):
    assert due_regard_status(assessment) == status


@pytest.mark.parametrize(
    "present, words",
    [(4, "all four of indicators 5-8"), (2, "2 of indicators 5-8"), (0, "none of indicators 5-8")],
)
def test_survey_evidence_counts_the_indicators_present(present, words):
    assert survey_evidence(present) == words


def test_verdicts_the_rounded_figures_cannot_settle_are_not_stated():
    # The example: rounded counts give 1.53 (1.02 to 2.28), outside the
    # range and excluding 1, where the exact figure's verdicts differ on both.
    text = " ".join(
        likelihood(2, 1.5278, 1.0243, 2.2786, False, False, unsettled={"significance", "range"})
    )
    assert "1.53 times as likely" in text
    assert "The rounded figures cannot settle whether the interval excludes 1" in text
    assert "the rounded figures cannot settle whether this one is." in text
    assert not re.search(r"excludes 1, so|includes 1|within it|outside it", text)
    # Only the range unsettled: the interval's verdict is stated.
    text = " ".join(likelihood(3, 1.3193, 0.70, 2.49, False, False, unsettled={"range"}))
    assert "includes 1, so the difference could be due to chance" in text
    assert "outside it" not in text and "cannot settle whether this one is" in text
    assert non_adverse_label(1.3193, settled=False) == "Not settled by the rounded figures"
    assert non_adverse_label(NAN, settled=False) == "Not available"


def test_crossing_and_board_side_not_settled():
    # 1.02 against 0.97 crosses parity as shown, but the sides are not settled.
    assert crossing(2, 1.02, 0.97, 2022, settled=False) == (
        "The rounded figures cannot settle whether the figure has crossed parity since 2022."
    )
    # 10.0% against 9.8%: 0.2 points above as shown, a side the rounding cannot settle.
    assert board(10.0, 9.8, 0.2, False, settled=False) == [
        "BME members make up 10.0% of the board against 9.8% of the workforce. "
        "The rounded figures cannot settle whether the board's share is above or below it."
    ]


def test_a_published_board_beside_a_withheld_workforce_share_is_stated():
    # A board of 9 with 1 BME member: 1 / 9 = 11.1%, published as board counts are; the
    # workforce's share rests on a withheld count, so neither it nor the gap is stated.
    text = " ".join(narrative.board(100 / 9, math.nan, math.nan, True))
    assert "BME members make up 11.1% of the board." in text
    assert "workforce's BME share, and so the difference, is not published" in text
    assert "number of BME board members is small" not in text

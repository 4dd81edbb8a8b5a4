"""The indicators, against values worked by hand from tiny extracts."""

import math

import numpy as np
import pandas as pd
import pytest
from conftest import ORGS, people, write_extract
from scipy.stats import binomtest

from wres_helpers.extract.validate import load_extract
from wres_helpers.figures import counts
from wres_helpers.figures.disclosure import Policy, wilson_interval
from wres_helpers.figures.engine import indicators_for_extract


def value(frame, entity, indicator, breakdown, statistic, column="value"):
    row = frame[
        (frame["entity"] == entity)
        & (frame["indicator"] == indicator)
        & (frame["breakdown"] == breakdown)
        & (frame["statistic"] == statistic)
    ]
    assert len(row) == 1, (entity, indicator, breakdown, statistic, len(row))
    return row.iloc[0][column]


def katz(a, n1, b, n2):
    """The Katz log-method 95% interval, written out: exp(ln RR -/+ 1.96 SE)."""
    rr = (a / n1) / (b / n2)
    se = math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2)
    z = 1.959963984540054
    return rr, math.exp(math.log(rr) - z * se), math.exp(math.log(rr) + z * se)


def applicants(org, year, group_code, n, shortlisted, appointed, start=0):
    rows = []
    for i in range(n):
        rows.append(
            {
                "org_code": org,
                "year": year,
                "applicant_id": f"{org}-{group_code}-{start + i}",
                "ethnic_category": group_code,
                "shortlisted": "Y" if i < shortlisted else "N",
                "appointed": "Y" if i < appointed else "N",
            }
        )
    return rows


@pytest.fixture
def trust(tmp_path):
    """T1 in 2016, built so every indicator is easy to work by hand.

    Staff: 60 White (A), 40 BME (H), 10 Unknown (Z): 110.
      Band 5 clinical: 50 White, 30 BME, 5 Unknown; Band 8A non-clinical: 10 White,
      10 BME, 5 Unknown.
    Recruitment: White 100 applied, 30 shortlisted, 9 appointed;
      BME 50 applied, 20 shortlisted, 3 appointed; Unknown 10 applied, 5 shortlisted,
      2 appointed (left out of indicator 2).
    Disciplinary: 3 White, 4 BME entries; one BME person entered twice (counts once).
    Training: 30 White, 10 BME.
    Survey: indicator 5, White 40 respondents / 10 positive, BME 20 / 8.
    Board: 10 members, 2 BME, 1 Unknown; voting 8 (1 BME); executive 4 (1 BME).
    """
    staff = people(
        "T1", 2016, "staff", {"A": 50, "H": 30, "Z": 5}, pay_band="Band 5", clinical="Y"
    ) + people("T1", 2016, "staff", {"A": 10, "H": 10, "Z": 5}, pay_band="8a", clinical="N")
    for i, row in enumerate(staff):
        row["staff_id"] = f"s{i}"
    white_ids = [r["staff_id"] for r in staff if r["ethnic_category"] == "A"]
    bme_ids = [r["staff_id"] for r in staff if r["ethnic_category"] == "H"]
    disciplinary = [
        {"org_code": "T1", "year": 2016, "staff_id": s, "ethnic_category": "A"}
        for s in white_ids[:3]
    ] + [
        {"org_code": "T1", "year": 2016, "staff_id": s, "ethnic_category": "H"}
        for s in bme_ids[:4] + bme_ids[:1]
    ]
    training = [
        {"org_code": "T1", "year": 2016, "staff_id": s, "ethnic_category": "A"}
        for s in white_ids[:30]
    ] + [
        {"org_code": "T1", "year": 2016, "staff_id": s, "ethnic_category": "H"}
        for s in bme_ids[:10]
    ]
    recruitment = (
        applicants("T1", 2016, "A", 100, 30, 9)
        + applicants("T1", 2016, "H", 50, 20, 3)
        + applicants("T1", 2016, "Z", 10, 5, 2)
    )
    survey = [
        {
            "org_code": "T1",
            "year": 2016,
            "indicator": 5,
            "ethnic_group": "White",
            "respondents": 40,
            "positive": 10,
        },
        {
            "org_code": "T1",
            "year": 2016,
            "indicator": 5,
            "ethnic_group": "BME",
            "respondents": 20,
            "positive": 8,
        },
    ]
    board = []
    for i, (code, voting, executive) in enumerate(
        [
            ("H", "Y", "Y"),
            ("M", "N", "N"),
            ("Z", "Y", "N"),
            ("A", "Y", "Y"),
            ("A", "Y", "Y"),
            ("A", "Y", "Y"),
            ("A", "Y", "N"),
            ("A", "Y", "N"),
            ("A", "Y", "N"),
            ("A", "N", "N"),
        ]
    ):
        board.append(
            {
                "org_code": "T1",
                "year": 2016,
                "member_id": f"b{i}",
                "ethnic_category": code,
                "voting": voting,
                "executive": executive,
            }
        )
    return write_extract(
        tmp_path / "trust",
        {
            "organisations": ORGS[:1],
            "staff": staff,
            "recruitment": recruitment,
            "disciplinary": disciplinary,
            "training": training,
            "survey": survey,
            "board": board,
        },
    )


@pytest.fixture
def internal(trust):
    return indicators_for_extract(trust, "internal").frame


def test_indicator1_counts_and_shares_keep_unknown_in_the_denominator(internal):
    assert value(internal, "T1", 1, "Clinical|Band 5", "white_n") == 50
    assert value(internal, "T1", 1, "Clinical|Band 5", "total_n") == 85
    assert value(internal, "T1", 1, "Clinical|Band 5", "bme_pct") == pytest.approx(100 * 30 / 85)
    assert value(internal, "T1", 1, "Non-clinical|Band 8A", "unknown_pct") == pytest.approx(20.0)
    assert value(internal, "T1", 1, "Non-clinical|All", "total_n") == 25
    assert value(internal, "T1", 1, "All|All", "bme_pct") == pytest.approx(100 * 40 / 110)
    assert value(internal, "T1", 1, "Clinical|Band 7", "total_n") == 0
    assert np.isnan(value(internal, "T1", 1, "Clinical|Band 7", "white_pct"))


def test_indicator2_appointment_likelihood_leaves_unknown_out(internal):
    assert value(internal, "T1", 2, "All", "white_shortlisted") == 30
    assert value(internal, "T1", 2, "All", "bme_appointed") == 3
    assert value(internal, "T1", 2, "All", "white_rate") == pytest.approx(9 / 30)
    assert value(internal, "T1", 2, "All", "bme_rate") == pytest.approx(3 / 20)
    rr, low, high = katz(9, 30, 3, 20)
    assert rr == pytest.approx(2.0)
    assert value(internal, "T1", 2, "All", "relative_likelihood") == pytest.approx(2.0)
    assert value(internal, "T1", 2, "All", "relative_likelihood", "ci_low") == pytest.approx(low)
    assert value(internal, "T1", 2, "All", "relative_likelihood", "ci_high") == pytest.approx(high)


def test_indicator3_is_bme_over_white_and_counts_a_person_once(internal):
    assert value(internal, "T1", 3, "All", "bme_entered") == 4
    assert value(internal, "T1", 3, "All", "white_headcount") == 60
    rr, low, high = katz(4, 40, 3, 60)
    assert value(internal, "T1", 3, "All", "relative_likelihood") == pytest.approx(2.0)
    assert value(internal, "T1", 3, "All", "relative_likelihood", "ci_low") == pytest.approx(low)


def test_indicator4_training(internal):
    assert value(internal, "T1", 4, "All", "white_rate") == pytest.approx(0.5)
    assert value(internal, "T1", 4, "All", "bme_rate") == pytest.approx(0.25)
    assert value(internal, "T1", 4, "All", "relative_likelihood") == pytest.approx(2.0)


def test_indicator5_survey_percentages_carry_wilson_intervals(internal):
    assert value(internal, "T1", 5, "All", "white_pct") == pytest.approx(25.0)
    assert value(internal, "T1", 5, "All", "bme_pct") == pytest.approx(40.0)
    # Wilson, written out for 8 of 20: centre (p + z²/2n)/(1 + z²/n), half-width as below.
    z, p, n = 1.959963984540054, 0.4, 20
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert value(internal, "T1", 5, "All", "bme_pct", "ci_low") == pytest.approx(
        100 * (centre - half)
    )
    assert value(internal, "T1", 5, "All", "bme_respondents") == 20


def test_indicator9_board_against_workforce(internal):
    assert value(internal, "T1", 9, "Total board", "board_n") == 10
    assert value(internal, "T1", 9, "Total board", "board_bme_n") == 2
    assert value(internal, "T1", 9, "Total board", "board_bme_pct") == pytest.approx(20.0)
    workforce = 100 * 40 / 110
    assert value(internal, "T1", 9, "Total board", "workforce_bme_pct") == pytest.approx(workforce)
    assert value(internal, "T1", 9, "Total board", "difference_pp") == pytest.approx(20 - workforce)
    assert value(internal, "T1", 9, "Voting", "board_n") == 8
    assert value(internal, "T1", 9, "Voting", "board_bme_n") == 1
    assert value(internal, "T1", 9, "Executive", "board_n") == 4
    assert value(internal, "T1", 9, "Executive", "board_bme_pct") == pytest.approx(25.0)


def test_public_figures_under_rounding_come_from_rounded_counts(trust):
    rounding = Policy(method="rounding", suppress_board=True)
    public = indicators_for_extract(trust, "public", policy=rounding).frame
    # 30 -> 30, 9 -> 10, 20 -> 20, 3 -> suppressed: the BME rate and the likelihood go too.
    assert value(public, "T1", 2, "All", "white_shortlisted") == 30
    assert value(public, "T1", 2, "All", "white_appointed") == 10
    assert value(public, "T1", 2, "All", "white_rate") == pytest.approx(10 / 30)
    assert np.isnan(value(public, "T1", 2, "All", "bme_appointed"))
    assert value(public, "T1", 2, "All", "bme_appointed", "suppressed")
    assert value(public, "T1", 2, "All", "relative_likelihood", "suppressed")
    # 85 -> 85, 50 -> 50, 30 -> 30: Band 5 shares from rounded counts.
    assert value(public, "T1", 1, "Clinical|Band 5", "white_pct") == pytest.approx(100 * 50 / 85)
    # Unknown 5 in Band 8A is suppressed; its share too, not the others'.
    assert value(public, "T1", 1, "Non-clinical|Band 8A", "unknown_pct", "suppressed")
    assert value(public, "T1", 1, "Non-clinical|Band 8A", "white_pct") == pytest.approx(40.0)
    # Survey: from exact counts, published where a group has 11 or more respondents.
    assert value(public, "T1", 5, "All", "bme_pct") == pytest.approx(40.0)
    assert value(public, "T1", 5, "All", "bme_respondents") == 20
    # Board: 2 BME of 10 is suppressed, and so is the difference.
    assert value(public, "T1", 9, "Total board", "board_n") == 10
    assert value(public, "T1", 9, "Total board", "difference_pp", "suppressed")


def test_survey_group_below_eleven_is_suppressed_in_public(tmp_path):
    staff = people("T1", 2016, "staff", {"A": 20, "H": 10}, pay_band="5", clinical="Y")
    survey = [
        {
            "org_code": "T1",
            "year": 2016,
            "indicator": 7,
            "ethnic_group": "White",
            "respondents": 11,
            "positive": 5,
        },
        {
            "org_code": "T1",
            "year": 2016,
            "indicator": 7,
            "ethnic_group": "BME",
            "respondents": 10,
            "positive": 5,
        },
    ]
    folder = write_extract(
        tmp_path / "s", {"organisations": ORGS[:1], "staff": staff, "survey": survey}
    )
    public = indicators_for_extract(folder, "public").frame
    assert value(public, "T1", 7, "All", "white_pct") == pytest.approx(100 * 5 / 11)
    assert value(public, "T1", 7, "All", "bme_pct", "suppressed")
    assert value(public, "T1", 7, "All", "bme_respondents") == 10
    internal = indicators_for_extract(folder, "internal").frame
    assert value(internal, "T1", 7, "All", "bme_pct") == pytest.approx(50.0)


def test_zero_denominator_rate_gives_a_blank_likelihood(tmp_path):
    staff = people("T1", 2016, "staff", {"A": 20, "H": 10}, pay_band="5", clinical="Y")
    recruitment = applicants("T1", 2016, "A", 10, 5, 2) + applicants("T1", 2016, "H", 10, 5, 0)
    folder = write_extract(
        tmp_path / "z", {"organisations": ORGS[:1], "staff": staff, "recruitment": recruitment}
    )
    frame = indicators_for_extract(folder, "internal").frame
    assert value(frame, "T1", 2, "All", "bme_rate") == 0
    assert np.isnan(value(frame, "T1", 2, "All", "relative_likelihood"))
    assert not value(frame, "T1", 2, "All", "relative_likelihood", "suppressed")


def test_cluster_counts_are_members_sums(tiny):
    frame = indicators_for_extract(tiny, "internal").frame
    # C1: 3 White + 1 BME in Band 8A; C2: 2 White + 2 BME.
    assert value(frame, "K1", 1, "Non-clinical|Band 8A", "white_n") == 5
    assert value(frame, "K1", 1, "Non-clinical|Band 8A", "bme_n") == 3
    assert value(frame, "K1", 1, "All|All", "total_n") == 8
    assert frame.loc[frame["entity"] == "K1", "entity_name"].iloc[0] == "K1 cluster"


def test_two_year_pooling_of_indicator3(tmp_path):
    staff = []
    disciplinary = []
    for year, (w, b) in {2015: (1, 2), 2016: (2, 1)}.items():
        rows = people("T1", year, "staff", {"A": 50, "H": 25}, pay_band="5", clinical="Y")
        staff += rows
        disciplinary += [
            dict(
                org_code="T1",
                year=year,
                staff_id=r["staff_id"],
                ethnic_category=r["ethnic_category"],
            )
            for r in rows
            if r["ethnic_category"] == "A"
        ][:w]
        disciplinary += [
            dict(
                org_code="T1",
                year=year,
                staff_id=r["staff_id"],
                ethnic_category=r["ethnic_category"],
            )
            for r in rows
            if r["ethnic_category"] == "H"
        ][:b]
    folder = write_extract(
        tmp_path / "p", {"organisations": ORGS[:1], "staff": staff, "disciplinary": disciplinary}
    )
    frame = indicators_for_extract(folder, "internal", years=[2016]).frame
    # Pooled: White 3 of 100, BME 3 of 50 -> BME rate 0.06 / White 0.03 = 2.
    assert value(frame, "T1", 3, "All|two-year", "white_entered") == 3
    assert value(frame, "T1", 3, "All|two-year", "bme_headcount") == 50
    assert value(frame, "T1", 3, "All|two-year", "relative_likelihood") == pytest.approx(2.0)
    assert value(frame, "T1", 3, "All", "relative_likelihood") == pytest.approx((1 / 25) / (2 / 50))


def test_aggregated_return_gives_the_same_indicators_as_the_records(trust, tmp_path):
    extract = load_extract(trust)
    ret = counts.aggregate(extract)
    folder = write_extract(tmp_path / "agg", {"organisations": ORGS[:1], "wres_return": ret})
    from_records = indicators_for_extract(trust, "internal").frame
    from_return = indicators_for_extract(folder, "internal").frame
    pd.testing.assert_frame_equal(from_records, from_return)


def test_backtest_published_relative_likelihood():
    """A trust published 46.99% (White) and 14.65% (BME) appointed from shortlisting as a
    relative likelihood of 3.2 (the example given in the engine's issue)."""
    white, bme = (39, 83), (23, 157)  # small counts that give the published percentages
    assert round(100 * white[0] / white[1], 2) == 46.99
    assert round(100 * bme[0] / bme[1], 2) == 14.65
    rr, _, _ = katz(white[0], white[1], *bme)
    assert round(rr, 1) == 3.2


def test_backtest_published_relative_likelihood_by_the_public_path(tmp_path):
    """The same published figures (46.99%, 14.65%, 3.2) from an extract, by both paths:
    every count is 8 or more, so the public figures are the exact ones."""
    staff = people("T1", 2016, "staff", {"A": 60, "H": 40}, pay_band="5", clinical="Y")
    recruitment = applicants("T1", 2016, "A", 100, 83, 39) + applicants(
        "T1", 2016, "H", 200, 157, 23
    )
    folder = write_extract(
        tmp_path / "bt", {"organisations": ORGS[:1], "staff": staff, "recruitment": recruitment}
    )
    public = indicators_for_extract(folder, "public").frame
    internal = indicators_for_extract(folder, "internal").frame
    assert round(100 * value(public, "T1", 2, "All", "white_rate"), 2) == 46.99
    assert round(100 * value(public, "T1", 2, "All", "bme_rate"), 2) == 14.65
    assert round(value(public, "T1", 2, "All", "relative_likelihood"), 1) == 3.2
    for column in ("value", "ci_low", "ci_high"):
        assert value(public, "T1", 2, "All", "relative_likelihood", column) == value(
            internal, "T1", 2, "All", "relative_likelihood", column
        )
    rounded = indicators_for_extract(folder, "public", policy=Policy(method="rounding")).frame
    # Rounded: 40 of 85 and 25 of 155 -> (40/85) / (25/155) = 2.92, not the published 3.2.
    assert value(rounded, "T1", 2, "All", "relative_likelihood") == pytest.approx(
        (40 / 85) / (25 / 155)
    )


def test_wilson_interval_matches_scipy():
    low, high = wilson_interval([0, 7, 30, 100], [10, 20, 100, 100])
    for k, n, lo, hi in zip([0, 7, 30, 100], [10, 20, 100, 100], low, high):
        ci = binomtest(k, n).proportion_ci(method="wilson")
        assert lo == pytest.approx(ci.low) and hi == pytest.approx(ci.high)

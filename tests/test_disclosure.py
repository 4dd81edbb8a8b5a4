"""The publication rule, worked by hand on tiny extracts (properties: test_relations.py)."""

import math

import numpy as np
import pandas as pd
import pytest
from conftest import people, write_extract

from wres_helpers.figures.disclosure import Policy, publish_count
from wres_helpers.figures.engine import indicators_for_extract
from wres_helpers.figures.indicators import compute

ROUNDING = Policy(method="rounding")
ORG = [{"org_code": "T1", "org_name": "Test Trust", "org_type": "trust"}]


def stat(frame, entity, indicator, breakdown, statistic, year=2016, column="value"):
    row = frame[
        (frame["entity"] == entity)
        & (frame["year"] == year)
        & (frame["indicator"] == indicator)
        & (frame["breakdown"] == breakdown)
        & (frame["statistic"] == statistic)
    ]
    assert len(row) == 1, (entity, year, indicator, breakdown, statistic, len(row))
    return row.iloc[0][column]


def withheld(frame, *key, year=2016):
    value = stat(frame, *key, year=year)
    return bool(stat(frame, *key, year=year, column="suppressed")) and math.isnan(value)


@pytest.mark.parametrize(
    "count, suppression, rounding",
    [
        (0, 0, 0),
        (1, None, None),
        (5, None, None),
        (7, None, None),
        (8, 8, 10),
        (12, 12, 10),
        (13, 13, 15),
        (17, 17, 15),
        (18, 18, 20),
        (103, 103, 105),
        (1234, 1234, 1235),
    ],
)
def test_publish_count_case_table(count, suppression, rounding):
    for policy, expected in ((Policy(), suppression), (ROUNDING, rounding)):
        got = publish_count(count, policy)
        assert math.isnan(got) if expected is None else got == expected


def test_thresholds_and_method_are_parameters():
    policy = Policy(max_suppressed=3, rounding_base=10, method="rounding")
    assert publish_count([3, 4, 14, 15], policy).tolist()[1:] == [0.0, 10.0, 20.0]
    assert math.isnan(publish_count(3, policy))
    assert publish_count([4, 14], Policy(max_suppressed=3)).tolist() == [4.0, 14.0]
    with pytest.raises(ValueError, match="method"):
        Policy(method="blur")


def test_compute_refuses_anything_but_counts_objects():
    with pytest.raises(TypeError):
        compute(pd.DataFrame(), None)


def staff_rows(org, year, band, clinical, groups):
    return people(org, year, "staff", groups, pay_band=band, clinical=clinical)


@pytest.fixture
def band_of_three(tmp_path):
    """T1, 2016: Clinical Band 5 White 40, BME 3, Unknown 10 (53); Clinical Band 6
    White 30, BME 20, Unknown 9 (59); Non-clinical Band 3 White 25, BME 15, Unknown 8 (48).
    Every BME member of staff is Asian (H), so the broad groups mirror BME."""
    staff = (
        staff_rows("T1", 2016, "Band 5", "Y", {"A": 40, "H": 3, "Z": 10})
        + staff_rows("T1", 2016, "Band 6", "Y", {"A": 30, "H": 20, "Z": 9})
        + staff_rows("T1", 2016, "Band 3", "N", {"A": 25, "H": 15, "Z": 8})
    )
    return write_extract(tmp_path / "b3", {"organisations": ORG, "staff": staff})


def test_a_band_of_three_bme_staff(band_of_three):
    """Worked by hand, round by round.

    Primary: Clinical|Band 5 BME = 3 is withheld.
    Round 1: Band 5's groups (40 + [3] + 10 = 53) withhold the smallest other part,
    Unknown 10 (not the total 53); the clinical bands' BME (23 = [3] + 20) withhold
    Band 6's BME 20, the only other nonzero part.
    Round 2: the clinical bands' Unknown (19 = [10] + 9) and Band 6's groups
    (30 + [20] + 9 = 59) both withhold Band 6's Unknown 9.
    Round 3: every relation has none or two withheld cells: done. Every other figure,
    the totals 53, 59, 23, 19 and 112 included, is exact.
    """
    public = indicators_for_extract(band_of_three, "public").frame
    for band in ("Clinical|Band 5", "Clinical|Band 6"):
        for s in ("bme_n", "unknown_n", "bme_pct", "unknown_pct"):
            assert withheld(public, "T1", 1, band, s), (band, s)
    assert stat(public, "T1", 1, "Clinical|Band 5", "white_n") == 40
    assert stat(public, "T1", 1, "Clinical|Band 5", "total_n") == 53
    assert stat(public, "T1", 1, "Clinical|Band 5", "white_pct") == pytest.approx(100 * 40 / 53)
    assert stat(public, "T1", 1, "Clinical|Band 6", "total_n") == 59
    assert stat(public, "T1", 1, "Clinical|All", "bme_n") == 23  # 3 + 20
    assert stat(public, "T1", 1, "Clinical|All", "unknown_n") == 19  # 10 + 9
    assert stat(public, "T1", 1, "Clinical|All", "bme_pct") == pytest.approx(100 * 23 / 112)
    # 23 + 15 = 38 of 53 + 59 + 48 = 160.
    assert stat(public, "T1", 1, "All|All", "bme_pct") == pytest.approx(100 * 38 / 160)
    assert stat(public, "T1", 1, "Non-clinical|Band 3", "bme_n") == 15
    internal = indicators_for_extract(band_of_three, "internal").frame
    both = public.merge(internal, on=["entity", "year", "indicator", "breakdown", "statistic"])
    shown = both[~both["suppressed_x"]]
    assert (shown["value_x"].fillna(-1) == shown["value_y"].fillna(-1)).all()
    # Withheld: 2 bands x (bme, unknown, asian) x (n, pct) = 12, and nothing else.
    assert both["suppressed_x"].sum() == 12
    assert withheld(public, "T1", 1, "Clinical|Band 5", "asian_n")
    assert stat(public, "T1", 1, "Clinical|All", "asian_n") == 23


def test_board_of_nine_with_one_bme_member_is_published(tmp_path):
    """A board of 9 (1 BME) is published exactly: 1 and 1/9 = 11.11...%."""
    staff = staff_rows("T1", 2016, "Band 5", "Y", {"A": 60, "H": 40})
    board = people("T1", 2016, "member", {"H": 1}, voting="Y", executive="Y") + people(
        "T1", 2016, "member", {"A": 8}, voting="Y", executive="N"
    )
    folder = write_extract(
        tmp_path / "board", {"organisations": ORG, "staff": staff, "board": board}
    )
    public = indicators_for_extract(folder, "public").frame
    assert stat(public, "T1", 9, "Total board", "board_n") == 9
    assert stat(public, "T1", 9, "Total board", "board_bme_n") == 1
    assert round(stat(public, "T1", 9, "Total board", "board_bme_pct"), 1) == 11.1
    assert stat(public, "T1", 9, "Total board", "board_bme_pct") == pytest.approx(100 / 9)
    # Workforce 40 of 100 BME: difference 11.11 - 40 = -28.89 points.
    assert stat(public, "T1", 9, "Total board", "difference_pp") == pytest.approx(100 / 9 - 40)
    assert stat(public, "T1", 9, "Non-executive", "board_n") == 8
    assert stat(public, "T1", 9, "Non-executive", "board_bme_n") == 0
    assert stat(public, "T1", 9, "Executive", "board_bme_pct") == 100.0
    suppressed = indicators_for_extract(folder, "public", policy=Policy(suppress_board=True)).frame
    assert withheld(suppressed, "T1", 9, "Total board", "board_bme_n")
    assert withheld(suppressed, "T1", 9, "Total board", "board_bme_pct")
    # Suppressed like any count: BME 1 withholds White 8, the smallest other part
    # of 8 + [1] + 0 = 9, so the total 9 stays published.
    assert withheld(suppressed, "T1", 9, "Non-executive", "board_bme_pct")  # 0 of [8]
    assert stat(suppressed, "T1", 9, "Total board", "board_n") == 9


def test_two_year_pool(tmp_path):
    """Staff both years: Clinical Band 5 White 50, BME 25. Disciplinary entries:
    2015 White 20, BME 10; 2016 White 12, BME 3.

    2016's BME 3 is withheld; its groups (12 + [3] + 0 = 15) withhold the total 15
    rather than White 12, which the likelihood rests on (a headline count is the last
    choice). The pool (BME 13 = [3] + 10) withholds 2015's BME 10, a part before the
    total (both are headline counts); 2015's groups (20 + [10] + 0 = 30) then withhold
    their total 30. White entries stay published: 12, 20, and 32 pooled. The pool
    (White 32 of 100, BME 13 of 50) is published whole: likelihood
    (13 / 50) / (32 / 100) = 0.26 / 0.32 = 0.8125.
    """
    staff, disciplinary = [], []
    for year, (white, bme) in {2015: (20, 10), 2016: (12, 3)}.items():
        rows = staff_rows("T1", year, "Band 5", "Y", {"A": 50, "H": 25})
        staff += rows
        for code, n in (("A", white), ("H", bme)):
            mine = [r for r in rows if r["ethnic_category"] == code][:n]
            disciplinary += [
                {"org_code": "T1", "year": year, "staff_id": r["staff_id"], "ethnic_category": code}
                for r in mine
            ]
    folder = write_extract(
        tmp_path / "pool",
        {"organisations": ORG, "staff": staff, "disciplinary": disciplinary},
    )
    public = indicators_for_extract(folder, "public").frame
    for year, white in ((2015, 20), (2016, 12)):
        for s in ("bme_entered", "bme_rate", "relative_likelihood"):
            assert withheld(public, "T1", 3, "All", s, year=year), (year, s)
        assert stat(public, "T1", 3, "All", "white_entered", year=year) == white
    assert stat(public, "T1", 3, "All|two-year", "white_entered") == 32
    assert stat(public, "T1", 3, "All|two-year", "bme_entered") == 13
    assert stat(public, "T1", 3, "All|two-year", "bme_headcount") == 50
    assert stat(public, "T1", 3, "All|two-year", "relative_likelihood") == pytest.approx(
        0.8125, abs=1e-15
    )
    assert stat(public, "T1", 3, "All", "white_headcount", year=2016) == 50


@pytest.fixture
def cluster_of_three(tmp_path):
    """Cluster K of M1, M2, M3 (2016, Clinical Band 5 only).

    M1: White 20, BME 2, Unknown 10 (32); M2: 30, 12, 9 (51); M3: 25, 15, 8 (48).
    K: 75, 29, 27 (131).
    """
    orgs = [
        {"org_code": m, "org_name": f"Member {m}", "org_type": "ccg", "cluster": "K"}
        for m in ("M1", "M2", "M3")
    ]
    staff = (
        staff_rows("M1", 2016, "Band 5", "Y", {"A": 20, "H": 2, "Z": 10})
        + staff_rows("M2", 2016, "Band 5", "Y", {"A": 30, "H": 12, "Z": 9})
        + staff_rows("M3", 2016, "Band 5", "Y", {"A": 25, "H": 15, "Z": 8})
    )
    return write_extract(tmp_path / "k", {"organisations": orgs, "staff": staff})


def test_cluster_of_three_members(cluster_of_three):
    """M1's BME 2 is withheld, and its Unknown 10 as the smallest other part (then
    Unknown in Clinical|All and All|All, as totals of a single nonzero part).
    K's BME 29 = [2] + 12 + 15 would give M1's away: K's BME is withheld (a cluster's
    complement is its own cell, never another member's), and K's Unknown
    27 = [10] + 9 + 8 likewise. M2 and M3 are published whole; K's White 75 and
    total 131 too.
    """
    public = indicators_for_extract(cluster_of_three, "public").frame
    for entity in ("M1", "K"):
        for s in ("bme_n", "unknown_n", "bme_pct"):
            assert withheld(public, entity, 1, "Clinical|Band 5", s), (entity, s)
            assert withheld(public, entity, 1, "All|All", s), (entity, s)
    assert stat(public, "M1", 1, "All|All", "white_n") == 20
    assert stat(public, "K", 1, "All|All", "white_n") == 75
    assert stat(public, "K", 1, "All|All", "total_n") == 131
    assert stat(public, "K", 1, "All|All", "white_pct") == pytest.approx(100 * 75 / 131)
    assert stat(public, "M2", 1, "All|All", "bme_n") == 12
    assert stat(public, "M3", 1, "Clinical|Band 5", "unknown_n") == 8
    assert not public.loc[public["entity"].isin(["M2", "M3"]), "suppressed"].any()


def test_a_member_alone_gets_the_same_figures(cluster_of_three, tmp_path):
    """No figure of an organisation depends on which others share its extract."""
    together = indicators_for_extract(cluster_of_three, "public").frame
    for member in ("M1", "M2"):
        orgs = pd.read_csv(cluster_of_three / "organisations.csv")
        staff = pd.read_csv(cluster_of_three / "staff.csv")
        alone = write_extract(
            tmp_path / member,
            {
                "organisations": orgs[orgs["org_code"] == member],
                "staff": staff[staff["org_code"] == member],
            },
        )
        mine = indicators_for_extract(alone, "public").frame
        expected = together[together["entity"] == member]
        pd.testing.assert_frame_equal(
            mine[mine["entity"] == member].reset_index(drop=True),
            expected.reset_index(drop=True),
        )


def test_survey_percentages_exact_with_respondents_published(tmp_path):
    """Respondents 8-10 are published but too few for a percentage; 1-7 withheld."""
    staff = staff_rows("T1", 2016, "Band 5", "Y", {"A": 60, "H": 40})
    survey = [
        dict(org_code="T1", year=2016, indicator=i, ethnic_group=g, respondents=n, positive=k)
        for i, g, n, k in (
            (5, "White", 11, 5),
            (5, "BME", 10, 5),
            (6, "White", 40, 13),
            (6, "BME", 7, 1),
        )
    ]
    folder = write_extract(tmp_path / "s", {"organisations": ORG, "staff": staff, "survey": survey})
    public = indicators_for_extract(folder, "public").frame
    assert stat(public, "T1", 5, "All", "white_pct") == pytest.approx(100 * 5 / 11)
    assert stat(public, "T1", 5, "All", "bme_respondents") == 10
    assert withheld(public, "T1", 5, "All", "bme_pct")
    assert stat(public, "T1", 6, "All", "white_pct") == pytest.approx(100 * 13 / 40)
    assert withheld(public, "T1", 6, "All", "bme_respondents")
    assert withheld(public, "T1", 6, "All", "bme_pct")
    assert not public["statistic"].str.contains("positive").any()


def test_public_output_never_shows_a_count_from_1_to_7(tmp_path):
    from wres_helpers.example import write_example

    folder = tmp_path / "ex"
    write_example(folder)
    f = indicators_for_extract(folder, "public").frame
    count_stats = f["statistic"].str.endswith(
        ("_n", "_shortlisted", "_appointed", "_entered", "_accessed", "_headcount", "_respondents")
    )
    shown = f.loc[count_stats & (f["indicator"] != 9), "value"].dropna()
    assert len(shown) > 1000
    assert not ((shown >= 1) & (shown <= 7)).any()
    assert f["suppressed"].sum() > 100  # the CCGs' small numbers are suppressed
    assert np.isfinite(f.loc[f["indicator"] == 9, "value"]).any()


def test_a_cluster_survey_percentage_never_pins_one_withheld_member(cluster_of_three, tmp_path):
    """Cluster K of M1, M2, M3, 2016 survey, BME groups (respondents, positive answers).

    Indicator 5: M1 9 (too few: withheld), M2 20 and 5, M3 30 and 12. K pools 59.
    Published, K's percentage and respondents with M2's and M3's would give M1's
    positive answers (59 * pct / 100 - 5 - 12), so K's percentage is withheld;
    its respondents, 59, stay published.
    Indicator 6: M1 9 and M2 10 both withheld, M3 30 and 6: two unknowns in one
    sum pin neither, so K's is published: (2 + 3 + 6) / (9 + 10 + 30) = 11 / 49.
    White groups are all published, and so is K's: indicator 5 White
    (10 + 12 + 15) / (40 + 40 + 40) = 37 / 120.
    """
    rows = {
        "M1": ((5, "BME", 9, 2), (6, "BME", 9, 2), (5, "White", 40, 10)),
        "M2": ((5, "BME", 20, 5), (6, "BME", 10, 3), (5, "White", 40, 12)),
        "M3": ((5, "BME", 30, 12), (6, "BME", 30, 6), (5, "White", 40, 15)),
    }
    survey = [
        dict(org_code=m, year=2016, indicator=i, ethnic_group=g, respondents=n, positive=k)
        for m, answers in rows.items()
        for i, g, n, k in answers
    ]
    orgs = pd.read_csv(cluster_of_three / "organisations.csv")
    staff = pd.read_csv(cluster_of_three / "staff.csv")
    folder = write_extract(
        tmp_path / "ks", {"organisations": orgs, "staff": staff, "survey": survey}
    )
    public = indicators_for_extract(folder, "public").frame
    assert withheld(public, "M1", 5, "All", "bme_pct")
    assert withheld(public, "K", 5, "All", "bme_pct")
    assert stat(public, "K", 5, "All", "bme_respondents") == 59
    assert stat(public, "M2", 5, "All", "bme_pct") == pytest.approx(100 * 5 / 20)
    assert stat(public, "K", 6, "All", "bme_pct") == pytest.approx(100 * 11 / 49)
    assert stat(public, "K", 5, "All", "white_pct") == pytest.approx(100 * 37 / 120)


def test_a_senior_group_does_not_give_away_its_single_band(tmp_path):
    """T1, 2016, clinical staff: Band 5 White 50, BME 20, Unknown 10; Band 8A White 40,
    BME 12, Unknown 2; Band 8B White 30, BME 10, Unknown 0.

    Band 8A and above is White 70, BME 22, Unknown 2, All 94, and Band 8A's Unknown 2
    is withheld. Publishing the group's BME 22 and total 94 beside Band 8A's and 8B's
    White (40 and 30) would give the group's White as 40 + 30 = 70 and so its Unknown
    as 94 - 70 - 22 = 2, which is Band 8A's. So, where the group's BME is shown, at
    least one of those Whites is withheld; and the whole workforce (BME 42 of 174) is
    published exactly.
    """
    staff = (
        staff_rows("T1", 2016, "Band 5", "Y", {"A": 50, "H": 20, "Z": 10})
        + staff_rows("T1", 2016, "Band 8A", "Y", {"A": 40, "H": 12, "Z": 2})
        + staff_rows("T1", 2016, "Band 8B", "Y", {"A": 30, "H": 10})
    )
    folder = write_extract(tmp_path / "senior", {"organisations": ORG, "staff": staff})
    public = indicators_for_extract(folder, "public").frame
    assert withheld(public, "T1", 1, "Clinical|Band 8A", "unknown_n")
    for side in ("Clinical", "All"):
        group = f"{side}|Band 8A and above"
        assert withheld(public, "T1", 1, group, "unknown_n")
        route = [
            stat(public, "T1", 1, group, "bme_n"),
            stat(public, "T1", 1, group, "total_n"),
            stat(public, "T1", 1, "Clinical|Band 8A", "white_n"),
            stat(public, "T1", 1, "Clinical|Band 8B", "white_n"),
        ]
        assert any(math.isnan(v) for v in route), route
    assert stat(public, "T1", 1, "All|All", "bme_n") == 42
    assert stat(public, "T1", 1, "All|All", "total_n") == 174

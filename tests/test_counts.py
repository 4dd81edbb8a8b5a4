"""Counting: not collected is not zero, broad groups, senior groups, the survey, tidy numbers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import people, write_extract

from wres_helpers.cli import main
from wres_helpers.figures.engine import build, indicators_for_extract
from wres_helpers.problems import InputError

Z = 1.959963984540054  # the 97.5% normal quantile


def stat(frame, entity, indicator, breakdown, statistic, column="value", year=2016):
    row = frame[
        (frame["entity"] == entity)
        & (frame["year"] == year)
        & (frame["indicator"] == indicator)
        & (frame["breakdown"] == breakdown)
        & (frame["statistic"] == statistic)
    ]
    assert len(row) == 1, (entity, indicator, breakdown, statistic, len(row))
    return row.iloc[0][column]


def rows_of(frame, entity, indicator=None):
    mine = frame[frame["entity"] == entity]
    if indicator is not None:
        mine = mine[mine["indicator"] == indicator]
    return mine.reset_index(drop=True)


ORGS = [
    {"org_code": "T1", "org_name": "First", "org_type": "ccg", "cluster": "K"},
    {"org_code": "T2", "org_name": "Second", "org_type": "ccg", "cluster": "K"},
]
TRAINING_COLUMNS = ["org_code", "year", "staff_id", "ethnic_category"]


def _staff(org, white, bme):
    return people(org, 2016, "staff", {"A": white, "H": bme}, pay_band="Band 5", clinical="Y")


def _trained(staff, code, n):
    mine = [r for r in staff if r["ethnic_category"] == code][:n]
    return [{k: r[k] for k in TRAINING_COLUMNS} for r in mine]


@pytest.fixture
def shared(tmp_path):
    """T1 (30 White, 10 BME) did not collect training in 2016; T2 (40 White, 20 BME)
    trained 20 White and 8 BME. Both in cluster K."""
    t1, t2 = _staff("T1", 30, 10), _staff("T2", 40, 20)
    training = _trained(t2, "A", 20) + _trained(t2, "H", 8)
    tables = {
        "organisations": ORGS,
        "staff": t1 + t2,
        "training": training,
        "not_collected": [{"org_code": "T1", "year": 2016, "table": "Training"}],
    }
    return write_extract(tmp_path / "shared", tables), t1


def test_not_collected_is_blank_whatever_others_supplied(shared):
    folder, _ = shared
    for audience in ("internal", "public"):
        frame = indicators_for_extract(folder, audience).frame
        assert rows_of(frame, "T1", 4).empty
        assert not rows_of(frame, "T1", 1).empty
    frame = indicators_for_extract(folder, "internal").frame
    # K pools only T2, denominators included: White 20 of 40, BME 8 of 20.
    assert stat(frame, "K", 4, "All", "white_headcount") == 40
    assert stat(frame, "K", 4, "All", "bme_headcount") == 20
    assert stat(frame, "K", 4, "All", "relative_likelihood") == pytest.approx(0.5 / 0.4)
    assert stat(frame, "K", 1, "All|All", "total_n") == 100  # the workforce is everyone's
    assert build(folder).not_collected_members("K", 2016, "training") == ["T1"]
    assert build(folder).not_collected_members("K", 2016, "disciplinary") == []


def test_an_organisation_alone_gets_the_figures_it_gets_in_company(shared, tmp_path):
    folder, t1 = shared
    alone = write_extract(
        tmp_path / "alone",
        {
            "organisations": ORGS[:1],
            "staff": t1,
            "not_collected": [{"org_code": "T1", "year": 2016, "table": "training"}],
        },
    )
    for audience in ("internal", "public"):
        together = indicators_for_extract(folder, audience).frame
        by_itself = indicators_for_extract(alone, audience).frame
        pd.testing.assert_frame_equal(rows_of(by_itself, "T1"), rows_of(together, "T1"))


def test_a_supplied_table_without_rows_for_an_organisation_is_zero(shared, tmp_path):
    folder, _ = shared
    (folder / "not_collected.csv").unlink()
    frame = indicators_for_extract(folder, "internal").frame
    assert stat(frame, "T1", 4, "All", "white_accessed") == 0
    assert stat(frame, "T1", 4, "All", "white_rate") == 0


def _return(org, rows):
    return [
        {"org_code": org, "year": 2016, "measure": m, "breakdown": b, "ethnic_group": g, "count": n}
        for m, b, g, n in rows
    ]


STAFF_RETURN = [
    ("staff", "Clinical|Band 5", "White", 30),
    ("staff", "Clinical|Band 5", "BME", 20),
    ("staff", "Clinical|Band 5", "Unknown", 0),
]
BROAD = [
    ("staff", "Clinical|Band 5", "Mixed", 2),
    ("staff", "Clinical|Band 5", "Asian", 9),
    ("staff", "Clinical|Band 5", "Black", 8),
    ("staff", "Clinical|Band 5", "Other", 1),
]
TRAINING_RETURN = [("training", "All", "White", 15), ("training", "All", "BME", 5)]


def test_a_return_without_a_measure_did_not_collect_it(tmp_path):
    orgs = [{k: v for k, v in o.items() if k != "cluster"} for o in ORGS]
    ret = _return("T1", STAFF_RETURN + TRAINING_RETURN) + _return("T2", STAFF_RETURN)
    folder = write_extract(tmp_path / "r", {"organisations": orgs, "wres_return": ret})
    frame = indicators_for_extract(folder, "internal").frame
    assert stat(frame, "T1", 4, "All", "white_rate") == 0.5  # 15 of 30
    assert rows_of(frame, "T2", 4).empty
    alone = write_extract(
        tmp_path / "r2",
        {"organisations": orgs[1:], "wres_return": _return("T2", STAFF_RETURN)},
    )
    pd.testing.assert_frame_equal(
        rows_of(indicators_for_extract(alone, "internal").frame, "T2"), rows_of(frame, "T2")
    )


def test_broad_groups_from_a_return_and_blank_without_them(tmp_path):
    orgs = [{k: v for k, v in o.items() if k != "cluster"} for o in ORGS]
    ret = _return("T1", STAFF_RETURN + BROAD) + _return("T2", STAFF_RETURN)
    folder = write_extract(tmp_path / "b", {"organisations": orgs, "wres_return": ret})
    frame = indicators_for_extract(folder, "internal").frame
    assert stat(frame, "T1", 1, "Clinical|Band 5", "asian_n") == 9
    assert stat(frame, "T1", 1, "All|All", "black_pct") == pytest.approx(100 * 8 / 50)
    assert stat(frame, "T1", 1, "Clinical|All", "mixed_n") == 2
    assert rows_of(frame, "T2", 1)["statistic"].isin(["asian_n", "asian_pct"]).sum() == 0
    public = indicators_for_extract(folder, "public").frame
    # Mixed 2 and Other 1 are withheld; with them nothing else (2 + 9 + 8 + 1 = 20:
    # two withheld parts).
    assert math.isnan(stat(public, "T1", 1, "Clinical|Band 5", "mixed_n"))
    assert stat(public, "T1", 1, "Clinical|Band 5", "asian_n") == 9
    assert stat(public, "T1", 1, "Clinical|Band 5", "bme_n") == 20


@pytest.mark.parametrize(
    "rows, column, words",
    [
        (BROAD[:3], "ethnic_group", "not all four"),
        (BROAD[:3] + [("staff", "Clinical|Band 5", "Other", 2)], "count", "do not add up"),
    ],
)
def test_broad_groups_in_a_return_are_checked(tmp_path, rows, column, words):
    ret = _return("T1", STAFF_RETURN + rows)
    folder = write_extract(tmp_path / "bad", {"organisations": ORGS[:1], "wres_return": ret})
    with pytest.raises(InputError) as err:
        indicators_for_extract(folder, "internal")
    problems = [p for p in err.value.problems if p.column == column]
    assert problems and all(p.table == "wres_return" and words in p.message for p in problems)
    assert problems[0].row is not None and problems[0].row >= 5


def test_senior_groups_are_published_where_single_bands_are_withheld(tmp_path):
    """Clinical Band 8A: White 10, BME 4; Band 8B: White 10, BME 5 (all Asian).

    Band 8A and above: White 20, BME 9 (29). The bands' BME 4 and 5 are withheld, and
    their White 10s with them (smallest other part of 10 + [4] + 0 = 14); the group's
    9 and 20 are published, as they cannot give either band away.
    """
    staff = people("T1", 2016, "staff", {"A": 10, "H": 4}, pay_band="8a", clinical="Y") + people(
        "T1", 2016, "staff", {"A": 10, "H": 5}, pay_band="8b", clinical="Y"
    )
    folder = write_extract(tmp_path / "s", {"organisations": ORGS[:1], "staff": staff})
    public = indicators_for_extract(folder, "public").frame
    for group in ("Clinical|Band 8A and above", "All|Band 8A and above"):
        assert stat(public, "T1", 1, group, "bme_n") == 9
        assert stat(public, "T1", 1, group, "white_n") == 20
        assert stat(public, "T1", 1, group, "bme_pct") == pytest.approx(100 * 9 / 29)
    for band in ("Clinical|Band 8A", "Clinical|Band 8B"):
        assert stat(public, "T1", 1, band, "bme_n", "suppressed")
        assert stat(public, "T1", 1, band, "white_n", "suppressed")
    assert stat(public, "T1", 1, "Clinical|Band 8A", "total_n") == 14
    assert stat(public, "T1", 1, "Clinical|Band 8C and above", "total_n") == 0
    assert stat(public, "T1", 1, "All|VSM", "total_n") == 0
    assert stat(public, "T1", 1, "Non-clinical|Band 8A and above", "total_n") == 0


def test_a_survey_group_with_no_positive_answers_is_zero_percent(tmp_path):
    """16 BME respondents, none positive: 0.0%, Wilson interval 0 to z²/(n + z²)."""
    staff = _staff("T1", 30, 20)
    responses = [
        {
            "org_code": "T1",
            "year": 2016,
            "respondent_id": f"r{i}",
            "ethnic_category": "H" if i < 16 else "A",
            "ind5": "N" if i < 16 else ("Y" if i < 21 else "N"),
            "ind6": "",
            "ind7": "",
            "ind8": "",
        }
        for i in range(36)
    ]
    folder = write_extract(
        tmp_path / "z",
        {"organisations": ORGS[:1], "staff": staff, "survey_responses": responses},
    )
    for audience in ("internal", "public"):
        frame = indicators_for_extract(folder, audience).frame
        assert stat(frame, "T1", 5, "All", "bme_pct") == 0.0
        assert stat(frame, "T1", 5, "All", "bme_pct", "ci_low") == 0.0
        upper = 100 * Z * Z / (16 + Z * Z)  # 19.36...
        assert stat(frame, "T1", 5, "All", "bme_pct", "ci_high") == pytest.approx(upper)
        assert stat(frame, "T1", 5, "All", "white_pct") == pytest.approx(100 * 5 / 20)
    out = tmp_path / "indicators.csv"
    assert main(["indicators", str(folder), "--out", str(out), "--audience", "public"]) == 0
    text = out.read_text()
    assert "e-1" not in text and "e-2" not in text  # no 8.67e-19 for a zero bound
    written = pd.read_csv(out)
    row = written[(written["indicator"] == 5) & (written["statistic"] == "bme_pct")]
    assert row["ci_low"].iloc[0] == 0 and row["value"].iloc[0] == 0


def _indicator1(path):
    frame = pd.read_csv(path)
    mine = frame[(frame["indicator"] == 1) & (frame["entity"] == "T1")]
    return mine.set_index(["breakdown", "statistic"])


def test_cli_policy_options(tmp_path):
    staff = _staff("T1", 33, 12)
    folder = write_extract(tmp_path / "c", {"organisations": ORGS[:1], "staff": staff})
    out = tmp_path / "i.csv"
    base = ["indicators", str(folder), "--out", str(out), "--audience", "public"]
    assert main(base) == 0
    exact = _indicator1(out)
    assert exact.at[("All|All", "white_n"), "value"] == 33
    assert main(base + ["--method", "rounding"]) == 0
    rounded = _indicator1(out)
    assert rounded.at[("All|All", "white_n"), "value"] == 35  # 33 to the nearest 5
    assert main(base + ["--max-suppressed", "12"]) == 0
    strict = _indicator1(out)
    assert np.isnan(strict.at[("All|All", "bme_n"), "value"])

"""Validation: every problem at once, each naming table, row, column and value."""

import subprocess
import sys

import pandas as pd
import pytest
from conftest import ORGS, people, write_extract

from wres_helpers.cli import main
from wres_helpers.extract.validate import load_extract
from wres_helpers.problems import InputError

STAFF = people("T1", 2016, "staff", {"A": 2, "H": 1}, pay_band="Band 5", clinical="Y")
RECRUIT = [
    {
        "org_code": "T1",
        "year": 2016,
        "applicant_id": "a1",
        "ethnic_category": "A",
        "shortlisted": "Y",
        "appointed": "Y",
    },
    {
        "org_code": "T1",
        "year": 2016,
        "applicant_id": "a2",
        "ethnic_category": "H",
        "shortlisted": "N",
        "appointed": "N",
    },
]
SURVEY = [
    {
        "org_code": "T1",
        "year": 2016,
        "indicator": 5,
        "ethnic_group": "White",
        "respondents": 20,
        "positive": 5,
    },
    {
        "org_code": "T1",
        "year": 2016,
        "indicator": 5,
        "ethnic_group": "BME",
        "respondents": 12,
        "positive": 4,
    },
]


def base():
    return {
        "organisations": [dict(o) for o in ORGS],
        "staff": [dict(r) for r in STAFF],
        "recruitment": [dict(r) for r in RECRUIT],
        "survey": [dict(r) for r in SURVEY],
    }


def problems_of(tmp_path, tables):
    folder = write_extract(tmp_path / "x", tables)
    with pytest.raises(InputError) as err:
        load_extract(folder)
    return err.value.problems


def test_a_good_extract_loads(tmp_path):
    extract = load_extract(write_extract(tmp_path / "x", base()))
    staff = extract.tables["staff"]
    # Staff keep the broad group of a BME category (H: Asian) for indicator 1's breakdown.
    assert list(staff["ethnic_category"].astype(str)) == ["White", "White", "Asian"]
    assert list(staff["pay_band"].astype(str)) == ["Band 5"] * 3


def _set(table, row, column, value):
    def change(t):
        t[table][row][column] = value

    return change


# (change to the good extract, expected table, spreadsheet row, column, value)
CASES = [
    (_set("staff", 1, "ethnic_category", "Martian"), "staff", 3, "ethnic_category", "Martian"),
    (_set("staff", 0, "pay_band", "Band 10"), "staff", 2, "pay_band", "Band 10"),
    (_set("staff", 2, "clinical", "maybe"), "staff", 4, "clinical", "maybe"),
    (_set("staff", 0, "year", "2016/17"), "staff", 2, "year", "2016/17"),
    (_set("staff", 0, "year", "20.5"), "staff", 2, "year", "20.5"),
    (
        _set("staff", 1, "staff_id", STAFF[0]["staff_id"]),
        "staff",
        3,
        "staff_id",
        STAFF[0]["staff_id"],
    ),
    (_set("staff", 2, "org_code", "ZZZ"), "staff", 4, "org_code", "ZZZ"),
    (_set("staff", 2, "org_code", ""), "staff", 4, "org_code", None),
    (_set("recruitment", 1, "appointed", "Y"), "recruitment", 3, "appointed", "Y"),
    (_set("survey", 0, "positive", 21), "survey", 2, "positive", "21"),
    (_set("survey", 1, "respondents", -3), "survey", 3, "respondents", "-3"),
    (_set("survey", 1, "ethnic_group", "Asian"), "survey", 3, "ethnic_group", "Asian"),
    (_set("survey", 0, "indicator", 4), "survey", 2, "indicator", "4"),
    (_set("organisations", 0, "org_type", "hospital"), "organisations", 2, "org_type", "hospital"),
]


@pytest.mark.parametrize("change, table, row, column, value", CASES)
def test_each_rule_names_table_row_column_and_value(tmp_path, change, table, row, column, value):
    tables = base()
    change(tables)
    found = problems_of(tmp_path, tables)
    assert any(
        p.table == table and p.row == row and p.column == column and p.value == value for p in found
    ), found


def test_every_problem_is_reported_at_once(tmp_path):
    tables = base()
    for change, *_ in CASES[:4]:
        change(tables)
    found = problems_of(tmp_path, tables)
    assert {(p.table, p.row, p.column) for p in found} >= {
        ("staff", 3, "ethnic_category"),
        ("staff", 2, "pay_band"),
        ("staff", 4, "clinical"),
        ("staff", 2, "year"),
    }


def test_missing_table_and_missing_column(tmp_path):
    tables = base()
    del tables["staff"]
    found = problems_of(tmp_path, tables)
    assert any(p.table == "staff" and "required table is missing" in p.message for p in found)
    tables = base()
    for row in tables["recruitment"]:
        del row["shortlisted"]
    found = problems_of(tmp_path, tables)
    assert any(p.table == "recruitment" and p.row == 1 and p.column == "shortlisted" for p in found)


def test_both_survey_tables_for_one_organisation_and_year(tmp_path):
    tables = base()
    tables["survey_responses"] = [
        {
            "org_code": "T1",
            "year": 2016,
            "respondent_id": "r1",
            "ethnic_category": "A",
            "ind5": "Y",
            "ind6": "",
            "ind7": "N",
            "ind8": "",
        }
    ]
    found = problems_of(tmp_path, tables)
    assert any(
        p.table == "survey" and p.column == "org_code" and "both survey" in p.message for p in found
    )


def test_column_names_are_matched_case_insensitively_and_trimmed(tmp_path):
    tables = base()
    tables["staff"] = pd.DataFrame(STAFF).rename(
        columns={"org_code": " ORG_Code ", "pay_band": "Pay_Band"}
    )
    extract = load_extract(write_extract(tmp_path / "x", tables))
    assert len(extract.tables["staff"]) == 3


def test_cli_validate_exits_2_without_traceback(tmp_path):
    tables = base()
    tables["staff"][1]["ethnic_category"] = "Martian"
    folder = write_extract(tmp_path / "x", tables)
    run = subprocess.run(
        [sys.executable, "-m", "wres_helpers", "validate", str(folder)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "table staff, row 3, column ethnic_category, value 'Martian'" in run.stderr


def test_cli_validate_exits_0_on_a_good_extract(tmp_path, capsys):
    assert main(["validate", str(write_extract(tmp_path / "x", base()))]) == 0
    assert "meets the contract" in capsys.readouterr().out


def test_indicators_on_a_bad_extract_leaves_the_earlier_output_as_it_was(tmp_path):
    good = write_extract(tmp_path / "good", base())
    out = tmp_path / "indicators.csv"
    assert main(["indicators", str(good), "--out", str(out)]) == 0
    before = out.read_bytes()
    tables = base()
    tables["survey"][0]["positive"] = 99
    bad = write_extract(tmp_path / "bad", tables)
    assert main(["indicators", str(bad), "--out", str(out)]) == 2
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".indicators")] == []

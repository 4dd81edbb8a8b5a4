"""Publication spreadsheets, opened with openpyxl as a reader would."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from wres_helpers.report.spreadsheet import CoverInfo, SheetTable, sheet_frame, write_spreadsheet

POLICY = "Counts from 1 to 7 are withheld, with any figure resting on them."
COVER = CoverInfo(
    title="WRES 2024: Northgate NHS Trust",
    period="Workforce at 31 March 2024",
    source="Northgate NHS Trust's electronic staff record",
    contact="wres@northgate.example",
    disclosure=POLICY,
)
# A hand-made table: Band 6 has 5 BME staff, so its count and share are withheld.
STAFF = pd.DataFrame(
    {
        "Pay band": ["Band 5", "Band 6", "Band 7"],
        "BME staff": [120, "[c]", 9],
        "Staff": [400, 60, 36],
        "BME share (%)": [30.0, "[c]", 25.0],  # 120/400 = 30%, 9/36 = 25%
    }
)


def _rows(sheet) -> list[list]:
    return [[c.value for c in row] for row in sheet.iter_rows()]


def _table(sheet, first_header: str) -> list[list]:
    """The sheet's table: its header row and the rows below it."""
    rows = _rows(sheet)
    start = next(i for i, r in enumerate(rows) if r[0] == first_header)
    return rows[start:]


def _cells(sheet, first_header: str):
    start = next(r for r in sheet.iter_rows() if r[0].value == first_header)[0].row
    return [list(r) for r in sheet.iter_rows(min_row=start + 1)]


@pytest.fixture
def book(tmp_path):
    tables = [
        SheetTable("BME staff by pay band", STAFF, notes=["Headcount at 31 March 2024."]),
        SheetTable("Board members", pd.DataFrame({"Board": ["Total board"], "Members": [12]})),
    ]
    path = write_spreadsheet(tmp_path / "northgate.xlsx", tables, COVER)
    return openpyxl.load_workbook(path)


def test_sheets_are_cover_contents_notes_then_one_table_each(book):
    assert book.sheetnames == ["Cover", "Contents", "Notes", "Table_1", "Table_2"]


def test_cover_states_title_period_source_contact_and_policy(book):
    text = [r[0] for r in _rows(book["Cover"]) if r[0]]
    assert text[0] == COVER.title
    for expected in (
        "Period: Workforce at 31 March 2024",
        "Source: Northgate NHS Trust's electronic staff record",
        "wres@northgate.example",
        POLICY,
    ):
        assert expected in text
    assert any(t.startswith("[c] marks a figure withheld") for t in text)


def test_contents_lists_every_table_by_title(book):
    rows = _table(book["Contents"], "Sheet name")
    assert rows[1][:2] == ["Table_1", "BME staff by pay band"]
    assert rows[2][:2] == ["Table_2", "Board members"]


def test_notes_give_the_policy_first_then_each_tables_notes(book):
    rows = _table(book["Notes"], "Note number")
    assert rows[1][0] == 1 and rows[1][1].startswith(POLICY)
    assert "[c]" in rows[1][1]
    assert rows[2] == [2, "Headcount at 31 March 2024."]
    assert book["Table_1"]["A1"].value == "BME staff by pay band[note 1][note 2]"
    assert book["Table_2"]["A1"].value == "Board members[note 1]"


def test_numbers_are_numeric_cells_and_withheld_cells_are_text_c(book):
    body = _cells(book["Table_1"], "Pay band")
    values = [[c.value for c in row] for row in body]
    assert values == [
        ["Band 5", 120, 400, 30.0],
        ["Band 6", "[c]", 60, "[c]"],
        ["Band 7", 9, 36, 25.0],
    ]
    for row in body:
        for cell in row[1:]:
            if cell.value == "[c]":
                assert cell.data_type == "s"
            else:
                assert cell.data_type == "n" and isinstance(cell.value, int | float)


def test_c_is_explained_beside_a_table_that_has_it(book):
    above = [r[0] for r in _rows(book["Table_1"])[:8]]
    assert any(t and t.startswith("[c] = withheld") for t in above)
    assert not any(t and t.startswith("[c] = ") for t in _rows(book["Table_2"])[0])


def test_each_table_is_an_excel_table(book):
    assert len(book["Table_1"].tables) == 1
    (table,) = book["Table_1"].tables.values()
    # header row and three rows of four columns
    first, last = table.ref.split(":")
    assert first[0] == "A" and last[0] == "D"
    assert int(last[1:]) - int(first[1:]) == 3


def test_a_mask_withholds_cells_whatever_they_hold(tmp_path):
    frame = pd.DataFrame({"Year": [2023, 2024], "BME staff": [3, 40]})
    mask = pd.DataFrame({"Year": [False, False], "BME staff": [True, False]})
    path = write_spreadsheet(tmp_path / "m.xlsx", [SheetTable("Staff", frame, mask)], COVER)
    body = _cells(openpyxl.load_workbook(path)["Table_1"], "Year")
    assert [[c.value for c in row] for row in body] == [[2023, "[c]"], [2024, 40]]
    assert body[0][1].data_type == "s"


def test_missing_values_are_x_not_blank():
    frame = pd.DataFrame({"Year": [2023], "Likelihood": [None]})
    assert sheet_frame(SheetTable("t", frame))["Likelihood"].tolist() == ["[x]"]


def test_text_from_params_stays_text(tmp_path):
    frame = pd.DataFrame({"Organisation": ['=HYPERLINK("http://x","y")'], "Staff": [10]})
    title = "Members [home](http://x) $$note$$"
    path = write_spreadsheet(tmp_path / "t.xlsx", [SheetTable(title, frame)], COVER)
    sheet = openpyxl.load_workbook(path)["Table_1"]
    cell = _cells(sheet, "Organisation")[0][0]
    assert cell.value == '=HYPERLINK("http://x","y")' and cell.data_type == "s"
    assert sheet["A1"].value == "Members [home] (http://x) $ $note$ $ [note 1]"
    assert sheet["A1"].hyperlink is None


def test_no_tables_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="at least one table"):
        write_spreadsheet(tmp_path / "e.xlsx", [], COVER)
    assert not (tmp_path / "e.xlsx").exists()

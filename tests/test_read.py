"""Reading tables: encodings, formats, and the same records from each."""

import subprocess
import sys

import pandas as pd
import pytest
from conftest import ORGS, people, write_extract

from wres_helpers.extract.read import read_table
from wres_helpers.extract.validate import load_extract

STAFF = people("T1", 2016, "staff", {"A": 3, "H": 2}, pay_band="Band 5", clinical="Y")


def test_csv_with_byte_order_mark(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(b"\xef\xbb\xbf" + pd.DataFrame(STAFF).to_csv(index=False).encode())
    frame = read_table(path, "staff")
    assert list(frame.columns)[0] == "org_code" and len(frame) == 5


def test_windows_1252_is_read_with_a_warning(tmp_path):
    folder = write_extract(tmp_path / "x", {"staff": STAFF})
    orgs = pd.DataFrame(ORGS).assign(org_name=["Trust of Saint Étienne", "A", "B"])
    (folder / "organisations.csv").write_bytes(orgs.to_csv(index=False).encode("cp1252"))
    extract = load_extract(folder)
    assert extract.organisations["org_name"].astype(str).iloc[0] == "Trust of Saint Étienne"
    assert any("Windows-1252" in w for w in extract.warnings)
    run = subprocess.run(
        [sys.executable, "-m", "wres_helpers", "validate", str(folder)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0 and "warning: organisations.csv is not UTF-8" in run.stderr


def test_quoted_line_breaks_keep_the_row_numbers(tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_text('org_code,org_name,org_type\nT1,"Two\nlines",trust\nT2,Plain,bogus\n')
    from wres_helpers.problems import InputError

    folder = tmp_path
    write_extract(folder, {"staff": STAFF})
    with pytest.raises(InputError) as err:
        load_extract(folder)
    assert any(p.row == 3 and p.column == "org_type" for p in err.value.problems)


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_excel_and_parquet_give_the_same_records_as_csv(tmp_path, fmt):
    csv_folder = write_extract(tmp_path / "csv", {"organisations": ORGS, "staff": STAFF})
    other = tmp_path / fmt
    other.mkdir()
    (other / "organisations.csv").write_text((csv_folder / "organisations.csv").read_text())
    frame = pd.DataFrame(STAFF)
    if fmt == "xlsx":
        frame.to_excel(other / "staff.xlsx", index=False)
    else:
        frame.to_parquet(other / "staff.parquet", index=False)
    a = load_extract(csv_folder).tables["staff"]
    b = load_extract(other).tables["staff"]
    assert list(a["ethnic_category"].astype(str)) == list(b["ethnic_category"].astype(str))
    assert list(a["year"]) == list(b["year"]) == [2016] * 5
    assert list(a["staff_id"].astype(str)) == list(b["staff_id"].astype(str))


def test_trailing_empty_columns_are_not_columns(tmp_path):
    from wres_helpers.extract.read import read_table

    path = tmp_path / "staff.csv"
    # A header and rows ending in two empty columns, as a spreadsheet saves them.
    path.write_text(
        "org_code,year,staff_id,ethnic_category,pay_band,clinical,,\n"
        "T1,2016,s1,A,Band 5,Y,,\n"
        "T1,2016,s2,H,Band 6,N,,\n"
    )
    frame = read_table(path, "staff")
    assert list(frame.columns) == [
        "org_code",
        "year",
        "staff_id",
        "ethnic_category",
        "pay_band",
        "clinical",
    ]
    assert len(frame) == 2

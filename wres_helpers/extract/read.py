"""Reading an extract's tables from CSV, Excel or Parquet into raw frames.

A raw frame keeps every value as the file gave it (text as categorical
strings, so that vocabularies are looked up once per distinct value) with
column names folded to lower case and trimmed. Parsing and checking the
values is :mod:`wres_helpers.extract.validate`'s job.

An extract is untrusted input: :mod:`wres_helpers.extract.limits` bounds
what is read before any reader opens a file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from wres_helpers.extract.formats import is_id, read_parquet, read_xlsx
from wres_helpers.extract.limits import check_file
from wres_helpers.problems import InputError, Problem
from wres_helpers.vocab import TABLES

FORMATS = (".csv", ".xlsx", ".parquet")
_TEXT = pa.dictionary(pa.int32(), pa.string())


def find_table(folder: Path, table: str) -> Path | None:
    """The file holding ``table`` in ``folder``, or None when there is none.

    Raises
    ------
    InputError
        When the table is given in more than one format.
    """
    found = [
        p
        for p in sorted(folder.iterdir())
        if (p.is_file() or p.is_symlink())
        and p.stem.lower() == table
        and p.suffix.lower() in FORMATS
    ]
    if len(found) > 1:
        raise InputError(
            [
                Problem(
                    table,
                    None,
                    None,
                    None,
                    "given twice: "
                    + ", ".join(p.name for p in found)
                    + "; keep one file per table",
                )
            ]
        )
    return found[0] if found else None


def read_table(path: Path, table: str, notes: list[str] | None = None) -> pd.DataFrame:
    """Read one table's file into a raw frame.

    Parameters
    ----------
    path : Path
        A ``.csv``, ``.xlsx`` or ``.parquet`` file.
    table : str
        The table's name, for messages.
    notes : list of str, optional
        Warnings for the analyst (a file read as Windows-1252) are added here.

    Returns
    -------
    pandas.DataFrame
        Columns named in lower case and trimmed, values as given (text as
        categorical strings); the index is the record's position, so its
        spreadsheet row is index + 2 (blank Excel rows are dropped but keep
        the numbering of the rows after them).

    Raises
    ------
    InputError
        When the file cannot be read as a table: empty, binary, ragged,
        undecodable, not a workbook, or with no records.
    """
    suffix = path.suffix.lower()
    check_file(path, table)
    if suffix == ".csv":
        frame = _read_csv(path, table, notes if notes is not None else [])
    elif suffix == ".xlsx":
        frame = read_xlsx(path, table)
    else:
        frame = read_parquet(path, table)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    frame = _drop_blank_columns(frame)
    dupes = frame.columns[frame.columns.duplicated()].unique()
    if len(dupes):
        raise InputError([Problem(table, 1, c, None, "column given twice") for c in dupes])
    if len(frame) == 0:
        raise InputError(
            [Problem(table, None, None, None, f"{path.name} has a header but no records")]
        )
    return frame


def _drop_blank_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns with no heading and no values (trailing commas, an Excel column
    formatted but empty) are not columns of the table."""
    blank = [
        i
        for i, c in enumerate(frame.columns)
        if (c == "" or c.startswith("unnamed: ")) and frame.iloc[:, i].isna().all()
    ]
    if not blank:
        return frame
    return frame.iloc[:, [i for i in range(frame.shape[1]) if i not in set(blank)]]


def _binary_check(data: bytes, table: str, name: str) -> None:
    if b"\x00" in data[:65536]:
        raise InputError(
            [
                Problem(
                    table,
                    None,
                    None,
                    None,
                    f"{name} is not a text file (binary data); save it as CSV, UTF-8",
                )
            ]
        )


def _decode(data: bytes, table: str, name: str, notes: list[str]) -> str:
    """The file's text: UTF-8 (a byte-order mark tolerated), else Windows-1252 with a note."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise InputError(
            [
                Problem(
                    table,
                    None,
                    None,
                    None,
                    f"{name} is neither UTF-8 nor Windows-1252 text "
                    f"(byte {err.start}); save it as CSV, UTF-8",
                )
            ]
        ) from None
    notes.append(
        f"{name} is not UTF-8; read it as Windows-1252. "
        "Save it as CSV UTF-8 to be sure of names with accents."
    )
    return text


def _header(first_line: str, table: str, name: str) -> list[str]:
    header = next(csv.reader([first_line.rstrip("\r")]), [])
    if not any(h.strip() for h in header):
        raise InputError([Problem(table, 1, None, None, f"{name} has no header row")])
    return header


def _arrow_csv(data: bytes, header: list[str]) -> pd.DataFrame:
    arrow = pacsv.read_csv(
        io.BytesIO(data),
        read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, block_size=1 << 24),
        parse_options=pacsv.ParseOptions(newlines_in_values=False),
        convert_options=pacsv.ConvertOptions(
            column_types={h: pa.string() if is_id(h) else _TEXT for h in header},
            strings_can_be_null=True,
            null_values=[""],
            quoted_strings_can_be_null=True,
        ),
    )
    return arrow.to_pandas()


def _read_csv(path: Path, table: str, notes: list[str]) -> pd.DataFrame:
    data = path.read_bytes()
    _binary_check(data, table, path.name)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    # Fast path: UTF-8 bytes straight to pyarrow, which checks the encoding itself.
    try:
        header = _header(data.split(b"\n", 1)[0].decode("utf-8"), table, path.name)
        return _arrow_csv(data, header)
    except (UnicodeDecodeError, pa.ArrowInvalid, pa.ArrowKeyError, ValueError):
        pass
    text = _decode(data, table, path.name, notes)
    header = _header(text.split("\n", 1)[0], table, path.name)
    # Only the bytes are kept (as UTF-8): the text is four times their size.
    data = text.encode("utf-8")
    del text
    try:
        return _arrow_csv(data, header)
    except (pa.ArrowInvalid, pa.ArrowKeyError, ValueError):
        # Quoted line breaks, very long fields and ragged rows: the standard
        # library's reader handles the first two and locates the third.
        return _read_csv_slowly(data, table, path.name)


def _lines(data: bytes) -> io.TextIOWrapper:
    """UTF-8 bytes as a stream of text, decoded a block at a time."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="")


def _ragged_rows(data: bytes, table: str) -> list[Problem]:
    """Rows whose number of fields is not the header's, found by streaming the text."""
    reader = csv.reader(_lines(data))
    header = next(reader, [])
    ragged = []
    for i, r in enumerate(reader):
        if r and len(r) != len(header) and not _blank_tail(r, len(header)):
            message = f"row has {len(r)} fields but the header has {len(header)}"
            ragged.append(Problem(table, i + 2, None, f"{len(r)} fields", message))
    return ragged


def _blank_tail(row: list[str], width: int) -> bool:
    """A row longer than the header only by empty fields (trailing commas)."""
    return len(row) > width and not any(f.strip() for f in row[width:])


def _read_csv_slowly(data: bytes, table: str, name: str) -> pd.DataFrame:
    csv.field_size_limit(1 << 30)
    # The ragged rows are found first, streaming, so that a huge file with one
    # bad row is refused without building every row in memory.
    ragged = _ragged_rows(data, table)
    if ragged:
        raise InputError(
            ragged[:50]
            + (
                [Problem(table, None, None, None, f"{len(ragged) - 50} more ragged rows")]
                if len(ragged) > 50
                else []
            )
        )
    rows = csv.reader(_lines(data))
    header = next(rows)
    records = {i: r[: len(header)] for i, r in enumerate(rows) if r}
    frame = pd.DataFrame(list(records.values()), columns=header, index=list(records), dtype=object)
    frame = frame.replace("", None)
    return frame.astype({c: "string" if is_id(c) else "category" for c in frame.columns})


def extract_files(folder: Path) -> tuple[dict[str, Path], list[Problem]]:
    """The file of each contract table found in ``folder``, and any table given twice."""
    if not folder.is_dir():
        raise InputError([Problem("extract", None, None, str(folder), "is not a folder of tables")])
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    for table in TABLES:
        try:
            path = find_table(folder, table)
        except InputError as err:
            problems.extend(err.problems)
            continue
        if path is not None:
            files[table] = path
    return files, problems

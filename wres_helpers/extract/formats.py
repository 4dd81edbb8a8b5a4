"""Reading a table from a workbook or a Parquet file into a raw frame (see :mod:`.read`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from wres_helpers.extract.limits import check_workbook
from wres_helpers.problems import InputError, Problem
from wres_helpers.vocab import ID_COLUMNS


def is_id(name: str) -> bool:
    """Whether a column holds identifiers (nearly all distinct: kept as plain text)."""
    return str(name).strip().lower() in ID_COLUMNS


def read_xlsx(path: Path, table: str) -> pd.DataFrame:
    """The first sheet of a workbook, checked for a zip bomb before openpyxl opens it."""
    check_workbook(path, table)
    try:
        frame = pd.read_excel(path, sheet_name=0, dtype=object, engine="openpyxl")
    except Exception as err:  # openpyxl raises many kinds for a damaged file
        raise InputError(
            [
                Problem(
                    table,
                    None,
                    None,
                    None,
                    f"{path.name} could not be read as a workbook ({type(err).__name__})",
                )
            ]
        ) from None
    frame = frame.dropna(how="all")
    for col in frame.columns:
        frame[col] = frame[col].map(_excel_text, na_action="ignore")
    return frame.astype({c: "string" if is_id(c) else "category" for c in frame.columns})


def _excel_text(value: object) -> str:
    """Excel cells as text: whole numbers without '.0', dates as ISO dates."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp) or hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("00:00:00") or "T" not in text else text
    return str(value)


def read_parquet(path: Path, table: str) -> pd.DataFrame:
    """A Parquet file, text columns as dictionaries straight from its pages."""
    try:
        schema = pq.read_schema(path)
        # Text columns come as dictionaries straight from Parquet's dictionary
        # pages (no re-hashing); identifiers, nearly all distinct, as plain text.
        text = [
            f.name
            for f in schema
            if (pa.types.is_string(f.type) or pa.types.is_large_string(f.type))
            and not is_id(f.name)
        ]
        arrow = pq.read_table(path, read_dictionary=text)
    except Exception as err:  # pyarrow raises several kinds for a damaged file
        raise InputError(
            [
                Problem(
                    table,
                    None,
                    None,
                    None,
                    f"{path.name} could not be read as Parquet ({type(err).__name__})",
                )
            ]
        ) from None
    return arrow.to_pandas()

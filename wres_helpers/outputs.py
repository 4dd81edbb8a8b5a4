"""Writing outputs safely: atomically, and neutralised for spreadsheets."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

#: A cell starting with one of these is read by spreadsheets as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula, made inert with a leading quote.

    Examples
    --------
    >>> neutralise('=HYPERLINK("http://x")'), neutralise("Northgate"), neutralise(-1.5)
    ('\\'=HYPERLINK("http://x")', 'Northgate', -1.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_bytes_atomic(data: bytes, path: Path) -> None:
    """Write a file whole or not at all: a temporary file, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(err.errno, f"{err.strerror} (nothing was written)", str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv_atomic(frame: pd.DataFrame, path: Path) -> None:
    """Write a frame as UTF-8 CSV, text cells neutralised, atomically."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            risky = values.astype("string").str.startswith(FORMULA_STARTS).fillna(False)
            if risky.any():
                safe[column] = values.where(~risky.to_numpy(), "'" + values.astype("string"))
    write_bytes_atomic(safe.to_csv(index=False, lineterminator="\n").encode("utf-8"), path)

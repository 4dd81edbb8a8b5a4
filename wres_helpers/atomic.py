"""Writing outputs safely: atomically, and neutralised for spreadsheets."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

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


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_bytes_atomic(data: bytes, path: Path) -> None:
    """Write a file whole or not at all: a temporary file, then a rename.

    The file gets the mode an ordinary write would (0666 less the umask), not
    the temporary file's 0600, so that a web server can read a public page.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(err.errno, f"{err.strerror} (nothing was written)", str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_folder_atomic(path: Path, fill: Callable[[Path], None]) -> None:
    """Write a folder whole or not at all: filled in a temporary folder beside it, then renamed.

    A reader sees the old folder, no folder for a moment, or the new one whole,
    never a half-written one. Whatever was at ``path`` (an older folder, a file,
    a symbolic link) is moved aside first and removed once the new folder is in
    place; a failure removes the temporary folder and leaves nothing behind.

    Parameters
    ----------
    path : pathlib.Path
        The folder to write.
    fill : callable
        Called with the temporary folder; writes the folder's files into it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    try:
        fill(tmp)
        if path.exists() or path.is_symlink():
            aside = tmp.with_suffix(".old")
            os.rename(path, aside)
            _remove(aside)
        os.rename(tmp, path)
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OSError(err.errno, f"{err.strerror} (nothing was written)", str(path)) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _remove(path: Path) -> None:
    """Remove a folder, a file or a symbolic link (never what a link points to)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _csv_column(values: pd.Series) -> pa.Array:
    """A column as CSV text: numbers at full precision (shortest exact form), NaN blank,
    booleans True/False, text neutralised for spreadsheets."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return pa.array(np.where(values.to_numpy(dtype=bool), "True", "False"))
    if pd.api.types.is_float_dtype(values.dtype) or pd.api.types.is_integer_dtype(values.dtype):
        # Arrow writes numbers in their shortest exact form (10, 0.1); NaN as blank.
        return pa.array(values.to_numpy(), from_pandas=True)
    text = values.astype("string")
    risky = text.str.startswith(FORMULA_STARTS).fillna(False).to_numpy(dtype=bool)
    if risky.any():
        text = text.where(~risky, "'" + text)
    return pa.array(text.to_numpy(dtype=object, na_value=None), type=pa.string())


def write_csv_atomic(frame: pd.DataFrame, path: Path) -> None:
    """Write a frame as UTF-8 CSV, text cells neutralised, atomically."""
    table = pa.table({str(c): _csv_column(frame[c]) for c in frame.columns})
    sink = io.BytesIO()
    pacsv.write_csv(table, sink, pacsv.WriteOptions(quoting_style="needed"))
    write_bytes_atomic(sink.getvalue(), path)

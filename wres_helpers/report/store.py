"""Report data on disk in a safe format: each table as Parquet, the rest as JSON.

A :class:`~wres_helpers.report.data.ReportData` is written to a folder of its
own: ``report-data.json`` (the format and its version, the audience, the
policy, and for each table its file and what Parquet does not keep of it),
and one Parquet file per table. Reading Parquet and JSON runs no code,
whoever wrote the folder: unlike Python's own object serialisation, a
planted file can at worst be refused as unreadable, never executed.

The format is generic over the dataclass's fields: a field added to
``ReportData`` (a plain table of numbers, text, dates or booleans) is written
and read with no change here. A column whose values are themselves tables
(the funnels' points and curves) is flattened into one Parquet file of plain
columns, with a column giving the row of the outer table each inner row
belongs to. Reading checks the format, its version and the set of fields: an
entry from another version or another program, or one cut short, raises
:class:`CacheError` naming the file, never a bare traceback.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, fields
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from wres_helpers.figures.disclosure import Policy
from wres_helpers.report.data import ReportData

#: What a report-data folder's JSON says it is; a different version is rebuilt, not read.
FORMAT = "wres-report-data"
VERSION = 1
#: The JSON file describing a report-data folder.
MANIFEST = "report-data.json"
#: In a flattened table of tables, the row of the outer table each inner row belongs to.
ROW = "__row__"
#: A file a manifest may name: a plain name inside the folder, never a path.
FILE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\.parquet")


class CacheError(ValueError):
    """A cache file that cannot be read: corrupt, cut short, or of another format."""


def _is_table_column(values: pd.Series) -> bool:
    """Whether an object column holds tables (and nothing else but missing values)."""
    present = [v for v in values if v is not None and not (isinstance(v, float) and v != v)]
    return bool(present) and all(isinstance(v, pd.DataFrame) for v in present)


def _null_kind(values: pd.Series) -> str:
    """How an object column writes a missing value: ``none`` (None) or ``nan``."""
    missing = values[values.isna()]
    return "none" if len(missing) and missing.iloc[0] is None else "nan"


def _write_frame(frame: pd.DataFrame, folder: Path, name: str) -> dict:
    """Write one table (and any column of tables beside it); return its manifest entry."""
    entry: dict = {"kind": "frame", "file": f"{name}.parquet", "columns": [], "objects": {}}
    entry["nested"] = {}
    plain = frame
    for column in frame.columns:
        if frame[column].dtype != object:
            continue
        if _is_table_column(frame[column]):
            entry["nested"][str(column)] = _write_nested(frame[column], folder, name)
            plain = plain.drop(columns=column)
        else:
            entry["objects"][str(column)] = _null_kind(frame[column])
    entry["columns"] = [str(c) for c in frame.columns]
    plain.to_parquet(folder / entry["file"])
    return entry


def _write_nested(values: pd.Series, folder: Path, name: str) -> dict:
    """A column of tables as one flat table, each inner row tagged with its outer row."""
    file = f"{name}.{values.name}.parquet"
    inner = [v if isinstance(v, pd.DataFrame) else None for v in values]
    parts = [v.assign(**{ROW: i}) for i, v in enumerate(inner) if v is not None]
    flat = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame({ROW: []})
    flat.to_parquet(folder / file)
    columns = [None if v is None else [str(c) for c in v.columns] for v in inner]
    return {"file": file, "columns": columns}


def write(data: ReportData, folder: Path) -> None:
    """Write ``data`` into ``folder`` (which exists): Parquet per table, JSON for the rest."""
    manifest: dict = {"format": FORMAT, "version": VERSION, "fields": {}}
    for field in fields(data):
        value = getattr(data, field.name)
        if value is None:
            entry: dict = {"kind": "none"}
        elif isinstance(value, pd.DataFrame):
            entry = _write_frame(value, folder, field.name)
        elif isinstance(value, Policy):
            entry = {"kind": "policy", "value": asdict(value)}
        elif isinstance(value, str | int | float | bool):
            entry = {"kind": "value", "value": value}
        else:
            raise TypeError(f"ReportData.{field.name}: no cache format for {type(value).__name__}")
        manifest["fields"][field.name] = entry
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1))


def _file(folder: Path, name) -> Path:
    if not isinstance(name, str) or not FILE_NAME.fullmatch(name):
        raise CacheError(f"{folder / MANIFEST}: {name!r} is not a file name of this format")
    return folder / name


def _read_parquet(path: Path) -> pd.DataFrame:
    """A Parquet file as pandas reads it.

    One file, in this thread: a kernel reads a dozen small files, and pyarrow's
    dataset reader (``read_table``) and its threads cost more than the reading.
    """
    with pq.ParquetFile(path) as file:
        return file.read(use_threads=False).to_pandas(use_threads=False)


def _read_frame(folder: Path, entry: dict) -> pd.DataFrame:
    """One table as written by :func:`_write_frame`, with its object columns restored."""
    frame = _read_parquet(_file(folder, entry["file"]))
    for column, nulls in entry["objects"].items():
        values = frame[column] if frame[column].dtype == object else frame[column].astype(object)
        if values.hasnans:
            values = values.where(values.notna(), None if nulls == "none" else np.nan)
        frame[column] = values
    for column, nested in entry["nested"].items():
        frame[column] = _read_nested(folder, nested, frame.index)
    return frame if list(frame.columns) == entry["columns"] else frame[entry["columns"]]


def _read_nested(folder: Path, nested: dict, index: pd.Index) -> pd.Series:
    """A column of tables from its flat table (written in outer-row order)."""
    flat = _read_parquet(_file(folder, nested["file"]))
    rows = flat[ROW].to_numpy()
    flat = flat.drop(columns=ROW)
    every = list(flat.columns)
    inner = []
    for i, names in enumerate(nested["columns"]):
        if names is None:
            inner.append(None)
            continue
        start, stop = np.searchsorted(rows, [i, i + 1])
        part = flat.iloc[start:stop].reset_index(drop=True)
        inner.append(part if names == every else part[names])
    return pd.Series(inner, index=index, dtype=object)


def _read_field(folder: Path, name: str, entry: dict):
    kind = entry["kind"]
    if kind == "none":
        return None
    if kind == "frame":
        return _read_frame(folder, entry)
    if kind == "policy":
        return Policy(**entry["value"])
    if kind == "value":
        return entry["value"]
    raise CacheError(f"{folder / MANIFEST}: field {name} is of an unknown kind {kind!r}")


def read_manifest(folder: Path) -> dict:
    """A report-data folder's JSON, checked to be this format and version, with every field.

    Raises
    ------
    CacheError
        Naming the file, if it is missing, unreadable, or of another format,
        version or set of fields.
    """
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as err:
        raise CacheError(f"{path}: cannot be read as cached report data ({err})") from None
    if not isinstance(manifest, dict) or (manifest.get("format"), manifest.get("version")) != (
        FORMAT,
        VERSION,
    ):
        raise CacheError(f"{path}: not report data of format {FORMAT} version {VERSION}")
    wanted = {f.name for f in fields(ReportData)}
    if not isinstance(manifest.get("fields"), dict) or set(manifest["fields"]) != wanted:
        raise CacheError(f"{path}: its fields are not those of this version's report data")
    return manifest


def read(folder: str | Path) -> ReportData:
    """The report data written by :func:`write` in ``folder``.

    Raises
    ------
    CacheError
        Naming the file, if any file of the folder is missing, cut short or
        not of this format (delete the cache folder and run again).
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    values = {}
    for name, entry in manifest["fields"].items():
        try:
            values[name] = _read_field(folder, name, entry)
        except CacheError:
            raise
        except (OSError, ValueError, TypeError, KeyError, pa.ArrowException) as err:
            raise CacheError(
                f"{folder}: the cached {name} cannot be read ({type(err).__name__}: {err}); "
                "delete the cache folder and run again"
            ) from None
    return ReportData(**values)

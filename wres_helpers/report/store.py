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
columns, the inner tables one after another, the JSON saying where each
ends. A slice's tables that are its whole's too (the entities, the
funnels) are written once, in the whole's folder, and read from there.
Reading checks the format, its version and the set of fields: an
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


def _to_parquet(frame: pd.DataFrame, path: Path) -> dict:
    """Write a table as Parquet; return what the reader needs to read it quickly.

    The file keeps pandas' own description of the table (its index and
    dtypes), but applying it costs a kernel more than reading a small file;
    so the JSON notes each column's dtype and whether the index is the
    plain 0, 1, 2, ... that pandas gives anyway, and the reader applies
    pandas' description only when those alone would not give the table back.
    """
    frame.to_parquet(path)
    index = frame.index
    plain = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
    return {"plain_index": plain, "dtypes": {str(c): str(t) for c, t in frame.dtypes.items()}}


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
    entry["parquet"] = _to_parquet(plain, folder / entry["file"])
    return entry


def _write_nested(values: pd.Series, folder: Path, name: str) -> dict:
    """A column of tables as one flat table, the inner tables one after another.

    The JSON keeps where each inner table ends in the flat one (``stops``) and
    its columns (``None`` for a missing value in place of a table).
    """
    file = f"{name}.{values.name}.parquet"
    inner = [v if isinstance(v, pd.DataFrame) else None for v in values]
    parts = [v for v in inner if v is not None]
    flat = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    stops = np.cumsum([0 if v is None else len(v) for v in inner]).tolist()
    columns = [None if v is None else [str(c) for c in v.columns] for v in inner]
    described = _to_parquet(flat, folder / file)
    return {"file": file, "columns": columns, "stops": stops, "parquet": described}


def write(data: ReportData, folder: Path, whole: tuple[ReportData, dict] | None = None) -> dict:
    """Write ``data`` into ``folder`` (which exists): Parquet per table, JSON for the rest.

    Parameters
    ----------
    data : ReportData
        The report data, whole or an entity's slice.
    folder : pathlib.Path
        Where to write; a slice's folder is ``slices/<digest>`` inside its whole's.
    whole : (ReportData, dict), optional
        For a slice: the whole report data and the manifest :func:`write`
        returned for it. A table the slice shares with the whole (the same
        object: the entities, the funnels) is not written again; the slice's
        JSON says to read it from the whole's folder.

    Returns
    -------
    dict
        The manifest written to ``report-data.json``.
    """
    manifest: dict = {"format": FORMAT, "version": VERSION, "fields": {}}
    for field in fields(data):
        value = getattr(data, field.name)
        if value is None:
            entry: dict = {"kind": "none"}
        elif whole is not None and value is getattr(whole[0], field.name):
            entry = {**whole[1]["fields"][field.name], "in_whole": True}
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
    return manifest


def _file(folder: Path, name) -> Path:
    if not isinstance(name, str) or not FILE_NAME.fullmatch(name):
        raise CacheError(f"{folder / MANIFEST}: {name!r} is not a file name of this format")
    return folder / name


def _read_parquet(path: Path, described: dict) -> pd.DataFrame:
    """A Parquet file written by :func:`_to_parquet`, as pandas would read it.

    One file, in this thread: a kernel reads a dozen small files, and pyarrow's
    dataset reader (``read_table``), its threads and pandas' description of the
    table cost more than the reading. Object columns come back as text or
    numbers; :func:`_read_frame` restores them.
    """
    with pq.ParquetFile(path) as file:
        table = file.read(use_threads=False)
    if described["plain_index"]:
        frame = table.replace_schema_metadata(None).to_pandas(use_threads=False)
        wanted = described["dtypes"]
        if list(frame.columns) == list(wanted) and all(
            t == "object" or str(frame[c].dtype) == t for c, t in wanted.items()
        ):
            return frame
    return table.to_pandas(use_threads=False)


def _read_frame(folder: Path, entry: dict) -> pd.DataFrame:
    """One table as written by :func:`_write_frame`, with its object columns restored."""
    frame = _read_parquet(_file(folder, entry["file"]), entry["parquet"])
    for column, nulls in entry["objects"].items():
        values = frame[column] if frame[column].dtype == object else frame[column].astype(object)
        if values.hasnans:
            values = values.where(values.notna(), None if nulls == "none" else np.nan)
        frame[column] = values
    for column, nested in entry["nested"].items():
        frame[column] = _read_nested(folder, nested, frame.index)
    return frame if list(frame.columns) == entry["columns"] else frame[entry["columns"]]


def _read_nested(folder: Path, nested: dict, index: pd.Index) -> pd.Series:
    """A column of tables from its flat table (see :func:`_write_nested`)."""
    flat = _read_parquet(_file(folder, nested["file"]), nested["parquet"])
    every = list(flat.columns)
    inner, start = [], 0
    for names, stop in zip(nested["columns"], nested["stops"], strict=True):
        if names is None:
            inner.append(None)
        else:
            part = flat.iloc[start:stop].reset_index(drop=True)
            inner.append(part if names == every else part[names])
        start = stop
    return pd.Series(inner, index=index, dtype=object)


def _read_field(folder: Path, name: str, entry: dict):
    kind = entry["kind"]
    if kind == "none":
        return None
    if kind == "frame":
        # A slice's shared table is in its whole's folder, two above (slices/<digest>).
        return _read_frame(folder.parent.parent if entry.get("in_whole") else folder, entry)
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

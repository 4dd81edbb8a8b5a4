"""The report-data cache: both audiences' data and every entity's slice, kept between runs.

Under the cache folder (``outputs/.cache``), each extract and policy has three
entries, named by :func:`~wres_helpers.figures.engine.extract_fingerprint`
(a hash of the extract's files' bytes and the policy) and
:func:`code_fingerprint` (a hash of the package's own files, so that a new
version of the toolkit never reads figures an older one computed)::

    <key>-internal/                  one audience's report data (store.py's format)
        entry.json                   the format, its version, every file's size
        report-data.json, *.parquet  the whole extract's report data
        slices/<digest>/             each entity's slice: what one kernel loads (its
                                     shared tables are read from the whole's files)
    <key>-public/                    the same for the public audience
    <key>-ids/                       the identifiers the audit looks for in public pages

Everything is Parquet and JSON (:mod:`wres_helpers.report.store`): reading a
cache runs no code whoever wrote it, so its safety does not rest on who can
write the folder. The folder is still kept to its owner (0700,
:func:`check_cache_folder`), as defence in depth: it holds internal figures
and staff identifiers. Each entry is written whole or not at all (a temporary
folder, then a rename); an entry that is missing a file, holds one of another
size (cut short), or is of another format or version is rebuilt. Files of any
earlier format (``*.pkl``) are never read.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
from pathlib import Path

import pandas as pd

from wres_helpers.figures.disclosure import AUDIENCES, Policy
from wres_helpers.report import store
from wres_helpers.report.data import ReportData, build_report_data, identifiers
from wres_helpers.report.store import CacheError

#: Each entry's own description: format, version and the size of every file it holds.
ENTRY = "entry.json"


#: The package whose files the cache's key includes.
PACKAGE = Path(__file__).resolve().parents[1]


def files_fingerprint(root: Path) -> str:
    """A hash of every file under ``root`` (code, templates, data), by path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
        if "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:8]


@functools.cache
def code_fingerprint() -> str:
    """The package's :func:`files_fingerprint`, once per process: part of the cache's key,
    so that figures computed by one version of the toolkit are never read by another."""
    return files_fingerprint(PACKAGE)


def entry_path(cache_dir: Path, fingerprint: str, kind: str) -> Path:
    """The entry for an extract's key and ``kind``: an audience, or ``ids``."""
    return Path(cache_dir) / f"{fingerprint}-{kind}"


def _sizes(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` (its path inside, with ``/``) and its size in bytes."""
    return {
        p.relative_to(folder).as_posix(): p.stat().st_size
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _seal(folder: Path) -> None:
    """Write the entry's description last, naming every file it holds and its size."""
    described = {"format": store.FORMAT, "version": store.VERSION, "files": _sizes(folder)}
    (folder / ENTRY).write_text(json.dumps(described))


def is_sound(entry: Path) -> bool:
    """Whether an entry is of this format and version, with every file whole.

    A file cut short, a file missing, or a description of another version or
    program makes the entry unsound (and :func:`prepare` rebuilds it). Only
    sizes are compared: cheap enough to check on every run at national scale.
    """
    try:
        described = json.loads((entry / ENTRY).read_text())
        if (described["format"], described["version"]) != (store.FORMAT, store.VERSION):
            return False
        files = described["files"]
        return bool(files) and all(
            _inside(name) and (entry / name).stat().st_size == size for name, size in files.items()
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return False


def _inside(name: str) -> bool:
    """Whether a name in an entry's description is a path inside the entry."""
    path = Path(name)
    return not path.is_absolute() and ".." not in path.parts


def write_entry(data: ReportData, path: Path) -> None:
    """One audience's entry: the whole, then each entity's slice; all or nothing."""
    from wres_helpers.atomic import write_folder_atomic
    from wres_helpers.report.slices import slice_path, split

    def fill(folder: Path) -> None:
        whole = (data, store.write(data, folder))
        for entity, part in split(data):
            target = slice_path(folder, entity)
            target.mkdir(parents=True)
            store.write(part, target, whole)
        _seal(folder)

    write_folder_atomic(path, fill)


def write_ids(ids: frozenset[str], path: Path) -> None:
    """The extract's identifiers as an entry of one Parquet column, ``id``."""
    from wres_helpers.atomic import write_folder_atomic

    def fill(folder: Path) -> None:
        pd.DataFrame({"id": sorted(ids)}, dtype=object).to_parquet(folder / "ids.parquet")
        _seal(folder)

    write_folder_atomic(path, fill)


def load(path: str | Path) -> ReportData:
    """The report data (whole, or an entity's slice) in the cache folder ``path``.

    Raises
    ------
    CacheError
        Naming the file, if the folder is not whole report data of this format.
    """
    return store.read(path)


def load_ids(path: str | Path) -> frozenset[str]:
    """The identifiers written by :func:`write_ids`.

    Raises
    ------
    CacheError
        Naming the folder, if it is not a whole entry of identifiers.
    """
    path = Path(path)
    if not is_sound(path):
        raise CacheError(f"{path}: not a whole cache entry of this format; run again")
    try:
        frame = pd.read_parquet(path / "ids.parquet")
        return frozenset(frame["id"].astype(str))
    except (OSError, ValueError, KeyError) as err:
        raise CacheError(f"{path / 'ids.parquet'}: cannot be read ({err})") from None


def check_cache_folder(folder: Path) -> None:
    """Refuse a cache folder that another user owns or could write (or reach: files in a
    folder only its owner can enter are safe whatever their own mode).

    Defence in depth: the cache is Parquet and JSON, data that name no code,
    so a planted file cannot run code; but it holds internal figures and
    staff identifiers, and a folder another user can write could feed a
    report figures that are not the extract's.

    Raises
    ------
    PermissionError
        Naming the folder.
    """
    info = folder.lstat()
    if (
        info.st_uid != os.getuid()
        or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        or stat.S_ISLNK(info.st_mode)
    ):
        raise PermissionError(
            1, "the cache may be written by another user; delete it or use your own", str(folder)
        )


def own_cache_folder(folder: Path) -> None:
    """Make the cache folder, readable and writable by its owner only."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if folder.stat().st_uid == os.getuid():
        folder.chmod(0o700)
    check_cache_folder(folder)


def prepare(
    extract: str | Path, policy: Policy, cache_dir: Path | None
) -> dict[str, Path | ReportData]:
    """Report data for both audiences: from the cache if sound, else built once and cached.

    Returns
    -------
    dict
        ``internal``, ``public`` (and, with a cache, ``ids``): the entries'
        folders when ``cache_dir`` is given (open them with :func:`load` and
        :func:`load_ids`), else the report data themselves.
    """
    from wres_helpers.figures.engine import build, extract_fingerprint

    if cache_dir is None:
        engine = build(extract, policy)
        return {a: build_report_data(engine, a) for a in AUDIENCES}
    own_cache_folder(Path(cache_dir))
    key = f"{extract_fingerprint(extract, policy)}-{code_fingerprint()}"
    paths = {kind: entry_path(cache_dir, key, kind) for kind in (*AUDIENCES, "ids")}
    if all(is_sound(p) for p in paths.values()):
        return paths
    engine = build(extract, policy)
    # The audit looks for these in public pages; kept beside the cache, never published.
    write_ids(identifiers(engine.extract), paths["ids"])
    for audience in AUDIENCES:
        write_entry(build_report_data(engine, audience), paths[audience])
    return paths

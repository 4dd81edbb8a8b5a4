"""Validating an extract against the contract and parsing it into typed tables.

The order of the work: read each table (:mod:`~wres_helpers.extract.read`),
check its values (:mod:`~wres_helpers.extract.values`, one parser per kind
of field in :mod:`~wres_helpers.extract.fields`, each table's columns in
:mod:`~wres_helpers.extract.tables`), check its records
(:mod:`~wres_helpers.extract.records`), then the rules across tables
(:mod:`~wres_helpers.extract.cross_table`). Every problem is reported at once.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from wres_helpers.extract.cross_table import (
    check_clusters,
    check_events,
    check_overlaps,
    check_return,
    missing_tables,
)
from wres_helpers.extract.fields import parse_code
from wres_helpers.extract.read import extract_files, read_table
from wres_helpers.extract.records import check_records, first_seen_twice
from wres_helpers.extract.tables import ONCE_A_YEAR
from wres_helpers.extract.values import cap, parse_column, parse_table
from wres_helpers.problems import InputError, Problem


@dataclass
class Extract:
    """A validated extract: typed tables, each row kept at its spreadsheet index."""

    folder: Path
    tables: dict[str, pd.DataFrame]
    warnings: list[str] = field(default_factory=list)

    @property
    def organisations(self) -> pd.DataFrame:
        return self.tables["organisations"]

    def get(self, table: str) -> pd.DataFrame | None:
        return self.tables.get(table)


@dataclass
class _Reading:
    """The tables of one extract as they are read, raw and parsed."""

    files: dict[str, Path]
    notes: list[str] = field(default_factory=list)
    raw: dict[str, pd.DataFrame] = field(default_factory=dict)
    parsed: dict[str, pd.DataFrame] = field(default_factory=dict)

    def table(self, table: str, org_codes: set[str] | None) -> list[Problem]:
        """Read, parse and check one table; keep it; return its problems."""
        try:
            raw = self.raw[table] = read_table(self.files[table], table, self.notes)
        except InputError as err:
            return err.problems
        frame, found = parse_table(table, raw)
        if any(p.row == 1 for p in found):
            return found
        if org_codes is not None or table == "organisations":
            frame, more = check_records(table, frame, raw, org_codes or set())
            found = found + more
        if table in ONCE_A_YEAR:
            # A person entered (or trained, or left) twice in a year counts once.
            frame = frame.assign(repeat=first_seen_twice(frame, ["org_code", "year", "staff_id"]))
        self.parsed[table] = frame
        return found

    def org_codes(self) -> set[str] | None:
        """Every code the organisations table gives, even on a row with another problem,
        so that one bad organisation row does not make all its staff rows errors too."""
        if "organisations" not in self.parsed or "org_code" not in self.raw["organisations"]:
            return None
        codes, ok = parse_column(self.raw["organisations"]["org_code"], parse_code)
        return {str(c) for c, good in zip(codes, ok) if good}


def load_extract(folder: str | Path) -> Extract:
    """Read and validate an extract, raising every problem at once.

    Parameters
    ----------
    folder : str or Path
        The extract folder.

    Returns
    -------
    Extract
        Typed tables: ``ethnic_category`` becomes the WRES group (White, BME
        or Unknown; in ``staff``, BME as its broad group: Mixed, Asian, Black
        or Other), pay bands are canonical, yes/no are booleans, codes are
        upper case.

    Raises
    ------
    InputError
        Listing every problem, each with its table, row, column and value.
    """
    folder = Path(folder)
    files, problems = extract_files(folder)
    problems += missing_tables(files, problems)
    reading = _Reading(files)
    if "organisations" in files:
        problems.extend(reading.table("organisations", None))
    org_codes = reading.org_codes()
    if "organisations" in reading.parsed:
        problems.extend(
            check_clusters(reading.parsed["organisations"], reading.raw["organisations"])
        )
    others = [t for t in files if t != "organisations"]
    # Tables are independent until the cross-table checks: read and check them
    # side by side (pyarrow and pandas release the GIL for the heavy parts).
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        for found in pool.map(lambda t: reading.table(t, org_codes), others):
            problems.extend(found)
    if "wres_return" in reading.parsed:
        problems.extend(check_return(reading.parsed["wres_return"], reading.raw["wres_return"]))
    problems.extend(check_overlaps(reading.parsed, reading.raw))
    problems.extend(check_events(reading.parsed, reading.raw))
    if problems:
        raise InputError(cap(problems))
    return Extract(
        folder, {t: reading.parsed[t] for t in files if t in reading.parsed}, reading.notes
    )

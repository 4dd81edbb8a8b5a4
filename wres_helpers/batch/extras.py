"""What ``wres run`` writes beside the pages: CSVs of the index and matrices, and spreadsheets.

Everything here is read back from what the run already wrote (each report's
state file under ``outputs/runs/<audience>/`` and its rendered page), so the
downloads hold exactly the figures the pages show:

- ``index.csv``: the index's headline table (:func:`~wres_helpers.report.index_page.index_csv`);
- ``<report>-members.csv``: a cluster report's members side by side;
- in the public folder, ``<report>.xlsx`` of every table of each page, and
  ``wres-reports.xlsx`` of every report's tables together.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from wres_helpers.atomic import write_bytes_atomic
from wres_helpers.report.index_page import CSV_NAME, index_csv
from wres_helpers.report.member_matrix import csv_name, matrix_csv

#: The whole run's spreadsheet in the public folder.
RUN_WORKBOOK = "wres-reports.xlsx"
_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")


class _Tables(HTMLParser):
    """A page's tables: caption, column headers and rows of cell text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self._text: list[str] | None = None
        self._row: list[str] | None = None
        self._head = False
        self._span = 1

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "headers": [], "rows": []})
        elif tag == "thead":
            self._head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th", "caption") and self.tables:
            self._text = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() else 1

    def handle_endtag(self, tag):
        if tag == "thead":
            self._head = False
        elif tag == "caption" and self._text is not None:
            self.tables[-1]["caption"] = "".join(self._text).strip()
            self._text = None
        elif tag in ("td", "th") and self._text is not None and self._row is not None:
            # A heading over several columns (a year over its figures) heads each of them.
            text = " ".join("".join(self._text).split())
            self._row.extend([text] * (self._span if self._head else 1))
            self._text = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1]["headers" if self._head else "rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def cell_value(text: str) -> object:
    """A page's cell as a spreadsheet holds it: a number where the cell is one, else the text.

    Percentages become the number of per cent (``30.4%`` is 30.4).

    >>> cell_value("1,250"), cell_value("30.4%"), cell_value("[c]"), cell_value("1.2 to 1.4")
    (1250, 30.4, '[c]', '1.2 to 1.4')
    """
    if not _NUMBER.fullmatch(text):
        return text
    number = text.rstrip("%").replace(",", "")
    return float(number) if "." in number or text.endswith("%") else int(number)


def headings(table: dict) -> list[str]:
    """A parsed table's column headings: rows of headings (a year over its columns) joined
    into one heading per column.

    >>> headings({"headers": [["", "2023", "2023"], ["Group", "Staff", "Share"]]})
    ['Group', '2023 Staff', '2023 Share']
    """
    return [" ".join(h for h in column if h) for column in zip(*table["headers"])]


def page_tables(html: str) -> list:
    """Every table of a page as a :class:`~wres_helpers.report.spreadsheet.SheetTable`."""
    from wres_helpers.report.spreadsheet import SheetTable

    parser = _Tables()
    parser.feed(html)
    out = []
    for i, t in enumerate(parser.tables, 1):
        headers = headings(t)
        rows = [r for r in t["rows"] if len(r) == len(headers)]
        if not headers or not rows:
            continue
        columns = list(dict.fromkeys(headers))
        if len(columns) != len(headers):
            columns = [f"{h} ({j})" for j, h in enumerate(headers, 1)]
        frame = pd.DataFrame([[cell_value(c) for c in r] for r in rows], columns=columns)
        notes = ["Percentages are written as numbers of per cent (30.4 for 30.4%)."]
        out.append(SheetTable(t["caption"] or f"Table {i}", frame, notes=notes))
    return out


def index_entries(outputs: Path, audience: str) -> list[dict]:
    """The index entries of an audience's rendered reports (clusters first), from their
    run state: only reports that rendered and whose page is still in place."""
    entries = []
    for state in sorted((outputs / "runs" / audience).glob("*.json")):
        try:
            entry = json.loads(state.read_text())
        except (OSError, ValueError):
            continue
        if entry.get("status") == "ok" and (outputs / audience / entry["file"]).exists():
            entries.append(entry)
    entries.sort(key=lambda e: (e["type"] != "cluster", e["entity"], e["year"]))
    return entries


def _cover(title: str, period: str, contact: str, disclosure: str):
    from wres_helpers.report.spreadsheet import CoverInfo

    return CoverInfo(
        title=title,
        period=period,
        source="Workforce Race Equality Standard data of the organisations named",
        contact=contact,
        disclosure=disclosure,
    )


def write_page_spreadsheet(folder: Path, entry: dict) -> list:
    """The workbook beside one public page, from the page as written; returns its tables.

    ``wres run``'s workers write it as each page is rendered, so that the
    run's end has only the run's own workbook to write.
    """
    from wres_helpers.report.spreadsheet import write_spreadsheet

    tables = page_tables((folder / entry["file"]).read_text(encoding="utf-8"))
    if tables:
        title = f"{entry['name']}: WRES report {entry['year']}"
        period = f"Workforce at 31 March {entry['year']}"
        contact = entry.get("contact") or "The organisation's equality lead"
        cover = _cover(title, period, contact, entry.get("disclosure") or "")
        write_spreadsheet(folder / (Path(entry["file"]).stem + ".xlsx"), tables, cover)
    return tables


def write_spreadsheets(outputs: Path, entries: list[dict]) -> None:
    """A workbook beside each public page (unless one newer than the page is there), and
    one of every page's tables for the run."""
    from wres_helpers.report.spreadsheet import write_spreadsheet

    folder = outputs / "public"
    everything = []
    for e in entries:
        page = folder / e["file"]
        book = page.with_suffix(".xlsx")
        if book.exists() and book.stat().st_mtime >= page.stat().st_mtime:
            tables = page_tables(page.read_text(encoding="utf-8"))
        else:
            tables = write_page_spreadsheet(folder, e)
        everything += [replace(t, title=f"{e['name']}: {t.title}") for t in tables]
    if everything:
        years = ", ".join(sorted({str(e["year"]) for e in entries}))
        policies = " ".join(sorted({e.get("disclosure") or "" for e in entries}))
        cover = _cover("WRES reports: every table", f"Years {years}", "See each report", policies)
        write_spreadsheet(folder / RUN_WORKBOOK, everything, cover)


def write_extras(outputs: Path, audiences) -> None:
    """Everything beside the pages: index and matrix CSVs; public spreadsheets."""
    for audience in audiences:
        entries = index_entries(outputs, audience)
        write_bytes_atomic(index_csv(entries).encode("utf-8"), outputs / audience / CSV_NAME)
        for e in entries:
            if "matrix" in e:
                text = matrix_csv(e["matrix"]["headers"], e["matrix"]["rows"])
                name = csv_name(Path(e["file"]).stem)
                write_bytes_atomic(text.encode("utf-8"), outputs / audience / name)
        _drop_orphans(outputs / audience)
        if audience == "public":
            write_spreadsheets(outputs, entries)


def _drop_orphans(folder: Path) -> None:
    """Remove a spreadsheet or members' CSV whose page is no longer there (moved aside)."""
    for path in [*folder.glob("*.xlsx"), *folder.glob("*-members.csv")]:
        stem = path.stem.removesuffix("-members")
        if path.name != RUN_WORKBOOK and not (folder / f"{stem}.html").exists():
            path.unlink()

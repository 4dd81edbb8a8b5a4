"""Publication spreadsheets: a report's tables as an accessible .xlsx, made with gptables.

``gptables`` is the Government Analysis Function's package for spreadsheets that
follow its good-practice guidance for releasing statistics in spreadsheets: a
cover sheet, a contents sheet, a notes sheet and one table per sheet, each
table a real Excel table with a title and no merged cells. This module hands
it a report's tables and cover information and adds what the WRES reports
need: withheld cells as the text ``[c]`` (the Analysis Function's symbol for a
confidential value), figures not available as ``[x]``, both explained beside
each table and on the cover, and numbers written as numbers.

Text from an extract or params (titles, names, contact details) stays data:
it is written as text, never as a formula, a link or a note marker.
"""

from __future__ import annotations

import io
import math
import numbers
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import gptables
import pandas as pd

from wres_helpers.atomic import write_bytes_atomic
from wres_helpers.figures.disclosure import SUPPRESSED

#: The Analysis Function's symbol for a figure that is not available.
NOT_AVAILABLE = "[x]"
_POLICY_NOTE = "disclosure"
LEGEND = {
    SUPPRESSED: f"{SUPPRESSED} = withheld so that no one can be identified (see the notes)",
    NOT_AVAILABLE: f"{NOT_AVAILABLE} = not available",
}


@dataclass(frozen=True)
class SheetTable:
    """One table of a report, for one sheet of its spreadsheet.

    Attributes
    ----------
    title : str
        The table's title as the report gives it.
    frame : pandas.DataFrame
        The table: numbers as numbers, text as text, ``[c]`` for a withheld
        cell. The first column holds the row labels. Column names should
        state units, e.g. ``BME share (%)``.
    withheld : pandas.DataFrame, optional
        A boolean mask of ``frame``'s shape: True marks a withheld cell,
        written ``[c]`` whatever ``frame`` holds there.
    notes : sequence of str
        Notes on this table, listed on the notes sheet and referenced from
        its title.
    """

    title: str
    frame: pd.DataFrame
    withheld: pd.DataFrame | None = None
    notes: Sequence[str] = ()


@dataclass(frozen=True)
class CoverInfo:
    """What the cover sheet says about the whole workbook.

    ``disclosure`` is the disclosure policy in words (for instance the
    report's own statement of it), shown on the cover and as the first note.
    """

    title: str
    period: str
    source: str
    contact: str
    disclosure: str
    about: Sequence[str] = ()


def plain(text: object) -> str:
    """Text that gptables writes as it is: no link, no note marker.

    gptables reads ``[text](address)`` as a link and ``$$name$$`` as a
    note reference; a space breaks both without changing what a reader sees.

    >>> plain("See [site](http://x) and $$n$$")
    'See [site] (http://x) and $ $n$ $'
    """
    return str(text).replace("](", "] (").replace("$$", "$ $")


def _cell(value: object, withheld: bool) -> object:
    """One cell as written: [c] if withheld, [x] if missing, else a Python number or text."""
    if withheld:
        return SUPPRESSED
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return NOT_AVAILABLE
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    text = plain(value)
    return text if text.strip() else NOT_AVAILABLE


def sheet_frame(table: SheetTable) -> pd.DataFrame:
    """The table as written: withheld cells ``[c]``, missing ones ``[x]``, numbers as numbers.

    >>> frame = pd.DataFrame({"Year": [2023, 2024], "Staff": [12, None]})
    >>> mask = pd.DataFrame({"Year": [False, False], "Staff": [True, False]})
    >>> sheet_frame(SheetTable("t", frame, mask))["Staff"].tolist()
    ['[c]', '[x]']
    """
    frame = table.frame.reset_index(drop=True)
    if table.withheld is None:
        mask = frame.map(lambda v: isinstance(v, str) and v.strip() == SUPPRESSED)
    else:
        mask = table.withheld.reset_index(drop=True).reindex_like(frame).fillna(False)
    out = pd.DataFrame(
        {
            plain(column): [_cell(v, bool(m)) for v, m in zip(frame[column], mask[column])]
            for column in frame.columns
        },
        dtype=object,
    )
    return out


def _symbols(frame: pd.DataFrame) -> list[str]:
    cells = set(frame.to_numpy().ravel().tolist())
    return [LEGEND[s] for s in (SUPPRESSED, NOT_AVAILABLE) if s in cells]


def _notes(tables: Sequence[SheetTable], cover: CoverInfo) -> pd.DataFrame:
    refs = [_POLICY_NOTE]
    texts = [
        plain(cover.disclosure)
        + f" A withheld figure is shown as {SUPPRESSED}; a figure not available as "
        + f"{NOT_AVAILABLE}."
    ]
    for i, table in enumerate(tables, start=1):
        for j, note in enumerate(table.notes, start=1):
            refs.append(f"table{i}_note{j}")
            texts.append(plain(note))
    return pd.DataFrame({"Note reference": refs, "Note text": texts})


def _gptable(i: int, table: SheetTable, cover: CoverInfo) -> gptables.GPTable:
    frame = sheet_frame(table)
    title = plain(table.title)
    if title.endswith("$"):
        # a closing "$" would join the first marker's "$$" and be read as one
        title += " "
    markers = f"$${_POLICY_NOTE}$$" + "".join(
        f"$$table{i}_note{j}$$" for j in range(1, len(table.notes) + 1)
    )
    return gptables.GPTable(
        table=frame,
        table_name=f"table_{i}",
        title=title + markers,
        subtitles=[plain(f"Period: {cover.period}")],
        source=plain(f"Source: {cover.source}"),
        legend=_symbols(frame),
        index_columns={2: 0},
    )


def _cover(cover: CoverInfo) -> gptables.Cover:
    return gptables.Cover(
        title=plain(cover.title),
        intro=[plain(f"Period: {cover.period}"), plain(f"Source: {cover.source}")],
        about=[
            plain(cover.disclosure),
            f"{SUPPRESSED} marks a figure withheld under this policy; "
            f"{NOT_AVAILABLE} marks a figure that is not available.",
            "Notes are referenced in table titles as [note 1] and listed on the Notes sheet.",
            *[plain(a) for a in cover.about],
        ],
        contact=[plain(cover.contact)],
    )


def write_spreadsheet(path: str | Path, tables: Sequence[SheetTable], cover: CoverInfo) -> Path:
    """Write a report's tables as a good-practice .xlsx, whole or not at all.

    Sheets, in order: ``Cover``, ``Contents``, ``Notes`` (the disclosure
    policy first, then each table's notes) and ``Table_1``, ``Table_2``, ...
    in the order given. Text is never read as a formula or a link.

    Parameters
    ----------
    path : str or Path
        Where to write the workbook (``.xlsx``).
    tables : sequence of SheetTable
        The report's tables; at least one.
    cover : CoverInfo
        Title, period, source, contact and the disclosure policy in words.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ValueError
        No tables, or a table with no rows or no columns.
    """
    if not tables:
        raise ValueError("a spreadsheet needs at least one table")
    for table in tables:
        if table.frame.empty:
            raise ValueError(f"table {table.title!r} has no rows or no columns")
    sheets = {f"Table_{i}": _gptable(i, t, cover) for i, t in enumerate(tables, start=1)}
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # gptables' own use of pandas raises pandas' deprecation notices; they
        # say nothing about this workbook.
        for category in (FutureWarning, DeprecationWarning):
            warnings.filterwarnings("ignore", category=category, module=r"gptables\.")
        gptables.write_workbook(
            filename=buffer,
            sheets=sheets,
            cover=_cover(cover),
            notes_table=_notes(tables, cover),
            workbook_options={"strings_to_formulas": False, "strings_to_urls": False},
        )
    target = Path(path)
    write_bytes_atomic(buffer.getvalue(), target)
    return target

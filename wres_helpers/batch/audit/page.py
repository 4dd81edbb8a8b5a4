"""Reading a public output for the audit: a page's tables, text, attributes and comments.

:class:`Page` collects what a reader (or a screen reader) can see on an
HTML page; :func:`sheet_table` does the same for a spreadsheet's sheet;
:func:`numbers` finds the figures in a piece of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

NUMBER_PATTERN = re.compile(r"(?<![\w.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?(?![\w])")


@dataclass(frozen=True)
class Finding:
    """One thing found: the file, where in it, and what."""

    file: str
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.what}"


#: Attributes whose values are text a reader (or a screen reader) can see.
TEXT_ATTRIBUTES = {"alt", "title", "aria-label", "aria-description", "summary", "label", "content"}


class Page(HTMLParser):
    """Collects a page's tables, alt texts, text attributes, comments and visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self.alts: list[str] = []
        self.text: list[str] = []
        self.comments: list[str] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_head = False
        self._skip = 0

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and tag != "img" and (name in TEXT_ATTRIBUTES or name.startswith("data-")):
                self.alts.append(value)
        attrs = dict(attrs)
        if tag in ("style", "script"):
            self._skip += 1
        elif tag == "table":
            self.tables.append({"headers": [], "rows": []})
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "img":
            self.alts.append(attrs.get("alt") or "")
            self.alts.append(attrs.get("title") or "")

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            target = self.tables[-1]
            if self._in_head:
                target["headers"] = self._row
            else:
                target["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        else:
            self.text.append(data)


def numbers(text: str) -> list[str]:
    """The numbers in ``text`` as written (thousands commas, a sign, a percent sign)."""
    return NUMBER_PATTERN.findall(text)


def sheet_table(rows: list[list[str]]) -> dict:
    """A sheet's table: its heading row (the first of two cells or more) and the rows below."""
    for k, row in enumerate(rows):
        if sum(1 for c in row if c) > 1:
            return {"headers": row, "rows": rows[k + 1 :]}
    return {"headers": [], "rows": []}

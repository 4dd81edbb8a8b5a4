"""What the audit looks for on a public page, each check a function.

A code cell or a traceback (:func:`markers`); a file path or an identifier
from the extract (:func:`identifiers`); a record-level column or a count
that should have been withheld or rounded (:func:`table_counts`); a number
that is not one of the figures allowed (:func:`figures`).
"""

from __future__ import annotations

import re

from wres_helpers.batch.audit.page import Finding, Page, numbers
from wres_helpers.figures.disclosure import Policy

#: Column headings of published count columns.
COUNT_HEADINGS = {
    "white",
    "bme",
    "unknown",
    "total",
    "members",
    "bme members",
    "respondents",
    "records",
    "ethnicity not known",
    "shortlisted",
    "appointed",
    "entered",
    "accessed",
    "headcount",
    "applied",
    "leavers",
    "denominator",
    "staff",
    "value",
}
RECORD_COLUMNS = {"staff_id", "applicant_id", "member_id", "respondent_id", "ethnic_category"}
CODE_MARKERS = (
    "jp-InputArea",
    'class="input_area"',
    "jp-CodeMirrorEditor",
    'class="highlight',
    "In&nbsp;[",
    "<pre><code",
)
TRACEBACK_MARKERS = (
    "Traceback (most recent call last)",
    "output_error",
    "jp-OutputArea-error",
    "ansi-red-fg",
)
PATH_PATTERN = re.compile(
    r"(?:(?<![\w.:/])/(?:home|work|tmp|Users|root|mnt|var|opt|srv)/[\w./-]+"
    r"|\b[A-Za-z]:\\[\w\\ .-]+"
    r"|\b[\w-]+\.(?:csv|parquet|xlsx|ipynb|py|yaml|pkl)\b)"
)

#: Board rows: published exactly unless the policy suppresses the board (contract, 3).
BOARD_ROW = re.compile(r"board|governing body|voting|executive", re.IGNORECASE)


#: Text that holds numbers but no figures: dates, sums of money, day counts, the stamp.
NOT_FIGURES = re.compile(
    r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b"
    r"|£[\d,]+(?:\.\d+)?|\b\d+ days?\b|Generated at [^.]*\.|\bBand \d\w?\b|\bIndicator \d\b"
    r"|\b\d: |\bindicators? \d(?:-\d)?\b|\b[1-9] of the \d\b|\b\d{4}-\d{2}-\d{2}\b"
)


def markers(name: str, text: str) -> list[Finding]:
    """A code cell or a traceback anywhere in the page's source."""
    found = []
    for marker in CODE_MARKERS:
        if marker in text:
            found.append(Finding(name, "page", f"a code cell ({marker!r})"))
            break
    if any(marker in text for marker in TRACEBACK_MARKERS):
        found.append(Finding(name, "page", "a traceback or error output"))
    return found


def identifiers(name: str, visible: str, ids: set[str]) -> list[Finding]:
    """File paths, and the extract's identifiers, anywhere in the page's text."""
    found = [
        Finding(name, "text", f"a file path or file name: {match!r}")
        for match in PATH_PATTERN.findall(visible)
    ]
    if ids:
        found += [
            Finding(name, "text", f"an identifier from the extract: {token!r}")
            for token in sorted(set(re.findall(r"[\w-]+", visible)) & ids)
        ]
    return found


def table_counts(name: str, index: int, table: dict, policy: Policy) -> list[Finding]:
    """Record-level columns, and counts that must have been withheld or rounded."""
    headers = [h.strip().lower() for h in table["headers"]]
    found = []
    if RECORD_COLUMNS & set(headers):
        columns = ", ".join(sorted(RECORD_COLUMNS & set(headers)))
        found.append(Finding(name, f"table {index}", f"record-level data (a column of {columns})"))
    rounded = policy.method == "rounding" and policy.rounding_base > 1
    for r_index, row in enumerate(table["rows"], 1):
        if not policy.suppress_board and row and BOARD_ROW.search(row[0]):
            continue  # board members hold public office: published exactly by default
        for heading, cell in zip(headers, row):
            if heading not in COUNT_HEADINGS or not re.fullmatch(r"\d+", cell.replace(",", "")):
                continue
            count = int(cell.replace(",", ""))
            where = f"table {index}, row {r_index}, column {heading!r}"
            if 1 <= count <= policy.max_suppressed:
                found.append(Finding(name, where, f"a count of {count}"))
            elif rounded and count % policy.rounding_base:
                found.append(
                    Finding(
                        name, where, f"a count of {count}, not rounded to {policy.rounding_base}"
                    )
                )
    return found


def figures(name: str, page: Page, ok: set[str]) -> list[Finding]:
    """Every number in the page's text, attributes and comments that is not a published value."""
    found = []
    for where, pieces in (
        ("alt text or attribute", page.alts),
        ("text", page.text),
        ("comment", page.comments),
        ("table", [c for t in page.tables for r in t["rows"] for c in r[1:]]),
    ):
        for piece in pieces:
            for number in numbers(NOT_FIGURES.sub(" ", piece)):
                if number.rstrip("%").lstrip("-") not in ok:
                    found.append(
                        Finding(
                            name,
                            where,
                            f"a figure that is not a published value: {number!r} in "
                            f"{piece.strip()[:80]!r}",
                        )
                    )
    return found

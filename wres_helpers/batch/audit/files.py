"""Auditing a folder of public outputs, file by file, each by its kind.

A file no report makes is a finding in itself; an HTML page goes through
every check, against the figures its policy allows; a CSV's and a
spreadsheet's counts and identifiers are checked as a page's tables are.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from wres_helpers.batch.audit.allowed import allowed_values, constants
from wres_helpers.batch.audit.checks import (
    RECORD_COLUMNS,
    figures,
    identifiers,
    markers,
    table_counts,
)
from wres_helpers.batch.audit.page import Finding, Page, sheet_table
from wres_helpers.batch.audit.recovery import audit_extract
from wres_helpers.figures.disclosure import Policy
from wres_helpers.report.printed import COUNT_SUFFIXES

SAFE_SUFFIXES = {".html", ".csv", ".xlsx"}


def audit_html(
    path: Path,
    text: str,
    ids: set[str],
    allowed: set[str] | None,
    policy: Policy,
    extra: set[str] = frozenset(),
) -> list[Finding]:
    """Everything found in one HTML page.

    ``extra`` holds the numbers its params file marked as not staff figures.
    """
    name = path.name
    page = Page()
    page.feed(text)
    visible = " ".join(
        page.text
        + page.alts
        + page.comments
        + [c for t in page.tables for r in t["rows"] for c in r]
        + [h for t in page.tables for h in t["headers"]]
    )
    found = markers(name, text) + identifiers(name, visible, ids)
    for t_index, table in enumerate(page.tables, 1):
        found += table_counts(name, t_index, table, policy)
    if allowed is not None:
        found += figures(name, page, allowed | constants(policy) | set(extra))
    return found


def audit_csv(path: Path, text: str, ids: set[str], policy: Policy) -> list[Finding]:
    found = []
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower() for c in (reader.fieldnames or [])}
    if RECORD_COLUMNS & columns:
        found.append(Finding(path.name, "header", "record-level data"))
    for i, row in enumerate(reader, 2):
        stat = (row.get("statistic") or "").strip()
        value = (row.get("value") or "").strip()
        board = (row.get("indicator") or "").strip() == "9" and not policy.suppress_board
        is_count = stat.endswith(COUNT_SUFFIXES) and not board
        if is_count and value:
            try:
                number = float(value)
            except ValueError:
                continue
            if 1 <= number <= policy.max_suppressed:
                found.append(Finding(path.name, f"row {i}", f"a count of {value} ({stat})"))
        for cell in row.values():
            if cell and cell.strip() in ids:
                found.append(Finding(path.name, f"row {i}", f"an identifier: {cell.strip()!r}"))
    return found


def audit_xlsx(path: Path, ids: set[str], policy: Policy) -> list[Finding]:
    """A spreadsheet's cells read as text: no identifier, and counts checked as a page's are.

    Each sheet's table (a gptables sheet: title lines, then one table) goes
    through the same count check as a page's tables; every cell of every
    sheet is checked for identifiers.
    """
    from openpyxl import load_workbook

    found = []
    book = load_workbook(path, read_only=True, data_only=True)
    for index, sheet in enumerate(book.worksheets, 1):
        rows = [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        found += table_counts(
            f"{path.name}, sheet {sheet.title!r}", index, sheet_table(rows), policy
        )
        tokens = {t for row in rows for text in row for t in re.findall(r"[\w-]+", text)}
        for token in sorted(tokens & ids):
            found.append(Finding(path.name, f"sheet {sheet.title!r}", f"an identifier: {token!r}"))
    book.close()
    return found


def extract_ids(
    extract: str | Path, policy: Policy = Policy(), cache_dir: Path | None = None
) -> frozenset[str]:
    """The extract's identifiers (from the cache ``wres run`` made, when there is one)."""
    from wres_helpers.extract.validate import load_extract
    from wres_helpers.report.cache import load_ids, prepare
    from wres_helpers.report.data import identifiers

    if cache_dir is not None:
        return load_ids(prepare(extract, policy, cache_dir)["ids"])
    return identifiers(load_extract(extract))


def audit_folder(
    folder: Path,
    extract: str | Path | None = None,
    policy: Policy = Policy(),
    extracts=None,
    cache_dir: Path | None = None,
    extras: dict[str, set[str]] | None = None,
    policies: dict[str, Policy] | None = None,
) -> list[Finding]:
    """Audit every file under ``folder``; an empty list means nothing was found.

    ``extras`` maps a page's file name to the numbers its params file marked
    as not staff figures (``narrative_numbers``), accepted on that page only.
    ``policies`` maps a page's file name to the disclosure policy it was made
    under (``wres run`` knows each report's); other files are checked against
    ``policy``. Given the extracts, the published counts are checked too:
    no withheld count may be worked out from them (:mod:`.recovery`).
    """
    extracts = list(extracts or ([] if extract is None else [extract]))
    ids: set[str] = set()
    for e in extracts:
        ids |= extract_ids(e, policy, cache_dir)
    allowed_by_policy: dict[Policy, set[str] | None] = {}

    def allowed_under(rule: Policy) -> set[str] | None:
        if rule not in allowed_by_policy:
            allowed_by_policy[rule] = (
                allowed_values(extracts, rule, cache_dir) if extracts else None
            )
        return allowed_by_policy[rule]

    findings: list[Finding] = []
    if not folder.exists():
        return findings
    for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
        unfit = unpublishable(path, folder)
        if unfit:
            findings.append(unfit)
            continue
        rule = (policies or {}).get(path.name, policy)
        if path.suffix.lower() == ".xlsx":
            findings += audit_xlsx(path, ids, rule)
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            findings.append(Finding(str(path.relative_to(folder)), "file", "not UTF-8 text"))
            continue
        if path.suffix.lower() == ".html":
            extra = (extras or {}).get(path.name, set())
            findings += audit_html(path, text, ids, allowed_under(rule), rule, extra)
        else:
            findings += audit_csv(path, text, ids, rule)
    return findings + _published_counts(extracts, set((policies or {}).values()) or {policy})


def _published_counts(extracts, rules) -> list[Finding]:
    return [f for rule in rules for e in extracts for f in audit_extract(e, rule)]


def unpublishable(path: Path, folder: Path) -> Finding | None:
    """A file that is never published: a link, or a kind no report makes."""
    rel = str(path.relative_to(folder))
    if path.is_symlink():
        return Finding(rel, "file", "a symbolic link (never published)")
    if path.suffix.lower() not in SAFE_SUFFIXES:
        kind = path.suffix or "no extension"
        return Finding(rel, "file", f"a file that is never published ({kind})")
    return None

"""``wres audit``: look through public outputs for anything that discloses.

Run over a folder of public outputs (HTML, CSV and whatever else is there),
it reports: a file that must never be published (an executed notebook, a
log, code); a code cell, a traceback or a file path; an identifier from the
extract; a record-level row; a count from 1 to 7 where counts are published;
and, given the extract, any figure in a table, chart data, sentence, HTML
comment or text attribute (``alt``, ``title``, ``aria-label``, ``data-*``)
that is not one of the published values.

Narrative from params is checked before a public report renders
(:func:`narrative_problems`): a number in it must be a published figure, or
be listed in the params file's ``narrative_numbers`` (the author's mark that
it is not a staff figure: a target, a year, a sum of money), which the audit
then accepts on that report's page only.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from wres_helpers.figures.disclosure import Policy

SAFE_SUFFIXES = {".html", ".csv", ".xlsx"}
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
NUMBER_PATTERN = re.compile(r"(?<![\w.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?(?![\w])")


@dataclass(frozen=True)
class Finding:
    file: str
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.what}"


#: Attributes whose values are text a reader (or a screen reader) can see.
TEXT_ATTRIBUTES = {"alt", "title", "aria-label", "aria-description", "summary", "label", "content"}


class _Page(HTMLParser):
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


def _numbers(text: str) -> list[str]:
    return NUMBER_PATTERN.findall(text)


_COUNT_SUFFIXES = (
    "_n",
    "_shortlisted",
    "_appointed",
    "_entered",
    "_accessed",
    "_headcount",
    "_respondents",
)


def _kind(statistic: str) -> str:
    if statistic.endswith(_COUNT_SUFFIXES):
        return "count"
    if statistic.endswith("_rate"):
        return "rate"
    if statistic == "relative_likelihood":
        return "ratio"
    return "pct"


def _token(value: float, kind: str) -> str:
    from wres_helpers.report.formatting import fmt

    return fmt(abs(value), kind).rstrip("%")


def allowed_values(extracts, policy: Policy = Policy(), cache_dir: Path | None = None) -> set[str]:
    """Every figure a public output may show, formatted as the reports format it.

    The published values (each in its own kind: counts, percentages, rates,
    likelihoods, with their intervals), every published count, the
    self-reporting rates, and the few figures the reports derive from
    published values alone (the gap between two published percentages, the
    sum of two published denominators).
    """
    from wres_helpers.report.cache import load, prepare
    from wres_helpers.report.comparators import published_tokens as national_tokens
    from wres_helpers.report.data import ReportData
    from wres_helpers.report.labels import shown_difference
    from wres_helpers.report.model_employer_section import (
        published_tokens as model_employer_tokens,
    )

    allowed: set[str] = set()
    for extract in extracts:
        data = prepare(extract, policy, cache_dir)["public"]
        data = data if isinstance(data, ReportData) else load(data)
        ind = data.indicators[~data.indicators["suppressed"]]
        for stat, value, low, high in zip(
            ind["statistic"], ind["value"], ind["ci_low"], ind["ci_high"]
        ):
            kind = _kind(stat)
            for v in (value, low, high):
                if v == v:
                    allowed.add(_token(v, kind))
        wide = ind.pivot_table(
            index=["entity", "year", "indicator", "breakdown"],
            columns="statistic",
            values="value",
            aggfunc="first",
        )
        for a, b, kind in (
            ("bme_pct", "white_pct", "pct"),
            ("board_bme_pct", "workforce_bme_pct", "pct"),
            ("white_shortlisted", "bme_shortlisted", "count"),
            ("white_headcount", "bme_headcount", "count"),
        ):
            if a in wide and b in wide:
                combined = (wide[a] - wide[b]) if kind == "pct" else (wide[a] + wide[b])
                allowed.update(_token(v, kind) for v in combined.dropna())
                if kind == "pct":
                    # Reports print the difference of the two figures as shown.
                    shown = [shown_difference(x, y) for x, y in zip(wide[a], wide[b])]
                    allowed.update(_token(v, "pct") for v in shown if v == v)
        allowed.update(_token(v, "pct") for v in _shortlisting_rates(data.cells))
        counts = data.cells[~data.cells["suppressed"]]["count"].dropna()
        allowed.update(_token(v, "count") for v in counts.unique())
        q = data.quality.dropna(subset=["unknown_pct"])
        allowed.update(_token(v, "pct") for v in q["unknown_pct"])
        allowed.update(_token(100 - v, "pct") for v in q["unknown_pct"])
        allowed.update(str(int(y)) for y in data.indicators["year"].unique())
        # Indicators 5-8 of WRES year Y name the staff survey of autumn Y-1.
        allowed.update(str(int(y) - 1) for y in data.indicators["year"].unique())
        # Local population shares are the organisations' own published context, not staff data.
        allowed.update(_token(v, "pct") for v in data.entities["population_bme_pct"].dropna())
        allowed |= model_employer_tokens(data.indicators)
    # NHS England's national figures and the quotes that cite them are published already.
    allowed |= national_tokens()
    return allowed


def _shortlisting_rates(cells) -> list[float]:
    """Shortlisted out of applied (%), per group, where both counts are published."""
    shown = cells[~cells["suppressed"] & cells["measure"].isin(["applied", "shortlisted"])]
    wide = shown.pivot_table(
        index=["entity", "year", "ethnic_group"], columns="measure", values="count"
    )
    if not {"applied", "shortlisted"} <= set(wide.columns):
        return []
    applied = wide["applied"].where(wide["applied"] > 0)
    return (100 * wide["shortlisted"] / applied).dropna().tolist()


#: Board rows: published exactly unless the policy suppresses the board (contract, 3).
BOARD_ROW = re.compile(r"board|governing body|voting|executive", re.IGNORECASE)


#: Text that holds numbers but no figures: dates, sums of money, day counts, the stamp.
NOT_FIGURES = re.compile(
    r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b"
    r"|£[\d,]+(?:\.\d+)?|\b\d+ days?\b|Generated at [^.]*\.|\bBand \d\w?\b|\bIndicator \d\b"
    r"|\b\d: |\bindicators? \d(?:-\d)?\b|\b[1-9] of the \d\b|\b\d{4}-\d{2}-\d{2}\b"
)


def _constants(policy: Policy) -> set[str]:
    """Numbers the reports print that are rules, not data."""
    from wres_helpers.report.params import ReportParams

    fields = ReportParams.model_fields
    flag = fields["self_report_flag_pct"].default
    return {
        "0.80",
        "1.25",
        "95",
        "99.8",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "100",
        f"{flag:g}",
        f"{100 - flag:g}",
        str(fields["caution_below"].default),
        str(policy.max_suppressed + 1),
        str(policy.max_suppressed),
        str(policy.rounding_base),
        str(policy.survey_min_respondents),
    }


def _markers(name: str, text: str) -> list[Finding]:
    """A code cell or a traceback anywhere in the page's source."""
    found = []
    for marker in CODE_MARKERS:
        if marker in text:
            found.append(Finding(name, "page", f"a code cell ({marker!r})"))
            break
    if any(marker in text for marker in TRACEBACK_MARKERS):
        found.append(Finding(name, "page", "a traceback or error output"))
    return found


def _identifiers(name: str, visible: str, ids: set[str]) -> list[Finding]:
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


def _table_counts(name: str, index: int, table: dict, policy: Policy) -> list[Finding]:
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


def _figures(name: str, page: _Page, ok: set[str]) -> list[Finding]:
    """Every number in the page's text, attributes and comments that is not a published value."""
    found = []
    for where, pieces in (
        ("alt text or attribute", page.alts),
        ("text", page.text),
        ("comment", page.comments),
        ("table", [c for t in page.tables for r in t["rows"] for c in r[1:]]),
    ):
        for piece in pieces:
            for number in _numbers(NOT_FIGURES.sub(" ", piece)):
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
    page = _Page()
    page.feed(text)
    visible = " ".join(
        page.text
        + page.alts
        + page.comments
        + [c for t in page.tables for r in t["rows"] for c in r]
        + [h for t in page.tables for h in t["headers"]]
    )
    found = _markers(name, text) + _identifiers(name, visible, ids)
    for t_index, table in enumerate(page.tables, 1):
        found += _table_counts(name, t_index, table, policy)
    if allowed is not None:
        found += _figures(name, page, allowed | _constants(policy) | set(extra))
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
        is_count = stat.endswith(_COUNT_SUFFIXES) and not board
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


def _sheet_table(rows: list[list[str]]) -> dict:
    """A sheet's table: its heading row (the first of two cells or more) and the rows below."""
    for k, row in enumerate(rows):
        if sum(1 for c in row if c) > 1:
            return {"headers": row, "rows": rows[k + 1 :]}
    return {"headers": [], "rows": []}


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
        found += _table_counts(
            f"{path.name}, sheet {sheet.title!r}", index, _sheet_table(rows), policy
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
    ``policy``.
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
        unfit = _unpublishable(path, folder)
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
    return findings


def _unpublishable(path: Path, folder: Path) -> Finding | None:
    """A file that is never published: a link, or a kind no report makes."""
    rel = str(path.relative_to(folder))
    if path.is_symlink():
        return Finding(rel, "file", "a symbolic link (never published)")
    if path.suffix.lower() not in SAFE_SUFFIXES:
        kind = path.suffix or "no extension"
        return Finding(rel, "file", f"a file that is never published ({kind})")
    return None

"""Validating an extract against the contract and parsing it into typed tables.

Two pandera schemas per table do the checking, lazily so that every problem
is reported at once: the first on the values as read (vocabularies, years,
counts, dates), the second on the parsed records (duplicates, appointed
without shortlisted, positive above respondents, unknown organisations).
Cross-table rules pandera cannot see (both survey tables for one
organisation and year) follow.

Every vocabulary lookup runs once per distinct value: text columns arrive as
categoricals, so a national extract of millions of rows costs a few thousand
lookups.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from wres_helpers import vocab
from wres_helpers.extract.read import extract_files, read_table
from wres_helpers.problems import InputError, Problem

#: At most this many rows are listed for one kind of problem in one column.
MAX_ROWS_PER_PROBLEM = 20
#: No NHS count comes near this (the whole NHS employs about 1.5 million people);
#: a larger one is a mistake, and would overflow a 64-bit integer near 2**63.
MAX_COUNT = 10_000_000
#: An ODS-like code: letters and digits only, so that it is safe as a file name.
CODE_PATTERN = re.compile(r"[A-Z0-9]{1,20}")
#: Characters a name must not hold: controls (line breaks, NUL), bidirectional
#: overrides and isolates, and line or paragraph separators.
UNSAFE_IN_NAMES = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


# --- One parser per kind of field: value -> parsed value, or _BAD. -----------------

_BAD = object()


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or str(v).strip() == ""


def parse_code(v):
    """An organisation code: trimmed, upper case, letters and digits only.

    >>> parse_code(" rx1 "), parse_code("../x") is _BAD, parse_code("") is _BAD
    ('RX1', True, True)
    """
    if _blank(v):
        return _BAD
    code = str(v).strip().upper()
    return code if CODE_PATTERN.fullmatch(code) else _BAD


def parse_optional_code(v):
    """A code that may be blank (a cluster): as :func:`parse_code`, blank gives None."""
    return None if _blank(v) else parse_code(v)


def parse_name(v):
    """A name (not blank) with no control characters, line breaks or bidi overrides.

    >>> parse_name("Northgate NHS Trust"), parse_name("A\\nnotebook: x") is _BAD
    ('Northgate NHS Trust', True)
    """
    text = parse_text(v)
    return _BAD if text is _BAD or UNSAFE_IN_NAMES.search(text) else text


def parse_text(v):
    """Free text that must not be blank (names, identifiers)."""
    return _BAD if _blank(v) else str(v).strip()


def parse_optional_text(v):
    """Free text that may be blank."""
    return None if _blank(v) else str(v).strip()


def parse_int(v, low=None, high=None):
    """A whole number, optionally within [low, high]."""
    if _blank(v):
        return _BAD
    text = str(v).strip()
    if re.fullmatch(r"[+-]?\d+(\.0+)?", text) is None:
        return _BAD
    number = int(float(text)) if "." in text else int(text)
    if (low is not None and number < low) or (high is not None and number > high):
        return _BAD
    return number


def parse_year(v):
    """A WRES reporting year: an integer from 1948 (the NHS's first) to 2100."""
    return parse_int(v, 1948, 2100)


def parse_count(v):
    """A count: a whole number from zero to :data:`MAX_COUNT`."""
    return parse_int(v, 0, MAX_COUNT)


def parse_indicator(v):
    """A staff-survey indicator number: 5, 6, 7 or 8."""
    return parse_int(v, 5, 8)


def parse_number(v, low=0.0, high=None, blank_ok=True):
    """A number within [low, high]; blank gives None where allowed."""
    if _blank(v):
        return None if blank_ok else _BAD
    text = str(v).strip().replace(",", "").lstrip("£")
    try:
        number = float(text)
    except ValueError:
        return _BAD
    if not np.isfinite(number) or number < low or (high is not None and number > high):
        return _BAD
    return number


def parse_pct(v):
    """A percentage 0-100, or blank."""
    return parse_number(v, 0.0, 100.0)


def parse_money(v):
    """A sum in pounds, zero or more, or blank (not known)."""
    return parse_number(v, 0.0)


def parse_date(v):
    """A date, ISO (2016-05-01) or dd/mm/yyyy, or blank."""
    if _blank(v):
        return None
    text = str(v).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return _BAD


def parse_ethnic(v):
    """A WRES group from an ethnic category; blank is Unknown."""
    group = vocab.ethnic_group(v)
    return _BAD if group is None else group


def parse_ethnic_broad(v):
    """White, Unknown, or the broad group (Mixed, Asian, Black, Other) of a BME category."""
    group = vocab.broad_group(v)
    return _BAD if group is None else group


def parse_band(v):
    """A canonical pay band."""
    band = vocab.pay_band(v)
    return _BAD if band is None else band


def parse_yes_no(v):
    """True or False."""
    answer = vocab.yes_no(v)
    return _BAD if answer == "invalid" else answer


def parse_yes_no_blank(v):
    """True, False, or None for a blank answer."""
    answer = vocab.yes_no(v, blank_allowed=True)
    return _BAD if answer == "invalid" else answer


def parse_choice(choices):
    """A parser accepting one of ``choices``, in any case."""
    lookup = {c.lower(): c for c in choices}

    def parse(v):
        return _BAD if _blank(v) else lookup.get(str(v).strip().lower(), _BAD)

    return parse


parse_survey_group = parse_choice(vocab.KNOWN_GROUPS)
parse_return_group = parse_choice(vocab.ETHNIC_GROUPS + vocab.BROAD_GROUPS)
parse_org_type = parse_choice(vocab.ORG_TYPES)
parse_provider_type = parse_choice(vocab.PROVIDER_TYPES)
parse_measure = parse_choice(vocab.MEASURES)
parse_collectable = parse_choice(vocab.COLLECTABLE_TABLES)


@dataclass(frozen=True)
class Kind:
    """How one kind of field is parsed, what it becomes, and what its error says."""

    parse: Callable
    message: str
    dtype: str = "object"


KINDS = {
    "code": Kind(
        parse_code, "not an organisation code (letters and digits, such as RX1)", "category"
    ),
    "optional_code": Kind(
        parse_optional_code, "not a code (letters and digits, or blank)", "category"
    ),
    "name": Kind(
        parse_name,
        "blank, or holds a control character, line break or direction override",
        "category",
    ),
    "text": Kind(parse_text, "blank: a value is required", "category"),
    "optional_text": Kind(parse_optional_text, "", "object"),
    "year": Kind(parse_year, "not a year (a whole number such as 2016)", "int16"),
    "count": Kind(parse_count, f"not a count (a whole number from 0 to {MAX_COUNT:,})", "int64"),
    "indicator": Kind(parse_indicator, "not a staff-survey indicator (5, 6, 7 or 8)", "int8"),
    "pct": Kind(parse_pct, "not a percentage from 0 to 100", "float64"),
    "money": Kind(parse_money, "not an amount in pounds (zero or more)", "float64"),
    "date": Kind(parse_date, "not a date (2016-05-01 or 01/05/2016)", "object"),
    "ethnic": Kind(parse_ethnic, "not an NHS Data Dictionary ethnic category", "category"),
    "ethnic_broad": Kind(
        parse_ethnic_broad, "not an NHS Data Dictionary ethnic category", "category"
    ),
    "band": Kind(
        parse_band, "not a pay band (Band 1 ... Band 9, VSM or a medical grade)", "category"
    ),
    "yes_no": Kind(parse_yes_no, "not yes or no (Y/N, Yes/No, TRUE/FALSE, 1/0)", "bool"),
    "yes_no_blank": Kind(
        parse_yes_no_blank, "not yes, no or blank (Y/N, Yes/No, TRUE/FALSE, 1/0)", "object"
    ),
    "survey_group": Kind(parse_survey_group, "not a survey group (White or BME)", "category"),
    "return_group": Kind(
        parse_return_group,
        "not an ethnic group (White, BME, Unknown, Mixed, Asian, Black or Other)",
        "category",
    ),
    "collectable": Kind(
        parse_collectable,
        "not a table that can be not collected (" + ", ".join(vocab.COLLECTABLE_TABLES) + ")",
        "category",
    ),
    "org_type": Kind(
        parse_org_type, "not an organisation type (" + ", ".join(vocab.ORG_TYPES) + ")", "category"
    ),
    "provider_type": Kind(
        parse_provider_type,
        "not a provider type (" + ", ".join(vocab.PROVIDER_TYPES) + ")",
        "category",
    ),
    "measure": Kind(
        parse_measure,
        "not a measure of the WRES return (" + ", ".join(vocab.MEASURES) + ")",
        "category",
    ),
}

#: Table -> column -> kind. Column order and required/optional come from vocab.TABLES.
COLUMN_KINDS: dict[str, dict[str, str]] = {
    "organisations": {
        "org_code": "code",
        "org_name": "name",
        "org_type": "org_type",
        "region": "optional_text",
        "cluster": "optional_code",
        "population_bme_pct": "pct",
        "nhs_income_gbp": "money",
    },
    "staff": {
        "org_code": "code",
        "year": "year",
        "staff_id": "text",
        "ethnic_category": "ethnic_broad",
        "pay_band": "band",
        "clinical": "yes_no",
    },
    "board": {
        "org_code": "code",
        "year": "year",
        "member_id": "text",
        "ethnic_category": "ethnic",
        "voting": "yes_no",
        "executive": "yes_no",
    },
    "recruitment": {
        "org_code": "code",
        "year": "year",
        "applicant_id": "text",
        "ethnic_category": "ethnic",
        "shortlisted": "yes_no",
        "appointed": "yes_no",
    },
    "disciplinary": {
        "org_code": "code",
        "year": "year",
        "staff_id": "text",
        "ethnic_category": "ethnic",
    },
    "training": {
        "org_code": "code",
        "year": "year",
        "staff_id": "text",
        "ethnic_category": "ethnic",
    },
    "leavers": {
        "org_code": "code",
        "year": "year",
        "staff_id": "text",
        "ethnic_category": "ethnic",
    },
    "survey": {
        "org_code": "code",
        "year": "year",
        "indicator": "indicator",
        "ethnic_group": "survey_group",
        "respondents": "count",
        "positive": "count",
    },
    "survey_responses": {
        "org_code": "code",
        "year": "year",
        "respondent_id": "text",
        "ethnic_category": "ethnic",
        "ind5": "yes_no_blank",
        "ind6": "yes_no_blank",
        "ind7": "yes_no_blank",
        "ind8": "yes_no_blank",
    },
    "providers": {
        "commissioner_code": "code",
        "provider_code": "code",
        "provider_name": "name",
        "provider_type": "provider_type",
        "nhs_income_gbp": "money",
        "report_due": "date",
        "report_received": "date",
        "report_url": "optional_text",
    },
    "wres_return": {
        "org_code": "code",
        "year": "year",
        "measure": "measure",
        "breakdown": "text",
        "ethnic_group": "return_group",
        "count": "count",
    },
    "not_collected": {"org_code": "code", "year": "year", "table": "collectable"},
}

#: Columns whose pairs must be unique in a table (one row per person per year, ...).
UNIQUE_KEYS = {
    "organisations": ["org_code"],
    "staff": ["org_code", "year", "staff_id"],
    "board": ["org_code", "year", "member_id"],
    "survey": ["org_code", "year", "indicator", "ethnic_group"],
    "survey_responses": ["org_code", "year", "respondent_id"],
    "providers": ["commissioner_code", "provider_code"],
    "wres_return": ["org_code", "year", "measure", "breakdown", "ethnic_group"],
    "not_collected": ["org_code", "year", "table"],
}
#: Tables where a person counts once a year however often they appear.
ONCE_A_YEAR = ("disciplinary", "training", "leavers")
_KEY_NOUN = {
    "organisations": "org_code",
    "staff": "staff_id",
    "board": "member_id",
    "survey": "indicator and ethnic_group",
    "survey_responses": "respondent_id",
    "providers": "provider_code",
    "wres_return": "measure, breakdown and ethnic_group",
    "not_collected": "table",
}


def parse_column(values: pd.Series, parse: Callable, dtype: str = "object"):
    """Parse a column once per distinct value.

    Parameters
    ----------
    values : pandas.Series
        A raw column (categorical text, plain text, or numbers from Parquet).
    parse : callable
        One of the ``parse_*`` functions: value -> parsed value or ``_BAD``.
    dtype : str
        What the parsed column becomes: ``category`` is built straight from
        the codes, without materialising a value per row.

    Returns
    -------
    parsed : array-like
        The parsed value of every row (missing where the value was bad).
    ok : numpy.ndarray of bool
        Whether each row's value parsed.
    """
    if parse is parse_text and not isinstance(values.dtype, pd.CategoricalDtype):
        # Identifiers: millions of distinct values, so checked as a whole column.
        text = values.astype("string").str.strip()
        ok = (text.notna() & (text != "")).to_numpy(dtype=bool, na_value=False)
        return text.array, ok
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        uniques = list(values.cat.categories)
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        uniques = list(uniques)
    # A missing value has code -1, which picks the last element: the parse of None.
    results = [parse(u) for u in uniques] + [parse(None)]
    ok_unique = np.array([r is not _BAD for r in results], dtype=bool)
    if dtype == "category":
        cats = list(dict.fromkeys(r for r in results if r is not _BAD and r is not None))
        position = {c: i for i, c in enumerate(cats)}
        to_cat = np.array(
            [position.get(r, -1) if r is not _BAD and r is not None else -1 for r in results],
            dtype=np.int32,
        )
        return pd.Categorical.from_codes(to_cat[codes], categories=cats), ok_unique[codes]
    parsed_unique = np.empty(len(results), dtype=object)
    parsed_unique[:] = [None if r is _BAD else r for r in results]
    return parsed_unique[codes], ok_unique[codes]


def codes_of(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes and their labels for a categorical, boolean, integer or text column."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), column.cat.categories
    if pd.api.types.is_bool_dtype(column.dtype):
        return column.to_numpy(dtype=np.int8), pd.Index([False, True])
    if pd.api.types.is_integer_dtype(column.dtype) and len(column):
        values = column.to_numpy()
        low, high = int(values.min()), int(values.max())
        if high - low < 100_000:
            return (values - low).astype(np.int32), pd.Index(np.arange(low, high + 1))
    codes, labels = pd.factorize(column)
    return codes, pd.Index(labels)


def first_seen_twice(frame: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Rows whose key was already seen in an earlier row (duplicates after the first).

    Each key column is reduced to integer codes and the codes to one 64-bit
    number per row: hashing millions of identifiers once is much cheaper
    than comparing tuples of text.
    """
    combined = np.zeros(len(frame), dtype=np.int64)
    for k in keys:
        codes, labels = codes_of(frame[k])
        combined = combined * (len(labels) + 1) + (codes.astype(np.int64) + 1)
    return pd.Series(combined).duplicated(keep="first").to_numpy()


def _value_schema(table: str, memo: dict | None = None) -> pa.DataFrameSchema:
    """The table's columns and the vocabulary each value must come from.

    ``memo`` keeps each column's parse, so that the typed table is built from
    the same work the check did.
    """
    required, optional = vocab.TABLES[table]
    columns = {}
    for name in required + optional:
        kind = KINDS[COLUMN_KINDS[table][name]]

        def check(s, _name=name, _kind=kind):
            parsed, ok = parse_column(s, _kind.parse, _kind.dtype)
            if memo is not None:
                memo[_name] = (parsed, ok)
            return pd.Series(ok, index=s.index)

        columns[name] = pa.Column(
            None,
            checks=[
                pa.Check(check, name=COLUMN_KINDS[table][name], error=kind.message, ignore_na=False)
            ],
            nullable=True,
            required=name in required,
        )
    return pa.DataFrameSchema(columns, strict=False)


def _cap(problems: list[Problem]) -> list[Problem]:
    """List at most MAX_ROWS_PER_PROBLEM rows of each kind, then say how many more."""
    seen: dict[tuple, int] = {}
    kept = []
    for p in sorted(
        problems,
        key=lambda p: (p.table, p.column or "", p.message, p.row if p.row is not None else -1),
    ):
        key = (p.table, p.column, p.message)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= MAX_ROWS_PER_PROBLEM:
            kept.append(p)
    for (table, column, message), n in seen.items():
        if n > MAX_ROWS_PER_PROBLEM:
            kept.append(
                Problem(
                    table, None, column, None, f"{n - MAX_ROWS_PER_PROBLEM} more rows: {message}"
                )
            )
    return kept


def _value_problems(table: str, raw: pd.DataFrame, err: pa.errors.SchemaErrors) -> list[Problem]:
    """pandera's failure cases as problems: a missing column, or a value of the wrong kind."""
    # pandera names a failed check by its error text (or its name, by version).
    messages = {}
    for kind_name in COLUMN_KINDS[table].values():
        messages[kind_name] = messages[KINDS[kind_name].message] = KINDS[kind_name].message
    problems = []
    for case in err.failure_cases.itertuples(index=False):
        check = str(case.check)
        if check == "column_in_dataframe":
            found = ", ".join(repr(str(c)) for c in raw.columns[:8])
            problems.append(
                Problem(
                    table,
                    1,
                    str(case.failure_case),
                    None,
                    "required column is missing; the header (row 1) has " + (found or "no columns"),
                )
            )
        elif check in messages:
            value = case.failure_case
            problems.append(
                Problem(
                    table,
                    int(case.index) + 2,
                    str(case.column),
                    None if _blank(value) else str(value),
                    messages[check],
                )
            )
    return problems


def _parse_table(table: str, raw: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Check a raw table's values; return it parsed (bad rows dropped) and its problems."""
    problems: list[Problem] = []
    memo: dict[str, tuple] = {}
    try:
        _value_schema(table, memo).validate(raw, lazy=True)
    except pa.errors.SchemaErrors as err:
        problems = _value_problems(table, raw, err)
    if any(p.row == 1 for p in problems):
        return pd.DataFrame(), problems
    parsed: dict[str, object] = {}
    bad = np.zeros(len(raw), dtype=bool)
    for name, kind_name in COLUMN_KINDS[table].items():
        if name not in raw.columns:
            continue
        kind = KINDS[kind_name]
        values, ok = memo.get(name) or parse_column(raw[name], kind.parse, kind.dtype)
        bad |= ~ok
        parsed[name] = values
    frame = pd.DataFrame(parsed, index=raw.index)
    if bad.any():
        frame = frame[~bad]
    for name, kind_name in COLUMN_KINDS[table].items():
        dtype = KINDS[kind_name].dtype
        if name in frame.columns and dtype not in ("object", "category"):
            frame[name] = frame[name].astype(dtype)
    return frame, problems


def _row_problems(
    table: str, frame: pd.DataFrame, mask: pd.Series, column: str, message: str, raw: pd.DataFrame
) -> list[Problem]:
    rows = frame.index[mask.to_numpy()]
    return [
        Problem(
            table,
            int(i) + 2,
            column,
            None if _blank(raw.at[i, column]) else str(raw.at[i, column]),
            message,
        )
        for i in rows[: MAX_ROWS_PER_PROBLEM + 1]
    ] + (
        [
            Problem(
                table,
                None,
                column,
                None,
                f"{len(rows) - MAX_ROWS_PER_PROBLEM - 1} more rows: " + message,
            )
        ]
        if len(rows) > MAX_ROWS_PER_PROBLEM + 1
        else []
    )


def _record_schema(table: str, org_codes: set[str]) -> pa.DataFrameSchema:
    """Rules across a parsed record's fields, and its link to ``organisations``."""
    checks = []
    if table == "recruitment":
        checks.append(
            pa.Check(
                lambda d: ~(d["appointed"] & ~d["shortlisted"]), name="appointed_needs_shortlisted"
            )
        )
    if table == "survey":
        checks.append(
            pa.Check(
                lambda d: d["positive"] <= d["respondents"], name="positive_within_respondents"
            )
        )
    columns = {}
    code_column = "commissioner_code" if table == "providers" else "org_code"
    if table != "organisations":
        columns[code_column] = pa.Column(
            None, pa.Check(lambda s: s.isin(org_codes), name="known_org")
        )
    # Uniqueness is checked on integer codes (first_seen_twice), far faster on
    # millions of identifiers than pandera's comparison of text tuples.
    return pa.DataFrameSchema(columns, checks=checks)


_RECORD_MESSAGES = {
    "appointed_needs_shortlisted": (
        "appointed",
        "appointed = yes but shortlisted = no; appointment requires shortlisting",
    ),
    "positive_within_respondents": ("positive", "positive is more than respondents"),
    "known_org": (None, "org_code is not in the organisations table"),
}


def _duplicates(table: str, frame: pd.DataFrame, raw: pd.DataFrame) -> list[Problem]:
    """A row whose key (one person in one organisation and year, ...) an earlier row gave."""
    if table not in UNIQUE_KEYS:
        return []
    key = UNIQUE_KEYS[table]
    column = key[-1]
    message = f"{_KEY_NOUN[table]} given twice"
    if "year" in key:
        message += " for the same organisation and year"
    problems = []
    for index in frame.index[first_seen_twice(frame, key)]:
        value = raw.at[index, column]
        problems.append(
            Problem(table, int(index) + 2, column, None if _blank(value) else str(value), message)
        )
    return problems


def _record_problem(table: str, case, raw: pd.DataFrame) -> Problem | None:
    """One failure case of the record schema as a problem (None for a case it does not own)."""
    check = str(case.check)
    if case.index is None or pd.isna(case.index) or check not in _RECORD_MESSAGES:
        return None
    index = int(case.index)
    if check == "known_org":
        column, message = case.column, _RECORD_MESSAGES[check][1]
        if table == "providers":
            message = "commissioner_code is not in the organisations table"
    else:
        column, message = _RECORD_MESSAGES[check]
        if case.column != column:
            return None
    value = raw.at[index, column] if column in raw.columns else None
    return Problem(table, index + 2, column, None if _blank(value) else str(value), message)


def _check_records(
    table: str, frame: pd.DataFrame, raw: pd.DataFrame, org_codes: set[str]
) -> tuple[pd.DataFrame, list[Problem]]:
    problems = _duplicates(table, frame, raw)
    try:
        _record_schema(table, org_codes).validate(frame, lazy=True)
        cases = []
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases.itertuples(index=False)
    problems += [p for p in (_record_problem(table, c, raw) for c in cases) if p is not None]
    bad_rows = {p.row - 2 for p in problems}
    return (frame.drop(index=sorted(bad_rows)) if bad_rows else frame), problems


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


def _missing_tables(files: dict[str, Path], problems: list[Problem]) -> list[Problem]:
    """A required table with no file (staff may be given by a wres_return instead)."""
    missing = []
    for table in vocab.REQUIRED_TABLES:
        if table in files or any(p.table == table for p in problems):
            continue
        if table == "staff" and "wres_return" in files:
            continue
        missing.append(
            Problem(
                table,
                None,
                None,
                None,
                f"required table is missing (no {table}.csv, "
                f"{table}.xlsx or {table}.parquet in the extract)",
            )
        )
    return missing


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
        frame, found = _parse_table(table, raw)
        if any(p.row == 1 for p in found):
            return found
        if org_codes is not None or table == "organisations":
            frame, more = _check_records(table, frame, raw, org_codes or set())
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
    problems += _missing_tables(files, problems)
    reading = _Reading(files)
    if "organisations" in files:
        problems.extend(reading.table("organisations", None))
    org_codes = reading.org_codes()
    if "organisations" in reading.parsed:
        problems.extend(
            _check_clusters(reading.parsed["organisations"], reading.raw["organisations"])
        )
    others = [t for t in files if t != "organisations"]
    # Tables are independent until the cross-table checks: read and check them
    # side by side (pyarrow and pandas release the GIL for the heavy parts).
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        for found in pool.map(lambda t: reading.table(t, org_codes), others):
            problems.extend(found)
    if "wres_return" in reading.parsed:
        problems.extend(_check_return(reading.parsed["wres_return"], reading.raw["wres_return"]))
    problems.extend(_check_overlaps(reading.parsed, reading.raw))
    problems.extend(_check_events(reading.parsed, reading.raw))
    if problems:
        raise InputError(_cap(problems))
    return Extract(
        folder, {t: reading.parsed[t] for t in files if t in reading.parsed}, reading.notes
    )


def _check_events(parsed: dict[str, pd.DataFrame], raw: dict[str, pd.DataFrame]) -> list[Problem]:
    """Event rows (disciplinary, training, leavers) for an organisation and year with no staff.

    Their rates are per head of staff, so without a staff count they would be
    dropped without a word.
    """
    if "staff" not in parsed:
        return []
    staff = set(zip(parsed["staff"]["org_code"].astype(str), parsed["staff"]["year"]))
    problems = []
    for table in ONCE_A_YEAR:
        if table not in parsed or parsed[table].empty:
            continue
        frame = parsed[table]
        keys = pd.Series(list(zip(frame["org_code"].astype(str), frame["year"])), index=frame.index)
        problems += _row_problems(
            table,
            frame,
            ~keys.isin(staff),
            "org_code",
            "no staff rows for this organisation and year, so this row would count for nothing",
            raw[table],
        )
    return problems


def _check_clusters(orgs: pd.DataFrame, raw: pd.DataFrame) -> list[Problem]:
    """A cluster code must not also be an organisation's code (one entity, one meaning)."""
    if "cluster" not in orgs.columns:
        return []
    clash = orgs["cluster"].isin(set(orgs["org_code"])) & orgs["cluster"].notna()
    return _row_problems(
        "organisations",
        orgs,
        clash,
        "cluster",
        "cluster code is also an organisation's org_code; give the cluster a code of its own",
        raw,
    )


def _check_return(frame: pd.DataFrame, raw: pd.DataFrame) -> list[Problem]:
    valid = {(m, b) for m, bs in vocab.MEASURES.items() for b in bs}
    pairs = pd.Series(
        list(zip(frame["measure"].astype(str), frame["breakdown"].astype(str))), index=frame.index
    )
    mask = ~pairs.isin(valid)
    return _row_problems(
        "wres_return",
        frame,
        mask,
        "breakdown",
        "not a breakdown of this measure (see the contract's aggregated extract)",
        raw,
    ) + _check_broad_groups(frame, raw)


def _check_broad_groups(frame: pd.DataFrame, raw: pd.DataFrame) -> list[Problem]:
    """Mixed, Asian, Black and Other: all four or none per measure, organisation and
    year, and summing to the BME count of each breakdown."""
    group = frame["ethnic_group"].astype(str)
    broad = frame[group.isin(vocab.BROAD_GROUPS)]
    if broad.empty:
        return []
    by = ["org_code", "year", "measure"]
    kinds = broad.groupby(by, observed=True)["ethnic_group"].transform("nunique")
    problems = _row_problems(
        "wres_return",
        frame,
        pd.Series(frame.index.isin(broad.index[kinds.to_numpy() != 4]), index=frame.index),
        "ethnic_group",
        "gives some of Mixed, Asian, Black and Other for this measure, organisation "
        "and year, not all four",
        raw,
    )
    cell = by + ["breakdown"]
    sums = broad.groupby(cell, observed=True)["count"].sum().rename("broad")
    bme = frame[group == vocab.BME].set_index(cell)["count"].rename("bme")
    joined = pd.concat([sums, bme], axis=1, join="outer").fillna(-1)
    wrong = set(joined.index[joined["broad"] != joined["bme"]].tolist())
    rows = [k in wrong for k in zip(*(broad[c] for c in cell))]
    return problems + _row_problems(
        "wres_return",
        frame,
        pd.Series(frame.index.isin(broad.index[rows]), index=frame.index),
        "count",
        "Mixed, Asian, Black and Other do not add up to the BME count of this breakdown",
        raw,
    )


def _check_overlaps(parsed: dict[str, pd.DataFrame], raw: dict[str, pd.DataFrame]) -> list[Problem]:
    """One source per organisation and year: both survey tables, or records and a return."""
    problems = []
    pairs = [("survey", "survey_responses", "both survey and survey_responses give")]
    pairs += [
        (t, "wres_return", f"both {t} and wres_return give")
        for t in vocab.RECORD_TABLES
        if t != "survey_responses"
    ]
    for first, second, words in pairs:
        if first not in parsed or second not in parsed:
            continue
        other = parsed[second]
        if second == "wres_return":
            measure = {
                "staff": ["staff"],
                "board": ["board"],
                "recruitment": ["applied", "shortlisted", "appointed"],
                "survey": ["survey_respondents", "survey_positive"],
            }.get(first, [first])
            other = other[other["measure"].isin(measure)]
        keys = set(zip(other["org_code"], other["year"]))
        firsts = parsed[first][["org_code", "year"]].drop_duplicates()
        clash = [k in keys for k in zip(firsts["org_code"], firsts["year"])]
        for i, row in firsts[clash].iterrows():
            problems.append(
                Problem(
                    first,
                    int(i) + 2,
                    "org_code",
                    str(row["org_code"]),
                    f"{words} organisation {row['org_code']} for {row['year']}; keep one",
                )
            )
    return problems

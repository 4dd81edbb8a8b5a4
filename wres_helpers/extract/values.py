"""The first check of a table: every value of the right kind, every problem at once.

A pandera schema per table, built from :data:`~wres_helpers.extract.tables.COLUMN_KINDS`,
checks each value lazily; the parse it does is kept, so the typed table is
built from the same work. Every vocabulary lookup runs once per distinct
value: text columns arrive as categoricals, so a national extract of
millions of rows costs a few thousand lookups.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pandera.pandas as pa

from wres_helpers import vocab
from wres_helpers.extract.fields import BAD, KINDS, is_blank, parse_text
from wres_helpers.extract.tables import COLUMN_KINDS
from wres_helpers.problems import Problem

#: At most this many rows are listed for one kind of problem in one column.
MAX_ROWS_PER_PROBLEM = 20


def parse_column(values: pd.Series, parse: Callable, dtype: str = "object"):
    """Parse a column once per distinct value.

    Parameters
    ----------
    values : pandas.Series
        A raw column (categorical text, plain text, or numbers from Parquet).
    parse : callable
        One of the ``parse_*`` functions: value -> parsed value or ``BAD``.
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
    ok_unique = np.array([r is not BAD for r in results], dtype=bool)
    if dtype == "category":
        cats = list(dict.fromkeys(r for r in results if r is not BAD and r is not None))
        position = {c: i for i, c in enumerate(cats)}
        to_cat = np.array(
            [position.get(r, -1) if r is not BAD and r is not None else -1 for r in results],
            dtype=np.int32,
        )
        return pd.Categorical.from_codes(to_cat[codes], categories=cats), ok_unique[codes]
    parsed_unique = np.empty(len(results), dtype=object)
    parsed_unique[:] = [None if r is BAD else r for r in results]
    return parsed_unique[codes], ok_unique[codes]


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


def cap(problems: list[Problem]) -> list[Problem]:
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
                    None if is_blank(value) else str(value),
                    messages[check],
                )
            )
    return problems


def parse_table(table: str, raw: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
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


def row_problems(
    table: str, frame: pd.DataFrame, mask: pd.Series, column: str, message: str, raw: pd.DataFrame
) -> list[Problem]:
    rows = frame.index[mask.to_numpy()]
    return [
        Problem(
            table,
            int(i) + 2,
            column,
            None if is_blank(raw.at[i, column]) else str(raw.at[i, column]),
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

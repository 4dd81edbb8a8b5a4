"""The second check of a table: rules across a parsed record's fields and rows.

Duplicated keys (one person in one organisation and year, ...), appointed
without shortlisted, positive above respondents, and an organisation code
the organisations table does not give. Keys are compared as integer codes
(:func:`first_seen_twice`), far faster on millions of identifiers than
tuples of text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from wres_helpers.extract.fields import is_blank
from wres_helpers.extract.tables import KEY_NOUN, UNIQUE_KEYS
from wres_helpers.problems import Problem


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
    message = f"{KEY_NOUN[table]} given twice"
    if "year" in key:
        message += " for the same organisation and year"
    problems = []
    for index in frame.index[first_seen_twice(frame, key)]:
        value = raw.at[index, column]
        problems.append(
            Problem(table, int(index) + 2, column, None if is_blank(value) else str(value), message)
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
    return Problem(table, index + 2, column, None if is_blank(value) else str(value), message)


def check_records(
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

"""Checks across tables, which no one table's schema can see.

A required table missing; a cluster code that is also an organisation's;
event rows for an organisation and year with no staff; a ``wres_return``
breakdown its measure does not have, or broad groups that do not add up to
BME; and two sources for one organisation and year.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from wres_helpers import vocab
from wres_helpers.extract.tables import ONCE_A_YEAR
from wres_helpers.extract.values import row_problems
from wres_helpers.problems import Problem


def missing_tables(files: dict[str, Path], problems: list[Problem]) -> list[Problem]:
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


def check_events(parsed: dict[str, pd.DataFrame], raw: dict[str, pd.DataFrame]) -> list[Problem]:
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
        problems += row_problems(
            table,
            frame,
            ~keys.isin(staff),
            "org_code",
            "no staff rows for this organisation and year, so this row would count for nothing",
            raw[table],
        )
    return problems


def check_clusters(orgs: pd.DataFrame, raw: pd.DataFrame) -> list[Problem]:
    """A cluster code must not also be an organisation's code (one entity, one meaning)."""
    if "cluster" not in orgs.columns:
        return []
    clash = orgs["cluster"].isin(set(orgs["org_code"])) & orgs["cluster"].notna()
    return row_problems(
        "organisations",
        orgs,
        clash,
        "cluster",
        "cluster code is also an organisation's org_code; give the cluster a code of its own",
        raw,
    )


def check_return(frame: pd.DataFrame, raw: pd.DataFrame) -> list[Problem]:
    valid = {(m, b) for m, bs in vocab.MEASURES.items() for b in bs}
    pairs = pd.Series(
        list(zip(frame["measure"].astype(str), frame["breakdown"].astype(str))), index=frame.index
    )
    mask = ~pairs.isin(valid)
    return row_problems(
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
    problems = row_problems(
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
    return problems + row_problems(
        "wres_return",
        frame,
        pd.Series(frame.index.isin(broad.index[rows]), index=frame.index),
        "count",
        "Mixed, Asian, Black and Other do not add up to the BME count of this breakdown",
        raw,
    )


def check_overlaps(parsed: dict[str, pd.DataFrame], raw: dict[str, pd.DataFrame]) -> list[Problem]:
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

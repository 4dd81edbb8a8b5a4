"""Columns of figures with their suppression flags, and the statistics made from them.

A :class:`Q` is one figure per entity and year with a flag saying whether it
is withheld; arithmetic on two of them withholds the result wherever either
is withheld, so a derived figure is never shown where a count it rests on is
not. :class:`Cells` pivots a cell table wide for the indicators to read.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_helpers.figures.survey import wilson_interval


@dataclass(frozen=True)
class Q:
    """A column of figures (one per entity-year of ``index``) with suppression flags."""

    v: np.ndarray
    s: np.ndarray
    index: pd.Index

    def __truediv__(self, other: Q) -> Q:
        with np.errstate(invalid="ignore", divide="ignore"):
            v = np.where(other.v > 0, self.v / np.where(other.v > 0, other.v, 1.0), np.nan)
        return Q(v, self.s | other.s, self.index)

    def __sub__(self, other: Q) -> Q:
        return Q(self.v - other.v, self.s | other.s, self.index)

    def __add__(self, other: Q) -> Q:
        return Q(self.v + other.v, self.s | other.s, self.index)

    def scale(self, factor: float) -> Q:
        return Q(self.v * factor, self.s, self.index)


class Cells:
    """Counts pivoted wide: one row per entity and year, a column per cell."""

    def __init__(self, cells: pd.DataFrame):
        key = cells["measure"] + "/" + cells["breakdown"] + "/" + cells["ethnic_group"]
        frame = cells.assign(key=key)
        self.value = frame.pivot_table(
            index=["entity", "year"],
            columns="key",
            values="count",
            aggfunc="first",
            dropna=False,
            observed=True,
        )
        self.flag = frame.pivot_table(
            index=["entity", "year"],
            columns="key",
            values="suppressed",
            aggfunc="first",
            observed=True,
        )
        self.index = self.value.index
        self.flag = self.flag.reindex(index=self.index)
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def _column(self, col: str) -> tuple[np.ndarray, np.ndarray]:
        if col not in self._cache:
            value = self.value[col].to_numpy(dtype=float, na_value=np.nan)
            flag = self.flag[col].to_numpy(dtype=object) if col in self.flag.columns else None
            flag = (
                np.zeros(len(value), dtype=bool)
                if flag is None
                else np.array([bool(f) if f == f and f is not None else False for f in flag])
            )
            self._cache[col] = (value, flag)
        return self._cache[col]

    def has(self, measure: str, breakdown: str) -> np.ndarray:
        """Whether each entity-year reported this measure and breakdown."""
        for group in ("All", "White"):
            col = f"{measure}/{breakdown}/{group}"
            if col in self.value.columns:
                value, flag = self._column(col)
                return ~np.isnan(value) | flag
        return np.zeros(len(self.index), dtype=bool)

    def has_group(self, measure: str, breakdown: str, group: str) -> np.ndarray:
        """Whether each entity-year gave this group (the broad groups may be absent)."""
        col = f"{measure}/{breakdown}/{group}"
        if col not in self.value.columns:
            return np.zeros(len(self.index), dtype=bool)
        value, flag = self._column(col)
        return ~np.isnan(value) | flag

    def headcount(self, measure: str, group: str) -> Q:
        """Staff headcount for a measure's figures: a cluster's own ``staff_<measure>``
        (its members that collected the measure) where it has one, else ``staff``."""
        own = self.q(f"staff_{measure}", "All|All", group)
        staff = self.q("staff", "All|All", group)
        mine = self.has_group(f"staff_{measure}", "All|All", group)
        return Q(np.where(mine, own.v, staff.v), np.where(mine, own.s, staff.s), staff.index)

    def q(self, measure: str, breakdown: str, group: str) -> Q:
        col = f"{measure}/{breakdown}/{group}"
        if col not in self.value.columns:
            return Q(
                np.full(len(self.index), np.nan), np.zeros(len(self.index), dtype=bool), self.index
            )
        value, flag = self._column(col)
        return Q(value, flag, self.index)


_LEVELS: dict[int, tuple[pd.Index, np.ndarray, np.ndarray]] = {}


def _levels(index: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """An entity-year index's two levels as arrays, made once per index."""
    held = _LEVELS.get(id(index))
    if held is None or held[0] is not index:
        held = (
            index,
            index.get_level_values(0).to_numpy(),
            index.get_level_values(1).to_numpy(),
        )
        _LEVELS.clear()
        _LEVELS[id(index)] = held
    return held[1], held[2]


def rows(
    indicator: int,
    breakdown: str,
    statistic: str,
    q: Q,
    present: np.ndarray,
    ci: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict:
    """One statistic for every entity-year that reported it, as columns of arrays."""
    keep = np.asarray(present, dtype=bool)
    suppressed = np.asarray(q.s, dtype=bool)[keep]
    value = np.asarray(q.v, dtype=float)[keep]
    n = len(value)
    low = np.full(n, np.nan) if ci is None else np.asarray(ci[0], dtype=float)[keep]
    high = np.full(n, np.nan) if ci is None else np.asarray(ci[1], dtype=float)[keep]
    entity, year = _levels(q.index)
    return {
        "entity": entity[keep],
        "year": year[keep],
        "indicator": np.full(n, indicator),
        "breakdown": np.full(n, breakdown, dtype=object),
        "statistic": np.full(n, statistic, dtype=object),
        "value": np.where(suppressed, np.nan, value),
        "ci_low": np.where(suppressed, np.nan, low),
        "ci_high": np.where(suppressed, np.nan, high),
        "suppressed": suppressed,
    }


def pct(part: Q, whole: Q) -> tuple[Q, tuple[np.ndarray, np.ndarray]]:
    share = (part / whole).scale(100)
    low, high = wilson_interval(part.v, whole.v)
    return share, (100 * low, 100 * high)


def katz(cases_a: Q, total_a: Q, cases_b: Q, total_b: Q) -> tuple[Q, np.ndarray, np.ndarray]:
    """Relative likelihood (rate a / rate b) with scipy's Katz log-method 95% interval."""
    from scipy.stats.contingency import relative_risk

    value = (cases_a / total_a) / (cases_b / total_b)
    n = len(value.v)
    low, high = np.full(n, np.nan), np.full(n, np.nan)
    arrays = [np.asarray(x.v, dtype=float) for x in (cases_a, total_a, cases_b, total_b)]
    usable = np.isfinite(np.column_stack(arrays)).all(axis=1)
    for i in np.flatnonzero(usable):
        a, na, b, nb = (int(x[i]) for x in arrays)
        if na <= 0 or nb <= 0 or b == 0 or a > na or b > nb:
            continue
        ci = relative_risk(a, na, b, nb).confidence_interval(0.95)
        low[i], high[i] = ci.low, ci.high
    # A likelihood whose denominator rate is zero is blank, not infinite.
    v = np.where(np.isfinite(value.v), value.v, np.nan)
    return Q(v, value.s, value.index), low, high

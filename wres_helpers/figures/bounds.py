"""What a reader knows of each cell, and what single relations tell them.

A reader of the published figures knows each published cell's value and, of
each withheld cell, that it is a whole number of at least 1: a count of 0 is
always published, and a complement is never a 0. A small count and its
complement both show ``[c]``, so the threshold bounds neither.

:func:`propagate` tightens those bounds relation by relation (each cell is
its total less its other parts), the cheap first pass of the audit in
:mod:`wres_helpers.figures.recoverable`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wres_helpers.figures import relations

#: Slack for a programme's floating point: a cell must move by 1 less this to count as moved.
TOLERANCE = 1e-6


class RelationsInconsistent(ValueError):
    """The published cells and the relations admit no solution: a total is not its parts."""


@dataclass(frozen=True)
class Knowledge:
    """What a reader knows of each cell: bounds on its value.

    A published cell's bounds are its value (``low == high``); a withheld
    cell's are what the rule tells a reader. Cells whose bounds differ are the
    unknowns.
    """

    low: np.ndarray
    high: np.ndarray

    @property
    def unknown(self) -> np.ndarray:
        return self.high > self.low


def under_suppression(published: np.ndarray, withheld: np.ndarray) -> Knowledge:
    """What a reader knows under cell suppression.

    A published cell's value, and of a withheld one only that it is at least
    1: a count of 0 is always published and a complement is never a 0. A
    withheld cell shows ``[c]`` whether it is small or a complement, so a
    reader cannot bound it above by the threshold.

    Parameters
    ----------
    published : numpy.ndarray
        Each cell's published value (read only where not withheld).
    withheld : numpy.ndarray of bool
        Cells shown as ``[c]``.

    Examples
    --------
    >>> k = under_suppression(np.array([50.0, np.nan, 12.0]), np.array([False, True, False]))
    >>> k.low.tolist(), k.high.tolist()
    ([50.0, 1.0, 12.0], [50.0, inf, 12.0])
    """
    value = np.nan_to_num(np.asarray(published, dtype=float), nan=0.0)
    return Knowledge(np.where(withheld, 1.0, value), np.where(withheld, np.inf, value))


def propagate(known: Knowledge, rel: relations.Instances, rounds: int = 200) -> Knowledge:
    """Tighten every cell's bounds from every relation, until nothing changes.

    In each relation a cell is its total less the other parts (or a total is
    its parts' sum), so its bounds follow from the others'; counts are whole
    numbers, so bounds are rounded inwards. Each round narrows bounds only to
    values every solution keeps, so the bounds are sound whenever it stops; a
    cell they leave fewer than two values is pinned. It is cheap (array
    operations over every relation at once) and finds most pinned cells
    before any linear programme runs.
    """
    low, high = known.low.copy(), known.high.copy()
    cell = rel.cell
    for _ in range(rounds):
        new_lo, new_hi = single(Knowledge(low, high), rel)
        cand_lo = np.full(len(low), -np.inf)
        cand_hi = np.full(len(high), np.inf)
        np.maximum.at(cand_lo, cell, new_lo)
        np.minimum.at(cand_hi, cell, new_hi)
        tighter_lo = np.maximum(low, np.ceil(cand_lo - TOLERANCE))
        tighter_hi = np.minimum(high, np.floor(cand_hi + TOLERANCE))
        if (tighter_lo > tighter_hi).any():
            raise RelationsInconsistent("the published cells admit no counts")
        if (tighter_lo == low).all() and (tighter_hi == high).all():
            break
        low, high = tighter_lo, tighter_hi
    return Knowledge(low, high)


def single(known: Knowledge, rel: relations.Instances) -> tuple[np.ndarray, np.ndarray]:
    """Each row's bounds on its cell from its own instance alone, the others' bounds given."""
    cell, inst = rel.cell, rel.instance
    sign = np.where(rel.is_total, -1.0, 1.0)
    term_lo = np.where(sign > 0, known.low[cell], -known.high[cell])
    term_hi = np.where(sign > 0, known.high[cell], -known.low[cell])
    others_lo = _others(term_lo, inst, len(rel))
    others_hi = _others(term_hi, inst, len(rel))
    # sign * x + others = 0, so sign * x lies in [-others_hi, -others_lo].
    return np.where(sign > 0, -others_hi, others_lo), np.where(sign > 0, -others_lo, others_hi)


def holding(known: Knowledge, rel: relations.Instances, cells: np.ndarray, upwards: bool = True):
    """The rows whose instance alone holds a cell's ceiling (or floor), of the given cells.

    ``known`` is what :func:`propagate` returns: bounds no single relation
    tightens further. A row of a cell in ``cells`` is returned where its
    instance, given the other cells' bounds, allows the cell no higher (or
    lower) value than it has: withholding a further cell of that instance
    may let it move.
    """
    new_lo, new_hi = single(known, rel)
    cell = rel.cell
    if upwards:
        tight = np.floor(new_hi + TOLERANCE) <= known.high[cell]
    else:
        tight = np.ceil(new_lo - TOLERANCE) >= known.low[cell]
    return np.flatnonzero(cells[cell] & tight)


def _others(terms: np.ndarray, inst: np.ndarray, n: int) -> np.ndarray:
    """For each row, the sum of the other rows' terms in its instance (infinite if any is)."""
    infinite = np.isinf(terms)
    finite = np.bincount(inst, weights=np.where(infinite, 0.0, terms), minlength=n)
    pos = np.bincount(inst, weights=infinite & (terms > 0), minlength=n)
    neg = np.bincount(inst, weights=infinite & (terms < 0), minlength=n)
    own = np.where(infinite, 0.0, terms)
    pos_other = pos[inst] - (infinite & (terms > 0))
    neg_other = neg[inst] - (infinite & (terms < 0))
    out = finite[inst] - own
    out = np.where(pos_other > 0, np.inf, out)
    return np.where(neg_other > 0, -np.inf, out)

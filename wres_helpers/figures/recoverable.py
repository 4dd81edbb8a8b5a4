"""What a reader can work out of withheld cells: the linear-programming audit.

Every declared relation instance (parts adding up to a total,
:func:`wres_helpers.figures.relations.instances`) is an equation over the
cells. A reader of the published figures knows each published cell's value
and, of each withheld cell, that it is a whole number of at least 1: a count
of 0 is always published, and a complement is never a 0. A small count and
its complement both show ``[c]``, so the threshold bounds neither.

A withheld cell is *pinned* when the equations and those bounds leave it
fewer than two whole values. Its range is what linear programming gives
(the audit of tau-Argus and sdcTable, and ``scipy.optimize.linprog``): the
minimum and maximum of the cell over every solution, over every relation at
once, so no combination of totals, bands, groups, years or members can be
subtracted to recover it.

Bounds are first tightened relation by relation (:func:`propagate`: cheap,
and it finds most pinned cells); what that leaves open is settled by linear
programmes over each component of the withheld cells (the relations that
join them), the true counts showing which cells are already known to move:
any solution that moves a cell by 1 or more proves that cell has two values,
so most cells need no programme of their own. For a pinned cell,
:class:`Bindings` names the relations that pin it, where a further withheld
cell would free it.
"""

from __future__ import annotations

import hashlib

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from wres_helpers.figures import relations
from wres_helpers.figures.bounds import (
    TOLERANCE,
    Knowledge,
    RelationsInconsistent,
    holding,
    propagate,
    under_suppression,
)
from wres_helpers.figures.programme import Programme

__all__ = [
    "Bindings",
    "Knowledge",
    "RelationsInconsistent",
    "System",
    "holding",
    "pinned",
    "propagate",
    "under_suppression",
]


class System:
    """The relations as equations over the unknown cells, split into components.

    Each instance that holds an unknown says ``sum(parts) - total = 0``, the
    known cells moved to the right-hand side: ``matrix @ x = rhs``.
    """

    def __init__(self, known: Knowledge, rel: relations.Instances):
        unknown = known.unknown
        sign = np.where(rel.is_total, -1.0, 1.0)
        holds = np.bincount(rel.instance, weights=unknown[rel.cell], minlength=len(rel)) > 0
        constant = np.bincount(
            rel.instance,
            weights=np.where(unknown[rel.cell], 0.0, sign * known.low[rel.cell]),
            minlength=len(rel),
        )
        rows = holds[rel.instance] & unknown[rel.cell]
        self.variables = np.flatnonzero(unknown)
        column = np.full(len(unknown), -1)
        column[self.variables] = np.arange(len(self.variables))
        self.instances = np.flatnonzero(holds)
        row_of = np.full(len(rel), -1)
        row_of[self.instances] = np.arange(len(self.instances))
        self.matrix = sparse.csr_matrix(
            (sign[rows], (row_of[rel.instance[rows]], column[rel.cell[rows]])),
            shape=(len(self.instances), len(self.variables)),
        )
        self.rhs = -constant[self.instances]
        self.low = known.low[self.variables]
        self.high = known.high[self.variables]
        n, labels = connected_components(self.matrix.T @ self.matrix, directed=False)
        self.components = _groups(labels, n)
        self.label = labels
        # Every row holds an unknown; its first names the row's component.
        self._rows = _groups(labels[self.matrix.indices[self.matrix.indptr[:-1]]], n)

    def rows(self, component: int) -> np.ndarray:
        """The rows (instances) that hold a component's cells."""
        return self._rows[component]

    def part(self, component: int):
        """One component's rows, and its equations as a :class:`Programme`."""
        members, rows = self.components[component], self._rows[component]
        matrix = self.matrix[rows][:, members]
        return rows, Programme(matrix, self.rhs[rows], self.low[members], self.high[members])


def _groups(labels: np.ndarray, n: int) -> list[np.ndarray]:
    """The positions holding each label 0..n-1, in order."""
    order = np.argsort(labels, kind="stable")
    starts = np.searchsorted(labels[order], np.arange(n + 1))
    return [order[starts[c] : starts[c + 1]] for c in range(n)]


def pinned(
    exact: np.ndarray,
    known: Knowledge,
    rel: relations.Instances,
    targets: np.ndarray | None = None,
    settled: dict | None = None,
    reasons: dict | None = None,
) -> np.ndarray:
    """The cells among ``targets`` that a reader can pin to one whole value.

    Bounds are first tightened by :func:`propagate`; what that leaves open is
    settled by linear programmes over each component of the unknowns.

    Parameters
    ----------
    exact : numpy.ndarray
        Every cell's true count (a solution of every relation).
    known : Knowledge
        What a reader knows of each cell.
    rel : Instances
        The relation instances over the cells.
    targets : numpy.ndarray of bool, optional
        The cells to test (default: every unknown cell).
    settled : dict, optional
        Components already solved, by their equations, kept between calls.
    reasons : dict, optional
        Filled with ``{cell: (ceiling, floor)}``: for each cell a linear
        programme pins, the instances its bounds rest on.

    Returns
    -------
    numpy.ndarray of bool
        ``True`` for each target cell with fewer than two whole values possible.

    Raises ``RelationsInconsistent`` where the true counts break a relation.

    Examples
    --------
    Band 8A: White 50 and total 52 published, BME 1 and Unknown 1 withheld.
    ``BME + Unknown = 2`` with each at least 1 pins both at 1.

    >>> import pandas as pd
    >>> cells = pd.DataFrame({"entity": "T1", "year": 2016, "measure": "staff",
    ...     "breakdown": "Clinical|Band 8A", "ethnic_group": ["White", "BME", "Unknown", "All"],
    ...     "count": [50, 1, 1, 52]})
    >>> withheld = np.array([False, True, True, False])
    >>> k = under_suppression(np.array([50, np.nan, np.nan, 52]), withheld)
    >>> pinned(np.array([50.0, 1, 1, 52]), k, relations.instances(cells)).tolist()
    [False, True, True, False]
    """
    exact = np.asarray(exact, dtype=float)
    targets = known.unknown if targets is None else targets & known.unknown
    if ((exact < known.low) | (exact > known.high))[known.unknown].any():
        raise RelationsInconsistent("a true count lies outside what a reader is told of it")
    known = propagate(known, rel)
    out = targets & ~(known.high - known.low >= 1)
    open_ = targets & ~out
    if open_.any():
        out |= _linear(exact, known, rel, open_, {} if settled is None else settled, reasons)
    return out


def _linear(exact, known: Knowledge, rel: relations.Instances, targets, settled, reasons):
    """Linear programmes over each component of the unknowns that holds a target."""
    out = np.zeros(len(exact), dtype=bool)
    system = System(known, rel)
    x_true = exact[system.variables]
    if (np.abs(system.matrix @ x_true - system.rhs) > TOLERANCE).any():
        raise RelationsInconsistent("the counts do not satisfy their relations")
    is_target = targets[system.variables]
    for component, members in enumerate(system.components):
        if not is_target[members].any():
            continue
        rows = system.rows(component)
        if len(rows) < 2:  # one relation alone: propagate has its exact range already
            continue
        key = _fingerprint(
            system.variables[members],
            system.instances[rows],
            system.rhs[rows],
            system.low[members],
            system.high[members],
        )
        if key not in settled:
            _, programme = system.part(component)
            settled[key] = _programmes(programme, x_true[members], system.high[members])
        stuck, why = settled[key]
        out[system.variables[members]] = stuck & is_target[members]
        if reasons is not None:
            for j, sides in why.items():
                cell = int(system.variables[members[j]])
                reasons[cell] = tuple(system.instances[rows[local]] for local in sides)
    return out


def _fingerprint(*parts) -> bytes:
    """A component's equations as bytes: the same bytes, the same answer."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(np.ascontiguousarray(part).tobytes())
    return digest.digest()


class Bindings:
    """The relation instances that hold pinned cells' greatest (or least) values.

    For a pinned cell, the linear programme that raises (or lowers) it as far
    as it will go; the instances with a nonzero dual value are those its
    ceiling (or floor) rests on, and a further withheld cell in one of them
    lets it move. One programme per component serves every cell in it.

    Parameters
    ----------
    system : System
        The equations, as :class:`System` makes them from what a reader knows.
    """

    def __init__(self, system: System):
        self.system = system
        self._parts: dict[int, tuple] = {}

    def __call__(self, cell: int, upwards: bool = True) -> np.ndarray:
        """Instance numbers (as in ``rel.instance``) holding ``cell``'s ceiling (or floor)."""
        system = self.system
        column = int(np.searchsorted(system.variables, cell))
        component = int(system.label[column])
        if component not in self._parts:
            self._parts[component] = system.part(component)
        rows, programme = self._parts[component]
        members = system.components[component]
        answer = programme.solve((members == column).astype(float) * (-1.0 if upwards else 1.0))
        if not answer.bounded:
            return system.instances[rows]  # no bound to explain: every relation may help
        return system.instances[rows[np.abs(answer.row_dual) > TOLERANCE]]


def _programmes(programme: Programme, x_true: np.ndarray, high: np.ndarray):
    """Linear programmes over one component, each solution proving what moves.

    Returns the stuck cells (fewer than two values) and, for each, the rows
    its ceiling and its floor rest on (nonzero duals of the programmes that
    raise and lower it).
    """
    moved = np.zeros(len(x_true), dtype=bool)

    def prove(objective):
        answer = programme.solve(objective)
        if answer.bounded:
            moved[np.abs(answer.x - x_true) >= 1 - TOLERANCE] = True
        return answer

    _together(prove, moved, np.isfinite(high))
    reasons: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for j in np.flatnonzero(~moved):
        objective = np.zeros(len(x_true))
        objective[j] = -1.0
        ceiling = prove(objective)
        if not ceiling.bounded:
            moved[j] = True  # no ceiling: the cell can rise by 1
            continue
        floor = prove(-objective)
        if not moved[j]:
            reasons[j] = tuple(
                np.flatnonzero(np.abs(a.row_dual) > TOLERANCE) for a in (ceiling, floor)
            )
    return ~moved, reasons


def _together(prove, moved: np.ndarray, finite_high: np.ndarray) -> None:
    """Raise, then lower, every cell not yet shown to move, while that moves any."""
    for sign in (-1.0, 1.0):
        while True:
            left = ~moved & (finite_high if sign < 0 else True)
            before = int(moved.sum())
            if not left.any() or not prove(sign * left.astype(float)).bounded:
                break
            if moved.sum() == before:
                break

"""One linear programme, solved again and again with new objectives (HiGHS).

The audit of withheld cells asks many questions of the same equations: how
far can this cell rise, how far can that one fall. HiGHS, through its own
Python interface (``highspy``), keeps the model and its last basis between
solves, so each question after the first costs a few simplex steps rather
than a new model (``scipy.optimize.linprog`` builds one per call).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class Solution:
    """A programme's answer: ``x`` is None where the objective has no bound."""

    bounded: bool
    x: np.ndarray | None
    row_dual: np.ndarray | None


class ProgrammeError(RuntimeError):
    """HiGHS found no solution: the equations and bounds contradict each other."""


@contextlib.contextmanager
def _quiet_stdout():
    """HiGHS writes its banner to the process's standard output once, from C++."""
    try:
        fd = os.dup(1)
    except OSError:  # no standard output to protect
        yield
        return
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(fd, 1)
            os.close(fd)


class Programme:
    """Equations ``matrix @ x = rhs`` with ``low <= x <= high``, to be optimised.

    Examples
    --------
    ``x0 + x1 = 5`` and ``x1 + x2 = 6``, every x at least 1: x0 rises to 4.

    >>> p = Programme(sparse.csr_matrix([[1.0, 1, 0], [0, 1, 1]]), np.array([5.0, 6]),
    ...               np.ones(3), np.full(3, np.inf))
    >>> p.solve(np.array([-1.0, 0, 0])).x.tolist()
    [4.0, 1.0, 5.0]
    >>> p.solve(np.array([0.0, 0, -1])).x[2]
    np.float64(5.0)
    """

    def __init__(self, matrix, rhs: np.ndarray, low: np.ndarray, high: np.ndarray):
        import highspy

        self._highspy = highspy
        with _quiet_stdout():
            self._h = highspy.Highs()
        self._h.setOptionValue("output_flag", False)
        inf = highspy.kHighsInf
        csc = sparse.csc_matrix(matrix)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = csc.shape[1], csc.shape[0]
        lp.col_cost_ = np.zeros(csc.shape[1])
        lp.col_lower_ = np.where(np.isinf(low), -inf, low).astype(float)
        lp.col_upper_ = np.where(np.isinf(high), inf, high).astype(float)
        lp.row_lower_ = lp.row_upper_ = np.asarray(rhs, dtype=float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = csc.indptr
        lp.a_matrix_.index_ = csc.indices
        lp.a_matrix_.value_ = csc.data.astype(float)
        self._h.passModel(lp)
        self._columns = np.arange(csc.shape[1], dtype=np.int32)

    def solve(self, objective: np.ndarray) -> Solution:
        """Minimise ``objective @ x``."""
        h, status = self._h, self._highspy.HighsModelStatus
        h.changeColsCost(len(self._columns), self._columns, np.asarray(objective, dtype=float))
        h.run()
        model = h.getModelStatus()
        if model == status.kUnbounded:
            return Solution(False, None, None)
        if model != status.kOptimal:
            raise ProgrammeError(f"a linear programme failed: {h.modelStatusToString(model)}")
        solution = h.getSolution()
        return Solution(True, np.array(solution.col_value), np.array(solution.row_dual))

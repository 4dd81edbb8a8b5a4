"""What a reader can work out of withheld cells, on cases worked by hand.

Each case is small enough to solve on paper; the comment beside it is the
working. The reader knows every published cell and, of a withheld one, that
it is a whole number of at least 1 (0 is always published).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from wres_helpers.figures import bounds, recoverable, relations, secondary
from wres_helpers.figures.programme import Programme, ProgrammeError


def _instances(*equations) -> relations.Instances:
    """Relation instances from ``(total, [parts])`` tuples of cell numbers."""
    cell, instance, is_total = [], [], []
    for i, (total, parts) in enumerate(equations):
        for c in [total, *parts]:
            cell.append(c)
            instance.append(i)
            is_total.append(c == total)
    family = np.array(["test"] * len(equations), dtype=object)
    return relations.Instances(np.array(cell), np.array(instance), np.array(is_total), family)


def test_three_relations_pin_what_no_single_one_does():
    """x0 + x1 = 10, x1 + x2 = 12, x0 + x2 = 8, every x withheld, the totals published.

    Each relation has two withheld cells, so differencing one relation at a
    time finds nothing. Together: adding all three, 2(x0 + x1 + x2) = 30, so
    x0 + x1 + x2 = 15 and x2 = 15 - 10 = 5, x0 = 15 - 12 = 3, x1 = 15 - 8 = 7.
    """
    exact = np.array([3.0, 7, 5, 10, 12, 8])
    rel = _instances((3, [0, 1]), (4, [1, 2]), (5, [0, 2]))
    withheld = np.array([True, True, True, False, False, False])
    known = recoverable.under_suppression(np.where(withheld, np.nan, exact), withheld)
    assert recoverable.pinned(exact, known, rel).tolist() == [True, True, True] + [False] * 3


def test_two_relations_that_leave_room_pin_nothing():
    """x0 + x1 = 10 and x1 + x2 = 12: x1 runs from 1 to 9 (x0 = 10 - x1, x2 = 12 - x1)."""
    exact = np.array([3.0, 7, 5, 10, 12])
    rel = _instances((3, [0, 1]), (4, [1, 2]))
    withheld = np.array([True, True, True, False, False])
    known = recoverable.under_suppression(np.where(withheld, np.nan, exact), withheld)
    assert not recoverable.pinned(exact, known, rel).any()


def test_the_floor_of_one_pins_two_withheld_parts():
    """Band: White 50 published, BME 1 and Unknown 1 withheld, total 52 published.

    No relation has a lone withheld cell, yet BME + Unknown = 2 with each at
    least 1 leaves only BME = Unknown = 1: the bounds attack.
    """
    exact = np.array([50.0, 1, 1, 52])
    rel = _instances((3, [0, 1, 2]))
    withheld = np.array([False, True, True, False])
    known = recoverable.under_suppression(np.where(withheld, np.nan, exact), withheld)
    assert bounds.propagate(known, rel).high.tolist() == [50, 1, 1, 52]
    assert recoverable.pinned(exact, known, rel).tolist() == [False, True, True, False]


def test_the_floor_and_a_second_relation_pin_a_cell_together():
    """A 2 x 2 table of withheld cells with its four margins published.

    a + b = 9, c + d = 10, a + c = 2, b + d = 17. From a + c = 2 and both at
    least 1, a = c = 1; then b = 8 and d = 9: all four pinned, though each
    margin has two withheld cells. With a + c = 3 instead, a is 1 or 2
    (c = 3 - a, b = 9 - a, d = 7 + a): nothing is pinned.
    """
    rel = _instances((4, [0, 1]), (5, [2, 3]), (6, [0, 2]), (7, [1, 3]))
    withheld = np.array([True] * 4 + [False] * 4)
    tight = np.array([1.0, 8, 1, 9, 9, 10, 2, 17])
    loose = np.array([1.0, 8, 2, 8, 9, 10, 3, 16])
    for exact, expect in ((tight, True), (loose, False)):
        known = recoverable.under_suppression(np.where(withheld, np.nan, exact), withheld)
        assert recoverable.pinned(exact, known, rel)[:4].tolist() == [expect] * 4


def test_counts_that_break_their_relation_are_refused():
    """3 + 4 is not 8: the true counts must satisfy the relations they are audited under."""
    exact = np.array([3.0, 4, 8])
    rel = _instances((2, [0, 1]))
    withheld = np.array([True, True, False])
    known = recoverable.under_suppression(np.where(withheld, np.nan, exact), withheld)
    with pytest.raises(recoverable.RelationsInconsistent):
        recoverable.pinned(exact, known, rel)


def test_reasons_name_the_relations_that_pin_a_cell():
    """In the three-relation case, x0's ceiling rests on every relation (x0 = 15 - 12)."""
    exact = np.array([3.0, 7, 5, 10, 12, 8])
    rel = _instances((3, [0, 1]), (4, [1, 2]), (5, [0, 2]))
    withheld = np.array([True, True, True, False, False, False])
    known = recoverable.under_suppression(np.where(withheld, np.nan, exact), withheld)
    reasons: dict = {}
    recoverable.pinned(exact, known, rel, reasons=reasons)
    ceiling, floor = reasons[0]
    assert sorted(ceiling.tolist()) == [0, 1, 2]
    assert sorted(floor.tolist()) == [0, 1, 2]


def _band(counts: dict) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "entity": "T1",
            "year": 2016,
            "measure": "staff",
            "breakdown": "Clinical|Band 5",
            "ethnic_group": list(counts),
            "count": list(counts.values()),
        }
    )


def test_secondary_suppression_defeats_the_floor_of_one():
    """White 50, BME 1, Unknown 1, All 52: primary suppression withholds BME and Unknown.

    A reader would pin both at 1 (BME + Unknown = 2). The cheapest further
    cell is the smallest other nonzero part before the total: White 50. Then
    White + BME + Unknown = 52 leaves BME 1 or 2 (White 50 or 49).
    """
    cells = _band({"White": 50, "BME": 1, "Unknown": 1, "All": 52})
    exact = cells["count"].to_numpy(float)
    small = (exact >= 1) & (exact <= 7)
    table = cells.assign(count=np.where(small, np.nan, exact), suppressed=small)
    withheld = secondary.suppress(table, {}, np.zeros(4, bool), exact)
    assert withheld.tolist() == [True, True, True, False]


def test_secondary_suppression_stops_with_an_error_when_nothing_can_free_a_cell():
    """BME 1 and Unknown 1 withheld beside a White count that may not be withheld (frozen)."""
    cells = _band({"White": 50, "BME": 1, "Unknown": 1, "All": 52})
    exact = cells["count"].to_numpy(float)
    small = (exact >= 1) & (exact <= 7)
    table = cells.assign(count=np.where(small, np.nan, exact), suppressed=small)
    frozen = np.array([True, False, False, True])
    with pytest.raises(secondary.DisclosureError, match="can be worked out"):
        secondary.suppress(table, {}, frozen, exact)


def test_a_programme_with_no_ceiling_says_so():
    """x0 - x1 = 0 with both at least 1: x0 rises without end."""
    p = Programme(sparse.csr_matrix([[1.0, -1.0]]), np.array([0.0]), np.ones(2), np.full(2, np.inf))
    assert not p.solve(np.array([-1.0, 0.0])).bounded
    assert p.solve(np.array([1.0, 0.0])).x.tolist() == [1.0, 1.0]


def test_a_programme_with_no_solution_is_an_error():
    """x0 + x1 = 1 with both at least 1 has no solution."""
    p = Programme(sparse.csr_matrix([[1.0, 1.0]]), np.array([1.0]), np.ones(2), np.full(2, np.inf))
    with pytest.raises(ProgrammeError):
        p.solve(np.array([1.0, 0.0]))

"""Cell suppression's secondary step: no withheld count may be worked out from what is published.

It reads the one declaration of relations
(:func:`wres_helpers.figures.relations.instances`) and works on every relation
instance at once with array operations.

Two steps, repeated until neither finds anything:

1. **Single relations.** Wherever an instance has exactly one withheld cell, a
   further cell of it is withheld: the smallest other nonzero part, or else the
   total ("lose least"); a White or BME count that a headline likelihood rests
   on (indicators 2-4) is the last choice, since withholding it loses the
   likelihood.
2. **Every relation at once.** A reader who combines relations, and who knows
   that a withheld cell is at least 1 (0 is always published), may still pin
   a cell (:mod:`wres_helpers.figures.recoverable`:
   bounds propagated over every relation, then linear programmes). For each
   pinned cell, the cheapest further cell in one of its relations is withheld,
   by the same order.

Each round withholds at least one more cell, so there are at most as many
rounds as cells; a pinned cell with nothing left to withhold beside it stops
the run with :class:`DisclosureError` naming it. Organisations are settled
first, each from its own cells only, so that an organisation's figures never
depend on which others share its extract; clusters are settled second,
withholding only cluster cells.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_helpers import vocab
from wres_helpers.figures import recoverable, relations


class DisclosureError(RuntimeError):
    """Secondary suppression found a withheld cell it cannot protect."""


def complements(
    values: np.ndarray,
    withheld: np.ndarray,
    rel: relations.Instances,
    eligible: np.ndarray,
    headline: np.ndarray | None = None,
) -> np.ndarray:
    """Withhold complementary cells until no instance has exactly one withheld cell.

    Parameters
    ----------
    values : numpy.ndarray
        Each cell's count (only cells not withheld are read).
    withheld : numpy.ndarray of bool
        Cells withheld so far.
    rel : Instances
        The relation instances over the cells.
    eligible : numpy.ndarray of bool
        Cells that may be withheld as complements.
    headline : numpy.ndarray of bool, optional
        Cells a headline likelihood rests on: chosen only where no other cell can be.

    Returns
    -------
    numpy.ndarray of bool
        The cells withheld, a superset of ``withheld``.

    Raises
    ------
    DisclosureError
        Where an instance with one withheld cell has no cell left to withhold.
    """
    withheld = withheld.copy()
    cell, inst = rel.cell, rel.instance
    positive = np.nan_to_num(values, nan=0.0) > 0
    for _ in range(len(values) + 1):
        seen = np.bincount(inst, weights=withheld[cell], minlength=len(rel))
        needy = seen == 1
        if not needy.any():
            return withheld
        cand = np.flatnonzero(needy[inst] & ~withheld[cell] & eligible[cell] & positive[cell])
        costly = np.zeros(len(cand), bool) if headline is None else headline[cell[cand]]
        order = np.lexsort((values[cell[cand]], rel.is_total[cand], costly, inst[cand]))
        cand = cand[order]
        chosen_inst, first = np.unique(inst[cand], return_index=True)
        stuck = np.setdiff1d(np.flatnonzero(needy), chosen_inst)
        if len(stuck):
            raise DisclosureError(
                f"{len(stuck)} relation(s), e.g. '{rel.family[stuck[0]]}', have one withheld "
                "cell and no other cell that may be withheld"
            )
        withheld[cell[cand[first]]] = True
    raise DisclosureError("secondary suppression did not settle")  # each round adds a cell


def suppress(
    table: pd.DataFrame,
    clusters: dict,
    frozen: np.ndarray,
    exact: np.ndarray,
) -> np.ndarray:
    """Cell suppression's secondary step over a published cell table.

    Parameters
    ----------
    table : pandas.DataFrame
        Cells (rows 0..n-1) with ``count`` (NaN where withheld) and
        ``suppressed`` (the small counts, as primary suppression left them).
    clusters : dict
        ``{cluster: (member, ...)}``.
    frozen : numpy.ndarray of bool
        Cells never withheld (the board, unless it is suppressed like any count).
    exact : numpy.ndarray
        Every cell's true count.

    Returns
    -------
    numpy.ndarray of bool
        Every withheld cell.
    """
    withheld = table["suppressed"].to_numpy(dtype=bool)
    step = _Settling(np.asarray(exact, dtype=float), headline_cells(table))
    rel = relations.instances(table, clusters)
    in_cluster = table["entity"].isin(set(dict(clusters))).to_numpy()
    # Organisations: only instances wholly within one organisation's cells.
    touches = np.bincount(rel.instance, weights=in_cluster[rel.cell], minlength=len(rel)) > 0
    keep = ~touches[rel.instance]
    own = relations.Instances(rel.cell[keep], rel.instance[keep], rel.is_total[keep], rel.family)
    withheld = step.settle(withheld, own, ~frozen & ~in_cluster)
    # Clusters: only a cluster's own cells, and not one that is the sum of its members'
    # published cells (withholding it would hide nothing).
    across = np.isin(rel.family, [f.name for f in relations.FAMILIES if f.across_members])
    member_row = across[rel.instance] & ~rel.is_total
    hides = np.bincount(
        rel.instance[member_row], weights=withheld[rel.cell[member_row]], minlength=len(rel)
    )
    summed = across[rel.instance] & rel.is_total & (hides[rel.instance] == 0)
    eligible = in_cluster.copy()
    eligible[rel.cell[summed]] = False
    return step.settle(withheld, rel, eligible & ~frozen)


class _Settling:
    """Secondary suppression's loop over one set of relations and eligible cells."""

    def __init__(self, exact: np.ndarray, headline: np.ndarray):
        self.exact = exact
        self.headline = headline
        self.settled: dict = {}  # components the linear programmes have solved

    def settle(self, withheld, rel, eligible) -> np.ndarray:
        for _ in range(len(withheld) + 1):
            withheld = complements(self.exact, withheld, rel, eligible, self.headline)
            known = recoverable.under_suppression(self.exact, withheld)
            bounds = recoverable.propagate(known, rel)
            stuck = withheld & ~(bounds.high - bounds.low >= 1)
            if stuck.any():  # pinned by single relations: their instances say where
                more = self.cheapest(stuck, known, rel, eligible, bounds)
            else:
                reasons: dict = {}
                stuck = recoverable.pinned(self.exact, bounds, rel, withheld, self.settled, reasons)
                if not stuck.any():
                    return withheld
                more = self.cheapest(stuck, known, rel, eligible, reasons=reasons)
            if not (more & ~withheld).any():
                raise DisclosureError("secondary suppression found no further cell to withhold")
            withheld = withheld | more
        raise DisclosureError("secondary suppression did not settle")  # each round adds a cell

    def cheapest(self, stuck, known, rel, eligible, bounds=None, reasons=None):
        """One further cell for each pinned cell: the cheapest in a relation that pins it.

        The relations that pin a cell are, where single relations pin it
        (``bounds`` is what they leave), those that hold its bounds
        (:func:`recoverable.holding`), and otherwise those its linear
        programme's bound rests on (:class:`recoverable.Bindings`); where
        none of those has a cell that may be withheld, any relation of its
        component. A cell that gets none this round is looked at again in the
        next, after the cells chosen for the others.
        """
        open_ = ~known.unknown & eligible & (self.exact > 0)
        out = np.zeros(len(stuck), dtype=bool)
        left = stuck.copy()
        for upwards in (True, False):
            if bounds is not None:
                rows = recoverable.holding(bounds, rel, left, upwards)
                pairs = pd.DataFrame({"stuck": rel.cell[rows], "instance": rel.instance[rows]})
            elif reasons:
                side = 0 if upwards else 1
                pairs = pd.DataFrame(
                    [(c, i) for c in np.flatnonzero(left) for i in reasons[c][side]],
                    columns=["stuck", "instance"],
                    dtype=int,
                )
            else:
                pairs = self._bound_rows(left, known, rel, upwards)
            chosen = self._choose(pairs, rel, open_)
            out[chosen["cell"].to_numpy()] = True
            left[chosen["stuck"].to_numpy()] = False
            if not left.any():
                return out
        if out.any():
            return out  # the rest may be freed by these: the next round looks again
        if bounds is not None:  # a linear programme says what pins them
            return self.cheapest(left, known, rel, eligible)
        # No open cell where the bounds rest: any relation that joins the cell to others.
        chosen = self._choose(self._component_rows(left, known, rel), rel, open_)
        if len(chosen):
            out[chosen["cell"].to_numpy()] = True
            return out
        raise DisclosureError(
            f"a withheld cell (row {np.flatnonzero(left)[0]}) can be worked out and no cell "
            "in the relations that pin it may be withheld"
        )

    @staticmethod
    def _component_rows(cells, known, rel) -> pd.DataFrame:
        system = recoverable.System(known, rel)
        found = []
        for c in np.flatnonzero(cells):
            component = system.label[np.searchsorted(system.variables, c)]
            found += [(c, i) for i in system.instances[system.rows(component)]]
        return pd.DataFrame(found, columns=["stuck", "instance"], dtype=int)

    @staticmethod
    def _bound_rows(cells, known, rel, upwards) -> pd.DataFrame:
        binding = recoverable.Bindings(recoverable.System(known, rel))
        found = [(c, i) for c in np.flatnonzero(cells) for i in binding(c, upwards)]
        return pd.DataFrame(found, columns=["stuck", "instance"], dtype=int)

    def _choose(self, pairs: pd.DataFrame, rel, open_) -> pd.DataFrame:
        """For each stuck cell, the cheapest open cell of the instances paired with it."""
        rows = np.flatnonzero(open_[rel.cell])
        c = rel.cell[rows]
        candidates = pd.DataFrame(
            {
                "instance": rel.instance[rows],
                "cell": c,
                "headline": self.headline[c],
                "is_total": rel.is_total[rows],
                "value": self.exact[c],
            }
        )
        joined = pairs.merge(candidates, on="instance")
        joined = joined.sort_values(
            ["stuck", "headline", "is_total", "value", "cell"], kind="stable"
        )
        return joined.drop_duplicates("stuck")[["stuck", "cell"]]


#: The counts indicators 2-4 rest on: their White and BME cases and denominators.
HEADLINE_MEASURES = ("shortlisted", "appointed", "disciplinary", "training", "disciplinary_2y")


def headline_cells(table: pd.DataFrame) -> np.ndarray:
    """Cells that the headline figures rest on: the last choice of complement.

    The White and BME counts of the likelihoods (indicators 2-4) and of the
    whole workforce: withholding one loses a likelihood, its interval and its
    verdict, where withholding the group's ``All`` or ``Unknown`` loses at
    most a self-reporting rate. And the BME count of each senior group (Band
    8A and above, Band 8C and above, VSM), whose BME share the Model Employer
    strategy tracks: beside a withheld Unknown, the White count goes first.
    """
    group = table["ethnic_group"].isin(["White", "BME"]).to_numpy()
    events = table["measure"].isin(HEADLINE_MEASURES).to_numpy()
    staff = table["measure"].isin(["staff", "staff_2y"]).to_numpy()
    whole = (table["breakdown"] == "All|All").to_numpy()
    senior = (
        table["breakdown"].isin(vocab.SENIOR_BREAKDOWNS) & (table["ethnic_group"] == "BME")
    ).to_numpy()
    return (group & (events | (staff & whole))) | (staff & senior)

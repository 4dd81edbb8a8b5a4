"""Secondary suppression: no withheld count may be worked out from what is published.

Both methods read the one declaration of relations
(:func:`wres_helpers.figures.relations.instances`) and work on every relation
instance at once with array operations, so a national extract takes seconds.

Under cell suppression, wherever an instance has exactly one withheld cell, a
further cell of it is withheld: the smallest other nonzero part, or else the
total ("lose least"); a White or BME count that a headline likelihood rests on
(indicators 2-4) is the last choice, since withholding it loses the
likelihood. This is repeated until no instance has exactly one withheld cell,
so that no count can be solved for from a single relation; each round
withholds at least one more cell, so there are at most as many rounds as
cells. Organisations are settled first, each from its own cells only, so that
an organisation's figures never depend on which others share its extract;
clusters are settled second, withholding only cluster cells, and only those
that some withheld member cell already protects. The staff survey's
percentages, which give away positive answers beside published respondents,
are settled last, the same way (:func:`protect_survey`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_helpers import vocab
from wres_helpers.figures import relations


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


def suppress(table: pd.DataFrame, clusters: dict, frozen: np.ndarray) -> np.ndarray:
    """Cell suppression's secondary step over a published cell table.

    Parameters
    ----------
    table : pandas.DataFrame
        Cells (rows 0..n-1) with ``count`` (NaN where withheld) and ``suppressed``.
    clusters : dict
        ``{cluster: (member, ...)}``.
    frozen : numpy.ndarray of bool
        Cells never withheld (the board, unless it is suppressed like any count).

    Returns
    -------
    numpy.ndarray of bool
        Every withheld cell.
    """
    values = table["count"].to_numpy(dtype=float)
    withheld = table["suppressed"].to_numpy(dtype=bool)
    rel = relations.instances(table, clusters)
    in_cluster = table["entity"].isin(set(dict(clusters))).to_numpy()
    # Organisations: only instances wholly within one organisation's cells.
    touches = np.bincount(rel.instance, weights=in_cluster[rel.cell], minlength=len(rel)) > 0
    keep = ~touches[rel.instance]
    own = relations.Instances(rel.cell[keep], rel.instance[keep], rel.is_total[keep], rel.family)
    headline = headline_cells(table)
    withheld = complements(values, withheld, own, ~frozen & ~in_cluster, headline)
    # Clusters: a cluster cell may be withheld where a member's cell already is.
    across = np.isin(rel.family, [f.name for f in relations.FAMILIES if f.across_members])
    member_row = across[rel.instance] & ~rel.is_total
    protected = (
        np.bincount(
            rel.instance[member_row], weights=withheld[rel.cell[member_row]], minlength=len(rel)
        )
        > 0
    )
    total_row = across[rel.instance] & rel.is_total & protected[rel.instance]
    eligible = np.zeros(len(table), dtype=bool)
    eligible[rel.cell[total_row]] = True
    return complements(values, withheld, rel, eligible & ~frozen, headline)


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


def feasible_range(published: np.ndarray, policy) -> tuple[np.ndarray, np.ndarray]:
    """Under rounding, the exact counts each published count could have come from.

    Examples
    --------
    >>> from wres_helpers.figures.disclosure import Policy
    >>> low, high = feasible_range(np.array([0, np.nan, 10, 105]), Policy(method="rounding"))
    >>> low.tolist(), high.tolist()
    ([0.0, 1.0, 8.0, 103.0], [0.0, 7.0, 12.0, 107.0])
    """
    b = policy.rounding_base
    low = np.maximum(np.ceil(published - b / 2), policy.max_suppressed + 1)
    high = np.ceil(published + b / 2) - 1
    low = np.where(published == 0, 0, low)
    high = np.where(published == 0, 0, high)
    low = np.where(np.isnan(published), 1, low)
    high = np.where(np.isnan(published), policy.max_suppressed, high)
    return low, high


def protect_rounded(table: pd.DataFrame, clusters: dict, policy, frozen: np.ndarray) -> np.ndarray:
    """Rounding's secondary step: withhold any total that would pin a withheld part.

    For each instance, every exact value a withheld part could take is worked
    out from the feasible ranges of the total and the other parts; where fewer
    than two remain, the total is withheld too. Repeated until nothing changes
    (each round withholds at least one more cell, so at most as many rounds as
    cells).
    """
    published = table["count"].to_numpy(dtype=float).copy()
    withheld = table["suppressed"].to_numpy(dtype=bool).copy()
    rel = relations.instances(table, clusters)
    parts = ~rel.is_total
    total_cell = np.full(len(rel), -1)
    total_cell[rel.instance[rel.is_total]] = rel.cell[rel.is_total]
    p_cell, p_inst = rel.cell[parts], rel.instance[parts]
    for _ in range(len(table) + 1):
        low, high = feasible_range(published, policy)
        sum_low = np.bincount(p_inst, weights=low[p_cell], minlength=len(rel))
        sum_high = np.bincount(p_inst, weights=high[p_cell], minlength=len(rel))
        t = total_cell[p_inst]
        part_low = np.maximum(low[p_cell], low[t] - (sum_high[p_inst] - high[p_cell]))
        part_high = np.minimum(high[p_cell], high[t] - (sum_low[p_inst] - low[p_cell]))
        pinned = withheld[p_cell] & (part_high - part_low < 1)
        newly = np.zeros(len(table), dtype=bool)
        newly[t[pinned]] = True
        newly &= ~withheld & ~frozen
        if not newly.any():
            return withheld
        withheld |= newly
        published[newly] = np.nan
    raise DisclosureError("rounding protection did not settle")  # each round adds a cell


def protect_survey(survey: pd.DataFrame, clusters: dict) -> pd.DataFrame:
    """Withhold a cluster's survey percentage that would give away one member's.

    A published percentage beside its published respondents gives the number
    of positive answers, and a cluster's positive answers are its members' sum:
    where exactly one member's percentage is withheld for a question and group,
    the cluster's own would pin it. As with counts, the complement is the
    cluster's own figure, never another member's, so that a member's figures do
    not depend on who shares its extract. No other relation holds the survey's
    positive answers (the White and BME groups have no published total), so one
    pass settles every cluster.

    Parameters
    ----------
    survey : pandas.DataFrame
        ``entity, year, indicator, ethnic_group, pct, ci_low, ci_high,
        suppressed``, members' and clusters' rows alike.
    clusters : dict
        ``{cluster: (member, ...)}``.

    Returns
    -------
    pandas.DataFrame
        The table with each such cluster percentage blank and flagged.
    """
    key = ["year", "indicator", "ethnic_group"]
    survey = survey.reset_index(drop=True)
    pinning = []
    for cluster, members in clusters.items():
        mine = survey[survey["entity"].isin(members)]
        hidden = mine.groupby(key)["suppressed"].sum()
        alone = hidden[hidden == 1].index
        rows = survey[survey["entity"] == cluster].set_index(key).index.isin(alone)
        pinning.append(survey.index[survey["entity"] == cluster][rows])
    if not pinning:
        return survey
    pinned = np.concatenate([np.asarray(p) for p in pinning])
    survey.loc[pinned, ["pct", "ci_low", "ci_high"]] = np.nan
    survey.loc[pinned, "suppressed"] = True
    return survey

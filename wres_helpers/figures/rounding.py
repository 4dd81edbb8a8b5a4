"""Rounding's secondary step, and the staff survey's: what each withholds beyond small counts.

Under ``method: rounding`` a published count stands for a range of exact
counts (:func:`feasible_range`), and a total that would pin a withheld part is
withheld too (:func:`protect_rounded`). Under either method a cluster's survey
percentage that would give away one member's is withheld
(:func:`protect_survey`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_helpers.figures import relations
from wres_helpers.figures.secondary import DisclosureError


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

"""Whether a reader could work out a withheld count from the published counts.

The pages are checked to print only published values (:mod:`.checks`); this
checks the published counts themselves, as a reader holding every public
output would: each published cell, each withheld one at least 1, and every
declared relation at once (:func:`wres_helpers.figures.recoverable.pinned`:
bounds, then linear programmes over the joined relations). A withheld count
with fewer than two possible values is a finding.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from wres_helpers.batch.audit.page import Finding
from wres_helpers.figures import recoverable, relations
from wres_helpers.figures.disclosure import Policy

#: Audits already made in this process, by extract fingerprint and policy.
_DONE: dict[str, list[Finding]] = {}


def pinned_cells(cells: pd.DataFrame, exact: np.ndarray, clusters: dict, source: str):
    """Findings for each withheld cell of ``cells`` that a reader could pin.

    Parameters
    ----------
    cells : pandas.DataFrame
        Published cells: the relation key, ``count`` and ``suppressed``.
    exact : numpy.ndarray
        The true count of each cell, in the same order.
    clusters : dict
        ``{cluster: (member, ...)}``.
    source : str
        What the findings name as their file (the extract).
    """
    withheld = cells["suppressed"].to_numpy(dtype=bool)
    exact = np.asarray(exact, dtype=float)
    known = recoverable.under_suppression(np.where(withheld, np.nan, exact), withheld)
    rel = relations.instances(cells, clusters)
    try:
        found = recoverable.pinned(exact, known, rel)
    except recoverable.RelationsInconsistent as err:
        return [Finding(source, "published counts", f"they contradict their relations: {err}")]
    return [
        Finding(
            source,
            " ".join(str(cells.iloc[i][k]) for k in relations.KEY),
            "a withheld count a reader can work out from the published counts",
        )
        for i in np.flatnonzero(found)
    ]


def audit_extract(extract: str | Path, policy: Policy) -> list[Finding]:
    """The published counts of ``extract`` under ``policy``, checked by :func:`pinned_cells`.

    Under ``method: rounding`` every count is shown as a range, so there is
    nothing withheld to pin; that method's ranges are checked where they are
    made (:mod:`wres_helpers.figures.rounding`).
    """
    from wres_helpers.figures.engine import build, extract_fingerprint

    if policy.method != "suppression":
        return []
    key = f"{extract_fingerprint(extract, policy)}"
    if key not in _DONE:
        engine = build(extract, policy)
        counts = engine.exact.counts
        exact = counts.loc[counts["measure"] != "survey_positive"].reset_index(drop=True)
        cells = engine.published.cells()
        if not (exact[relations.KEY].to_numpy() == cells[relations.KEY].to_numpy()).all():
            raise ValueError("the published cells are not the exact cells' order")
        clusters = dict(engine.exact.clusters)
        _DONE[key] = pinned_cells(cells, exact["count"], clusters, f"extract {extract}")
    return _DONE[key]

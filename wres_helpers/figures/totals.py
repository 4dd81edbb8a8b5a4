"""Entities (organisations and clusters) and the totals counted from their counts.

A cluster's counts are the sums of its members' (only the members that
collected a table, for that table's figures). Every total is built from the one
declaration of relations in :mod:`wres_helpers.figures.relations`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_helpers import vocab
from wres_helpers.extract.validate import Extract
from wres_helpers.figures import relations

KEY = relations.KEY
#: Families whose figures rest on staff headcounts: a cluster's headcount for them
#: counts only the members that collected them (measure ``staff_<family>``).
HEADCOUNT_FAMILIES = relations.HEADCOUNT_MEASURES


@dataclass(frozen=True)
class Entities:
    """The entities reported on: organisations, and clusters of them."""

    table: pd.DataFrame  # entity, entity_name, entity_type, cluster, population_bme_pct

    def members(self, cluster: str) -> list[str]:
        t = self.table
        return sorted(
            t.loc[(t["cluster"] == cluster) & (t["entity_type"] != "cluster"), "entity"].tolist()
        )

    def name(self, entity: str) -> str:
        return str(self.table.set_index("entity").at[entity, "entity_name"])

    def kind(self, entity: str) -> str:
        return str(self.table.set_index("entity").at[entity, "entity_type"])


def entities(extract: Extract) -> Entities:
    """Every organisation, and every distinct ``cluster`` code as an entity of its own."""
    orgs = extract.organisations.copy()
    for column in ("cluster", "population_bme_pct", "region", "nhs_income_gbp"):
        if column not in orgs.columns:
            orgs[column] = None
    table = pd.DataFrame(
        {
            "entity": orgs["org_code"].astype(str),
            "entity_name": orgs["org_name"].astype(str),
            "entity_type": orgs["org_type"].astype(str),
            "cluster": orgs["cluster"],
            "population_bme_pct": orgs["population_bme_pct"].astype(float),
            "region": orgs["region"],
        }
    )
    clusters = sorted(c for c in orgs["cluster"].dropna().unique())
    extra = pd.DataFrame(
        {
            "entity": clusters,
            "entity_name": [f"{c} cluster" for c in clusters],
            "entity_type": "cluster",
            "cluster": clusters,
            "population_bme_pct": np.nan,
            "region": None,
        }
    )
    table = pd.concat([table, extra], ignore_index=True) if clusters else table
    return Entities(table.reset_index(drop=True))


def clusters_of(ents: Entities) -> dict[str, tuple[str, ...]]:
    """``{cluster: (member, ...)}`` for every cluster."""
    t = ents.table
    return {c: tuple(ents.members(c)) for c in t.loc[t["entity_type"] == "cluster", "entity"]}


def entity_counts(counts: pd.DataFrame, ents: Entities) -> pd.DataFrame:
    """Counts per entity: each organisation's own, and each cluster's members' sums.

    Where a member of a cluster did not collect a table that an indicator
    divides by staff headcount (disciplinary, training, board), the cluster
    also gets that indicator's own headcount, ``staff_<table>`` (breakdown
    ``All|All``), summed over the members that collected it.

    Returns
    -------
    pandas.DataFrame
        ``entity, year, measure, breakdown, ethnic_group, count``.
    """
    own = counts.rename(columns={"org_code": "entity"})
    clusters = clusters_of(ents)
    summed = relations.totals_of(relations.CLUSTER, own, clusters)
    return pd.concat([own, summed, _collecting_headcounts(own, clusters)], ignore_index=True)


def _collecting_headcounts(own: pd.DataFrame, clusters: dict) -> pd.DataFrame:
    members = relations.member_of(clusters)
    staff = own[(own["measure"] == "staff") & own["ethnic_group"].isin(vocab.ETHNIC_GROUPS)]
    staff = staff[staff["entity"].isin(set(members))]
    out = []
    for measure in HEADCOUNT_FAMILIES:
        have = own.loc[own["measure"] == measure, ["entity", "year"]].drop_duplicates()
        mine = staff[["entity", "year"]].drop_duplicates()
        flagged = mine.merge(have, how="left", indicator=True)
        lacking = flagged.loc[flagged["_merge"] == "left_only", ["entity", "year"]]
        if lacking.empty:
            continue
        short = lacking.assign(entity=lacking["entity"].map(members)).drop_duplicates()
        part = staff.merge(have).assign(measure=f"staff_{measure}", breakdown="All|All")
        part = part.assign(entity=part["entity"].map(members)).merge(short)
        out.append(part.groupby(KEY, sort=False)["count"].sum().reset_index())
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=KEY + ["count"])


def with_totals(counts: pd.DataFrame, clusters: dict = ()) -> pd.DataFrame:
    """Add every total the relations declare, summed from exact counts.

    Each total is a count in its own right, so that the publication rule
    treats it once rather than adding up published parts: the ``All`` group
    of every measure but the survey's, BME from the broad groups, staff
    totals (``<side>|All``, ``All|All``, the senior groups and ``All|VSM``),
    board totals, and two-year pools (``disciplinary_2y``, ``staff_2y``) of a
    year and the year before where both were reported. A cluster's two-year
    pool is blank where a member did not collect ``disciplinary`` in either
    year. A total already given (BME from a return) is kept as given.

    Parameters
    ----------
    counts : pandas.DataFrame
        Entity counts: ``entity, year, measure, breakdown, ethnic_group, count``.
    clusters : dict
        ``{cluster: (member, ...)}`` (the cluster relation's totals are made
        by :func:`entity_counts`, not here).
    """
    out = counts[KEY + ["count"]]
    for family in relations.FAMILIES:
        if family.across_members:
            continue
        made = relations.totals_of(family, out, clusters)
        out = pd.concat([out, made], ignore_index=True).drop_duplicates(KEY, keep="first")
    return _without_partial_pools(out).reset_index(drop=True)


def _without_partial_pools(out: pd.DataFrame) -> pd.DataFrame:
    partial = out.loc[out["measure"] == "staff_disciplinary", ["entity", "year"]]
    partial = pd.concat([partial, partial.assign(year=partial["year"] + 1)]).drop_duplicates()
    if partial.empty:
        return out
    pooled = out["measure"].isin(["disciplinary_2y", "staff_2y"])
    flagged = out.merge(partial.assign(_partial=True), on=["entity", "year"], how="left")
    return out[~(pooled & flagged["_partial"].fillna(False).to_numpy().astype(bool))]

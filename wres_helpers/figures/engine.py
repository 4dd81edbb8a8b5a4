"""The heavy work, once per extract: load, count, and compute every entity's indicators.

Reports read their slice of a cached result rather than recomputing it:
:func:`extract_fingerprint` keys the cache on the extract's files (names and
the SHA-256 hash of their bytes) and the policy.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from wres_helpers.extract.validate import Extract, load_extract
from wres_helpers.figures import counts as counts_mod
from wres_helpers.figures.disclosure import ExactCounts, Policy, PublishedCounts, publish
from wres_helpers.figures.indicators import IndicatorTable, exact_counts, indicator_table


@dataclass(frozen=True)
class Engine:
    """An extract's counts, entities and indicators for both audiences."""

    extract: Extract
    counts: pd.DataFrame
    entities: counts_mod.Entities
    exact: ExactCounts
    published: PublishedCounts
    internal: IndicatorTable
    public: IndicatorTable

    def table(self, audience: str) -> IndicatorTable:
        return self.public if audience == "public" else self.internal

    def cells(self, audience: str) -> pd.DataFrame:
        """Counts as the audience may see them (published counts for public)."""
        return (self.published if audience == "public" else self.exact).cells()

    def not_collected_members(self, entity: str, year: int, table: str) -> list[str]:
        """The organisations whose ``table`` for ``year`` was not collected, among
        ``entity`` (a cluster's members, or an organisation itself), so that a
        report can name those a pooled figure leaves out."""
        return not_collected_members(self.extract, self.entities, entity, year, table)


@contextlib.contextmanager
def few_collections():
    """Pause Python's cyclic garbage collector during bulk work.

    Aggregating millions of rows creates many short-lived objects with no
    reference cycles; collecting them in the middle costs more than the work
    itself (measured: aggregation takes half as long).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build(folder: str | Path, policy: Policy = Policy()) -> Engine:
    """Load an extract and compute everything the reports need, once."""
    with few_collections():
        return _build(folder, policy)


def _build(folder: str | Path, policy: Policy) -> Engine:
    from wres_helpers.figures.indicators import compute

    extract = load_extract(folder)
    counts = counts_mod.aggregate(extract)
    ents = counts_mod.entities(extract)
    exact = exact_counts(counts, ents, policy)
    published = publish(exact, policy)
    return Engine(
        extract, counts, ents, exact, published, compute(exact, ents), compute(published, ents)
    )


def not_collected_members(
    extract: Extract, ents: counts_mod.Entities, entity: str, year: int, table: str
) -> list[str]:
    """Members of ``entity`` (or the organisation itself) that did not collect ``table``.

    A table is not collected where ``not_collected`` lists it, or, in a
    ``wres_return``, where its measures have no rows for the organisation and
    year.

    Parameters
    ----------
    extract : Extract
        The validated extract.
    ents : Entities
        Its entities.
    entity : str
        A cluster or an organisation code.
    year : int
        The WRES year.
    table : str
        A table of the contract (``training``, ``disciplinary``, ``board``, ...).
    """
    family = counts_mod.family_of_table(table)
    kind = ents.kind(entity)
    members = ents.members(entity) if kind == "cluster" else [entity]
    missing = counts_mod.missing(extract)
    hit = missing[(missing["year"] == year) & (missing["family"] == family)]
    return sorted(set(hit["org_code"]) & set(members))


def indicators_for_extract(
    folder: str | Path, audience: str, entities=None, years=None, policy: Policy = Policy()
) -> IndicatorTable:
    """``wres indicators``: every (or the chosen) entity's indicators for one audience."""
    with few_collections():
        return _indicators_for_extract(folder, audience, entities, years, policy)


def _indicators_for_extract(folder, audience, entities, years, policy) -> IndicatorTable:
    extract = load_extract(folder)
    counts = counts_mod.aggregate(extract)
    ents = counts_mod.entities(extract)
    if years:
        # Indicator 3's two-year view needs the year before each chosen year.
        wanted = set(years) | {y - 1 for y in years}
        counts = counts[counts["year"].isin(wanted)]
    table = indicator_table(counts, ents, audience, policy)
    frame = table.frame
    if entities:
        unknown = sorted(set(entities) - set(ents.table["entity"]))
        if unknown:
            from wres_helpers.problems import InputError, Problem

            raise InputError(
                [
                    Problem(
                        "organisations",
                        None,
                        "org_code",
                        code,
                        "no organisation or cluster has this code",
                    )
                    for code in unknown
                ]
            )
        frame = frame[frame["entity"].isin(entities)]
    if years:
        frame = frame[frame["year"].isin(years)]
    return IndicatorTable(frame.reset_index(drop=True), table.audience, table.policy)


def file_digest(path: Path) -> str:
    """The SHA-256 hash of a file's bytes, read in blocks (hardware-accelerated on most CPUs)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def extract_fingerprint(folder: str | Path, policy: Policy) -> str:
    """A key that changes when any file of the extract, or the policy, changes.

    Keyed on the files' bytes, not their sizes and times: ``cp -p``,
    ``rsync -a`` and unzipping restore a modification time on changed data.
    """
    folder = Path(folder).resolve()
    parts = [(p.name, file_digest(p)) for p in sorted(folder.iterdir()) if p.is_file()]
    blob = json.dumps([str(folder), parts, asdict(policy)], default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]

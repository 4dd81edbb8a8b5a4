"""One entity's share of the prepared report data, so a kernel never loads the nation.

:func:`~wres_helpers.report.cache.prepare` computes every entity's figures
once per extract. A report's kernel needs only its own entity's rows (and, for
a cluster, its members'), plus two small tables shared by all: the entities'
names and types, and the funnels (every organisation's public likelihood and
denominator, the peers' headline figures that benchmarking draws). At national
scale the whole table is hundreds of megabytes; a slice is well under one.

A slice's folder name is a digest of the entity code, so an extract's codes
never choose a path.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pandas as pd

from wres_helpers.report.data import ReportData


def slice_name(entity: str) -> str:
    """The folder name of ``entity``'s slice: a digest, whatever characters the code holds.

    Examples
    --------
    >>> slice_name("RXX") == slice_name("RXX"), slice_name("RXX") == slice_name("RYY")
    (True, False)
    >>> "/" not in slice_name("../../etc") and "." not in slice_name("../../etc")
    True
    """
    return hashlib.sha256(str(entity).encode("utf-8")).hexdigest()[:24]


def slice_folder(full: Path) -> Path:
    """The folder inside a cache entry's report data that holds its per-entity slices."""
    return full / "slices"


def slice_path(full: Path, entity: str) -> Path:
    """Where ``entity``'s slice of the report data at ``full`` is written."""
    return slice_folder(full) / slice_name(entity)


def _members(entities: pd.DataFrame, entity: str) -> set[str]:
    """The entity itself, and its members when it is a cluster."""
    wanted = {entity}
    if "cluster" in entities.columns:
        is_cluster = (entities["entity"] == entity) & (entities["entity_type"] == "cluster")
        if is_cluster.any():
            members = entities[
                (entities["cluster"] == entity) & (entities["entity_type"] != "cluster")
            ]
            wanted |= set(members["entity"].astype(str))
    return wanted


def _rows_of(frame: pd.DataFrame | None, column: str, wanted: set[str]):
    if frame is None:
        return None
    return frame[frame[column].astype(str).isin(wanted)].reset_index(drop=True)


def for_entity(data: ReportData, entity: str) -> ReportData:
    """The report data one entity's report reads: its rows, its members', the shared tables.

    Parameters
    ----------
    data : ReportData
        One audience's report data for the whole extract.
    entity : str
        An organisation or cluster code of the extract.

    Returns
    -------
    ReportData
        The same audience and policy; ``indicators``, ``cells``, ``quality``,
        ``survey_sources``, ``settled_changes`` and ``providers`` keep only the entity's rows (and a
        cluster's members'); ``entities`` and ``funnels`` are kept whole.
    """
    wanted = _members(data.entities, entity)
    return replace(
        data,
        indicators=_rows_of(data.indicators, "entity", wanted),
        cells=_rows_of(data.cells, "entity", wanted),
        quality=_rows_of(data.quality, "entity", wanted),
        survey_sources=_rows_of(data.survey_sources, "entity", wanted),
        providers=_rows_of(data.providers, "commissioner_code", wanted),
        settled_changes=_rows_of(data.settled_changes, "entity", wanted),
    )


def split(data: ReportData):
    """Every entity's slice, as ``(entity, ReportData)`` pairs, grouping each table once.

    Equivalent to :func:`for_entity` for each entity, but each large table is
    grouped by entity once rather than filtered once per entity (at national
    scale that is the difference between seconds and minutes).
    """
    groups = {
        name: _grouped(getattr(data, name), "entity")
        for name in ("indicators", "cells", "quality", "survey_sources", "settled_changes")
    }
    groups["providers"] = _grouped(data.providers, "commissioner_code")
    for entity in data.entities["entity"].astype(str):
        wanted = sorted(_members(data.entities, entity))
        parts = {name: _pick(data, name, grouped, wanted) for name, grouped in groups.items()}
        yield entity, replace(data, **parts)


def _grouped(frame: pd.DataFrame | None, column: str) -> dict | None:
    if frame is None:
        return None
    return {str(k): v for k, v in frame.groupby(frame[column].astype(str), sort=False)}


def _pick(data: ReportData, name: str, grouped: dict | None, wanted: list[str]):
    """``name``'s rows of the wanted entities, in the full table's order."""
    frame = getattr(data, name)
    if grouped is None:
        return None
    parts = [grouped[w] for w in wanted if w in grouped]
    if not parts:
        return frame.iloc[0:0].reset_index(drop=True)
    return pd.concat(parts).sort_index().reset_index(drop=True)


def report_data_for(full: str | Path, entity: str) -> str:
    """The path a kernel is given: the entity's slice of the report data at ``full``.

    An entity the extract does not hold has no slice; its kernel gets the whole
    (and stops at once, saying the entity is not in the extract).
    """
    part = slice_path(Path(full), entity)
    return str(part if part.exists() else full)

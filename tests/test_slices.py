"""A report built from its entity's slice is the report built from the whole extract's data."""

from pathlib import Path

import pandas as pd
import pytest
from conftest import example_extract

from wres_helpers.figures.disclosure import Policy
from wres_helpers.report import slices
from wres_helpers.report.cache import load, prepare
from wres_helpers.report.cluster import ClusterReport
from wres_helpers.report.commissioner import CommissionerReport
from wres_helpers.report.params import ReportParams
from wres_helpers.report.provider import Report

#: One report of each type; the audience whose data differ most for that type.
CASES = [
    ("RX1", Report, "public"),
    ("QZ1", CommissionerReport, "internal"),
    ("CSU01", ClusterReport, "public"),
]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> dict[str, Path]:
    return prepare(example_extract(), Policy(), tmp_path_factory.mktemp("cache"))


def _page(cls, data, entity: str, audience: str) -> str:
    report = cls(ReportParams(entity=entity, year=2023, extract="x", audience=audience), data)
    parts = [report.header(), report.contents(), str(report.index_entry())]
    return "".join(parts + [section.build(report) for section in report.sections])


@pytest.mark.parametrize("entity, cls, audience", CASES)
def test_a_report_from_its_slice_is_the_report_from_the_whole(prepared, entity, cls, audience):
    full = load(prepared[audience])
    part = load(slices.slice_path(prepared[audience], entity))
    assert _page(cls, part, entity, audience) == _page(cls, full, entity, audience)


def test_a_slice_holds_only_its_entity_and_a_clusters_members(prepared):
    full = load(prepared["public"])
    trust = load(slices.slice_path(prepared["public"], "RX1"))
    assert set(trust.indicators["entity"]) == {"RX1"}
    assert set(trust.cells["entity"]) == {"RX1"}
    # A cluster's report lists its members' figures: CSU01's members come with it.
    ents = full.entities
    members = set(ents.loc[ents["cluster"] == "CSU01", "entity"]) - {"CSU01"}
    cluster = load(slices.slice_path(prepared["public"], "CSU01"))
    assert members and set(cluster.indicators["entity"]) == members | {"CSU01"}
    # The shared tables (names, types, peers' public likelihoods) come whole.
    pd.testing.assert_frame_equal(trust.entities, full.entities)
    assert len(trust.funnels) == len(full.funnels)
    assert len(trust.indicators) < len(full.indicators) / 5


def test_split_gives_what_for_entity_gives(prepared):
    full = load(prepared["internal"])
    for entity, part in slices.split(full):
        one = slices.for_entity(full, entity)
        for name in ("indicators", "cells", "quality", "survey_sources"):
            pd.testing.assert_frame_equal(getattr(part, name), getattr(one, name))


def test_a_slice_file_name_is_never_chosen_by_the_extract(tmp_path):
    path = slices.slice_path(tmp_path / "abc-public", "../../outside")
    assert path.parent == tmp_path / "abc-public" / "slices"

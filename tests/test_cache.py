"""The report-data cache: Parquet and JSON that give back what was written, or say why not."""

import json
import pickle
import re
from dataclasses import fields
from pathlib import Path

import pandas as pd
import pytest
from conftest import example_extract, tiny  # noqa: F401  (a fixture)

from wres_helpers.figures.disclosure import Policy
from wres_helpers.report import cache as cache_module
from wres_helpers.report import slices, store
from wres_helpers.report.cache import (
    ENTRY,
    files_fingerprint,
    is_sound,
    load,
    load_ids,
    prepare,
    write_entry,
    write_ids,
)
from wres_helpers.report.store import CacheError

PACKAGE = Path(__file__).parents[1] / "wres_helpers"


@pytest.fixture(scope="module")
def built():
    """Both audiences' report data for the example, built without a cache."""
    return prepare(example_extract(), Policy(method="rounding"), None)


@pytest.fixture(scope="module")
def cached(built, tmp_path_factory):
    """The same written to cache entries as :func:`prepare` writes them."""
    folder = tmp_path_factory.mktemp("cache")
    paths = {audience: folder / f"key-{audience}" for audience in built}
    for audience, data in built.items():
        write_entry(data, paths[audience])
    paths["ids"] = folder / "key-ids"
    write_ids(frozenset({"S000001", "S000002"}), paths["ids"])
    return paths


def assert_same(got, want):
    """Two ReportData equal field by field: tables with their dtypes, tables of tables too."""
    for field in fields(want):
        a, b = getattr(got, field.name), getattr(want, field.name)
        if not isinstance(b, pd.DataFrame):
            assert a == b, field.name
            continue
        nested = [c for c in b.columns if b[c].map(lambda v: isinstance(v, pd.DataFrame)).any()]
        pd.testing.assert_frame_equal(a.drop(columns=nested), b.drop(columns=nested))
        for column in nested:
            for inner_a, inner_b in zip(a[column], b[column], strict=True):
                pd.testing.assert_frame_equal(inner_a, inner_b)


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_report_data_come_back_from_the_cache_as_they_were_built(built, cached, audience):
    assert_same(load(cached[audience]), built[audience])
    # The policy, its method included, comes back equal (the cache key holds it too).
    assert load(cached[audience]).policy == Policy(method="rounding")


def test_an_entitys_slice_comes_back_as_the_slice_of_the_built_data(built, cached):
    # CSU01 is a cluster: its slice holds its members' rows and the funnels' tables of tables.
    part = load(slices.slice_path(cached["public"], "CSU01"))
    assert_same(part, slices.for_entity(built["public"], "CSU01"))
    assert len(part.funnels) and isinstance(part.funnels["points"].iloc[0], pd.DataFrame)


def test_the_cache_holds_no_pickle_and_the_package_never_unpickles(cached, monkeypatch):
    files = [p for p in cached["public"].parent.rglob("*") if p.is_file()]
    assert files and all(p.suffix in (".parquet", ".json") for p in files)
    # Every pickle protocol from 2 on starts with the PROTO opcode, byte 0x80.
    assert not [p for p in files if p.read_bytes()[:1] == b"\x80"]

    def refuse(*args, **kwargs):
        raise AssertionError("the cache must not unpickle")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    load(slices.slice_path(cached["internal"], "RX1"))
    load_ids(cached["ids"])
    used = [
        str(p)
        for p in PACKAGE.rglob("*.py")
        if re.search(r"^\s*(import|from)\s+(c?pickle|dill|joblib)\b", p.read_text(), re.M)
    ]
    assert used == []


def test_the_identifiers_come_back_as_they_were_written(cached):
    assert load_ids(cached["ids"]) == frozenset({"S000001", "S000002"})


def _copy_entry(cached, tmp_path) -> Path:
    import shutil

    copy = tmp_path / cached["public"].name
    shutil.copytree(cached["public"], copy)
    return copy


def test_a_file_cut_short_makes_the_entry_unsound_and_loading_it_names_the_file(cached, tmp_path):
    entry = _copy_entry(cached, tmp_path)
    assert is_sound(entry)
    cells = slices.slice_path(entry, "RX1") / "cells.parquet"
    cells.write_bytes(cells.read_bytes()[:100])
    assert not is_sound(entry)
    with pytest.raises(CacheError, match=re.escape(str(slices.slice_path(entry, "RX1")))):
        load(slices.slice_path(entry, "RX1"))


def test_a_file_of_the_right_size_but_spoilt_is_a_clear_error(cached, tmp_path):
    entry = _copy_entry(cached, tmp_path)
    part = slices.slice_path(entry, "RX1")
    indicators = part / "indicators.parquet"
    size = indicators.stat().st_size
    indicators.write_bytes(b"\0" * size)
    with pytest.raises(CacheError, match="the cached indicators cannot be read"):
        load(part)


def test_an_entry_of_another_version_is_unsound_and_not_read(cached, tmp_path):
    entry = _copy_entry(cached, tmp_path)
    described = json.loads((entry / ENTRY).read_text())
    (entry / ENTRY).write_text(json.dumps({**described, "version": store.VERSION + 1}))
    assert not is_sound(entry)
    manifest = json.loads((entry / store.MANIFEST).read_text())
    (entry / store.MANIFEST).write_text(json.dumps({**manifest, "version": 0}))
    with pytest.raises(CacheError, match="not report data of format wres-report-data version"):
        load(entry)


def test_a_manifest_naming_a_file_outside_its_folder_is_refused(cached, tmp_path):
    entry = _copy_entry(cached, tmp_path)
    manifest = json.loads((entry / store.MANIFEST).read_text())
    manifest["fields"]["cells"]["file"] = "../../outside.parquet"
    (entry / store.MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(CacheError, match="is not a file name of this format"):
        load(entry)


def test_an_unsound_entry_is_rebuilt_by_prepare(tiny, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    first = prepare(tiny, Policy(), cache)
    cells = first["public"] / "cells.parquet"
    cells.write_bytes(cells.read_bytes()[:-10])
    assert not is_sound(first["public"])
    again = prepare(tiny, Policy(), cache)
    assert again == first and is_sound(again["public"])
    # Nothing is left over from the writing: no temporary or set-aside folder.
    assert sorted(p.name for p in cache.iterdir()) == sorted(p.name for p in first.values())


def test_the_codes_fingerprint_follows_every_file_of_the_package(tmp_path):
    package = tmp_path / "pkg"
    (package / "templates").mkdir(parents=True)
    (package / "a.py").write_text("A = 1\n")
    (package / "templates" / "page.html.j2").write_text("<p>{{ x }}</p>")
    before = files_fingerprint(package)
    (package / "templates" / "page.html.j2").write_text("<p>{{ y }}</p>")
    assert files_fingerprint(package) != before
    (package / "templates" / "page.html.j2").write_text("<p>{{ x }}</p>")
    assert files_fingerprint(package) == before
    (package / "a.py").rename(package / "b.py")  # same bytes, another module
    assert files_fingerprint(package) != before


def test_another_version_of_the_code_never_reads_this_ones_figures(tiny, tmp_path, monkeypatch):  # noqa: F811
    cache = tmp_path / "cache"
    first = prepare(tiny, Policy(), cache)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "00000000")
    second = prepare(tiny, Policy(), cache)
    assert set(second.values()).isdisjoint(first.values())
    assert all(is_sound(p) for p in second.values())

"""The cache and ``--resume`` are keyed by the extract's bytes; no pickle from a shared folder."""

import os
import shutil

import pytest
from conftest import tiny  # noqa: F401  (a fixture)

from wres_helpers.figures.disclosure import Policy
from wres_helpers.figures.engine import extract_fingerprint
from wres_helpers.report.data import load_pickle, prepare


def test_a_change_with_the_same_size_and_time_changes_the_key(tiny):  # noqa: F811
    staff = tiny / "staff.csv"
    before = extract_fingerprint(tiny, Policy())
    info = staff.stat()
    text = staff.read_text()
    # One White (A) person recoded as BME (H): same size, and the time put back as cp -p does.
    changed = text.replace(",A,", ",H,", 1)
    assert changed != text and len(changed) == len(text)
    staff.write_text(changed)
    os.utime(staff, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert staff.stat().st_size == info.st_size and staff.stat().st_mtime_ns == info.st_mtime_ns
    assert extract_fingerprint(tiny, Policy()) != before


def test_a_cache_another_user_could_write_is_not_unpickled(tiny, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    paths = prepare(tiny, Policy(), cache)
    assert load_pickle(paths["ids"])  # a folder only its owner can write: read
    shared = tmp_path / "shared"
    shutil.copytree(cache, shared)
    shared.chmod(0o777)
    with pytest.raises(PermissionError):
        load_pickle(shared / paths["ids"].name)

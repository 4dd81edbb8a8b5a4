"""The cache and ``--resume`` are keyed by the extract's bytes; the cache is data, never code:
a planted pickle is never loaded, and a file cut short is rebuilt."""

import os
import pickle
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import tiny  # noqa: F401  (a fixture)

from wres_helpers.batch.audit.files import extract_ids
from wres_helpers.figures.disclosure import Policy
from wres_helpers.figures.engine import extract_fingerprint
from wres_helpers.report import slices
from wres_helpers.report.cache import check_cache_folder, is_sound, load, prepare
from wres_helpers.report.data import ReportData


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


def test_a_cache_another_user_could_write_is_refused(tiny, tmp_path):  # noqa: F811
    # Defence in depth only: the cache holds no code, but it holds staff identifiers.
    cache = tmp_path / "cache"
    prepare(tiny, Policy(), cache)
    check_cache_folder(cache)  # a folder only its owner can write: accepted
    shared = tmp_path / "shared"
    shutil.copytree(cache, shared)
    shared.chmod(0o777)
    with pytest.raises(PermissionError):
        check_cache_folder(shared)


class Planted:
    """What another user could leave in a cache: unpickling it creates ``marker``."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_pickle_planted_under_the_old_formats_names_is_never_loaded(tiny, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    marker = tmp_path / "unpickled"
    key = extract_fingerprint(tiny, Policy())
    planted = pickle.dumps(Planted(marker))
    # Every name the earlier pickle cache used: the whole, the identifiers, a slice.
    for name in (f"{key}-public.pkl", f"{key}-internal.pkl", f"{key}-ids.pkl"):
        (cache / name).write_bytes(planted)
    (cache / f"{key}-public").mkdir()
    (cache / f"{key}-public" / f"{slices.slice_name('T1')}.pkl").write_bytes(planted)

    paths = prepare(tiny, Policy(), cache)
    data = load(slices.report_data_for(paths["public"], "T1"))
    whole = load(paths["internal"])
    ids = extract_ids(tiny, Policy(), cache)
    assert not marker.exists()
    assert isinstance(data, ReportData) and set(data.indicators["entity"]) == {"T1"}
    assert isinstance(whole, ReportData) and ids


@pytest.mark.batch
def test_a_cache_file_cut_short_is_rebuilt_by_wres_run(tiny, tmp_path):  # noqa: F811
    outputs = tmp_path / "out"
    paths = prepare(tiny, Policy(), outputs / ".cache")
    cut = slices.slice_path(paths["public"], "T1") / "indicators.parquet"
    whole = cut.read_bytes()
    cut.write_bytes(whole[: len(whole) // 2])
    params = tmp_path / "params"
    params.mkdir()
    report = {"entity": "T1", "year": 2016, "extract": str(tiny), "audience": "public"}
    (params / "T1-public.yaml").write_text(yaml.safe_dump(report))
    run = subprocess.run(
        [sys.executable, "-m", "wres_helpers", "run", str(params), "--outputs", str(outputs)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert (outputs / "public" / "T1-2016.html").exists()
    # The same entry (same key), written again whole.
    assert is_sound(paths["public"]) and cut.read_bytes() == whole

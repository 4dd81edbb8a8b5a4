"""SIGTERM and SIGINT in the middle of a batch with real kernels: every worker and kernel
stops, nothing renders after, the count is exact, and no temporary file is left."""

import os
import re
import signal
import subprocess
import sys
import time

import psutil
import pytest
from conftest import example_params

NAMES = ["NX3-public", "RX2-public", "RX1-public", "QZ1-public", "QZ2-public", "QZ3-public"]


@pytest.mark.batch
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_mid_batch_stops_every_worker_and_kernel(tmp_path, signum):
    example_params(tmp_path / "params", NAMES)
    outputs = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "wres_helpers", "run", str(tmp_path / "params")]
        + ["--outputs", str(outputs), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.time() + 400
    while time.time() < deadline and not list((outputs / "public").glob("*-2023.html")):
        time.sleep(0.2)
    below = psutil.Process(proc.pid).children(recursive=True)
    assert len(below) >= 2, "the batch has no workers"
    if signum == signal.SIGTERM:
        os.kill(proc.pid, signum)  # as `kill` does: the batch alone
    else:
        os.killpg(proc.pid, signum)  # as Ctrl-C does: the whole foreground group
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 128 + signum, err[-2000:]
    assert "interrupted" in err and "Traceback" not in err
    _, alive = psutil.wait_procs(below, timeout=20)
    assert alive == [], [p.pid for p in alive]
    pages = {p.name: p.stat().st_mtime_ns for p in (outputs / "public").glob("*-2023.html")}
    time.sleep(5)
    assert {p.name: p.stat().st_mtime_ns for p in (outputs / "public").glob("*-2023.html")} == pages
    assert 1 <= len(pages) < len(NAMES)
    assert int(re.search(r"(\d+) report\(s\) rendered", out).group(1)) == len(pages)
    assert [p for p in outputs.rglob("*.tmp")] == []
    index = (outputs / "public" / "index.html").read_text()
    # The index lists each report in more than one place (all, by type, by region).
    assert sorted(set(re.findall(r'href="([^"]+-2023\.html)"', index))) == sorted(pages)

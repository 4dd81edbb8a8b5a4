"""Faults: a kernel that dies, a cell that hangs, a full disk, Ctrl-C in a batch.

Each leaves the earlier good outputs intact and says what happened.
"""

import os
import resource
import signal
import subprocess
import sys
import time

import nbformat
import pytest
import yaml
from conftest import example_params

from wres_helpers.batch.runner import run_reports


def bad_notebook(folder, source):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(
        'entity = ""\nyear = 0\nextract = ""\naudience = ""\noptions = {}'
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "faulty.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def good_batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    params = example_params(folder / "params", ["NX3-public", "RX2-public"])
    outputs = folder / "out"
    assert run_reports(params, jobs=2, outputs=outputs) == 0
    return folder, params, outputs


def snapshot(outputs):
    return {
        p.name: p.read_bytes()
        for p in (outputs / "public").glob("*.html")
        if p.name != "index.html"
    }


def break_report(params_file, **changes):
    data = yaml.safe_load(params_file.read_text())
    data.update(changes)
    params_file.write_text(yaml.safe_dump(data))


@pytest.mark.parametrize(
    "source, changes, words",
    [
        ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", {}, "kernel died"),
        ("import time\ntime.sleep(60)", {"cell_timeout": 2}, "cell_timeout"),
    ],
)
def test_dead_kernel_and_timeout_keep_earlier_outputs(
    good_batch, tmp_path, capsys, source, changes, words
):
    folder, params, outputs = good_batch
    before = (outputs / "public" / "RX2-2023.html").read_bytes()
    broken = tmp_path / "RX2-public.yaml"
    broken.write_text(params[1].read_text())
    break_report(broken, **changes)
    notebook = bad_notebook(tmp_path, source)
    assert run_reports([broken], jobs=2, outputs=outputs, notebook=notebook) == 1
    err = capsys.readouterr().err
    assert "RX2-public.yaml" in err and words in err
    assert (outputs / "public" / "RX2-2023.html").read_bytes() == before
    assert (outputs / "public" / "NX3-2023.html").exists()
    assert "failed" in (outputs / "runs" / "public" / "RX2-2023.log").read_text()


def test_full_disk_keeps_earlier_outputs(good_batch, tmp_path):
    """A file-size limit stands in for a full disk: writing a page fails with EFBIG."""
    folder, params, outputs = good_batch
    before = snapshot(outputs)

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (60_000, 60_000))

    run = subprocess.run(
        [sys.executable, "-m", "wres_helpers", "run", str(params[1]), "--outputs", str(outputs)],
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        timeout=300,
    )
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert "RX2-public.yaml" in run.stderr or "File too large" in run.stderr
    assert snapshot(outputs) == before
    assert not [p for p in (outputs / "public").iterdir() if p.name.endswith(".tmp")]


def test_ctrl_c_in_a_batch_keeps_finished_reports(tmp_path):
    names = ["NX3-public", "RX2-public", "RX1-public", "01A-public", "02B-public", "03C-public"]
    example_params(tmp_path / "params", names)
    outputs = tmp_path / "out"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wres_helpers",
            "run",
            str(tmp_path / "params"),
            "--outputs",
            str(outputs),
            "--jobs",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.time() + 240
    while time.time() < deadline and not list((outputs / "public").glob("*-2023.html")):
        time.sleep(0.5)
    assert list((outputs / "public").glob("*-2023.html")), "no report finished in time"
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-2000:]
    assert "interrupted" in err and "Traceback" not in err
    finished = list((outputs / "public").glob("*-2023.html"))
    assert 1 <= len(finished) < len(names)
    for page in finished:
        assert page.read_text().rstrip().endswith("</html>")

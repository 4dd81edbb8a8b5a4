"""A worker's kernel is kept across its reports: nothing of one report reaches the next."""

import json
import re

import nbformat
import pytest
from conftest import example_params
from jupyter_core.utils import run_sync
from test_faults import bad_notebook

from wres_helpers.batch.kernels import WorkerKernel
from wres_helpers.batch.runner import run_reports

pytestmark = pytest.mark.batch


def _run(kernel: WorkerKernel, code: str) -> dict:
    """Execute ``code`` in ``kernel``; its reply's content and its last text/plain result."""
    shown = []

    def keep(msg):
        if msg["msg_type"] == "execute_result":
            shown.append(msg["content"]["data"]["text/plain"])

    reply = run_sync(kernel.kc.execute_interactive)(code, timeout=60, output_hook=keep)
    return {
        "status": reply["content"]["status"],
        "count": reply["content"]["execution_count"],
        "shown": shown[-1] if shown else None,
    }


def test_reset_empties_the_namespace_and_closes_figures_in_the_same_kernel(tmp_path):
    kernel = WorkerKernel()
    try:
        kernel.ready(tmp_path, tmp_path / "kernel.log")
        pid = kernel.km.provisioner.pid
        _run(kernel, "import matplotlib.pyplot as plt\nleft_behind = 41\nplt.figure()")
        assert _run(kernel, "left_behind + 1")["shown"] == "42"
        kernel.ready(tmp_path, tmp_path / "kernel.log")
        assert kernel.km.provisioner.pid == pid  # the same kernel process, not a new one
        after = _run(
            kernel, "import matplotlib.pyplot as plt\n('left_behind' in dir(), plt.get_fignums())"
        )
        assert after["shown"] == "(False, [])"
        # A fresh kernel numbers its first cell 1; the reset kernel too.
        assert after["count"] == 1
    finally:
        kernel.discard()
    assert kernel.km is None


def _page(outputs, name):
    html = (outputs / "public" / f"{name}.html").read_text(encoding="utf-8")
    return re.sub(r"Generated at [^<]*", "Generated at (masked)", html)


def test_a_report_after_another_in_one_kernel_is_the_report_alone(tmp_path):
    """RX1 (a trust, internal) then QZ1 (an ICB, public) in one worker's kernel: QZ1's page
    is byte for byte QZ1 rendered alone, but for its generated-at line."""
    together = example_params(tmp_path / "together", ["RX1-internal", "QZ1-public"])
    alone = example_params(tmp_path / "alone", ["QZ1-public"])
    assert run_reports(together, jobs=1, outputs=tmp_path / "out-together") == 0
    assert run_reports(alone, jobs=1, outputs=tmp_path / "out-alone") == 0
    # One worker, so one kernel log: both reports ran in one kernel.
    assert len(list((tmp_path / "out-together" / "runs").glob("kernel-*.log"))) == 1
    assert _page(tmp_path / "out-together", "QZ1-2023") == _page(tmp_path / "out-alone", "QZ1-2023")
    # The executed notebooks too: the same printed text, cells numbered from 1.
    runs = [tmp_path / out / "runs" / "public" for out in ("out-together", "out-alone")]
    together_nb, alone_nb = (nbformat.read(r / "QZ1-2023.ipynb", 4) for r in runs)
    assert _streams(together_nb) == _streams(alone_nb)
    counts = [c.execution_count for c in together_nb.cells if c.cell_type == "code"]
    assert counts == [c.execution_count for c in alone_nb.cells if c.cell_type == "code"]
    assert counts[:2] == [1, 2]


def _streams(nb) -> list[str]:
    return [o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if "text" in o]


def test_a_report_after_a_timed_out_one_runs_in_a_new_kernel(tmp_path):
    """The first report's cell outlives its ``cell_timeout``: its kernel is ended (it is still
    busy), and the next report in the same worker renders."""
    params = example_params(tmp_path / "params", ["NX3-public", "RX2-public"], cell_timeout=5)
    notebook = bad_notebook(
        tmp_path, 'import time\nif entity == "NX3":\n    time.sleep(600)\nprint("done", entity)'
    )
    outputs = tmp_path / "out"
    assert run_reports(params, jobs=1, outputs=outputs, notebook=notebook) == 1
    runs = outputs / "runs" / "public"
    assert json.loads((runs / "NX3-2023.json").read_text())["status"] == "failed"
    assert json.loads((runs / "RX2-2023.json").read_text())["status"] == "ok"
    executed = nbformat.read(runs / "RX2-2023.ipynb", 4)
    assert executed.cells[-1].outputs[0]["text"] == "done RX2\n"

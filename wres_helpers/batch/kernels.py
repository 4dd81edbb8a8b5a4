"""One kernel per worker, kept across its reports and reset before each.

Starting a kernel and importing pandas, matplotlib and the report modules
into it costs several seconds, more than most reports' own work; a worker
therefore keeps one real kernel (a separate ``ipykernel`` process, as
papermill would start) and runs report after report in it. Before each
report the kernel is reset: its figures closed, its namespace emptied and
a new history session begun (IPython's ``reset(new_session=True)``, which
numbers cells from 1 again), so that a report
sees what a fresh kernel would show it, bar the modules already imported.
A report that fails in any way (an error, a timeout, a dead kernel) ends
its kernel; the next report starts a new one.
"""

from __future__ import annotations

import contextlib
from multiprocessing import util
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger

#: The papermill engine that runs a notebook in the worker's kernel.
ENGINE = "wres-worker-kernel"
#: Run before each report: what a report left in the kernel is gone.
RESET = """\
_plt = __import__("sys").modules.get("matplotlib.pyplot")
if _plt is not None:
    _plt.close("all")
get_ipython().reset(new_session=True)
__import__("gc").collect()
"""


class WorkerKernel:
    """A worker's kernel: started when first needed, reset before each report."""

    def __init__(self):
        self.km = None
        self.kc = None

    def ready(self, cwd: Path, stderr_path: Path, timeout: float = 60) -> None:
        """A running kernel, reset; a new one (in ``cwd``) if there is none or it died.

        The kernel's own stderr goes to ``stderr_path``, never the terminal.
        """
        if self.km is not None and run_sync(self.km.is_alive)():
            self._reset(timeout)
            return
        self.discard()
        # nbclient polls a kernel's channels concurrently: it needs the asynchronous client.
        km = AsyncKernelManager(kernel_name="python3")
        with open(stderr_path, "ab") as stderr:
            # History in memory only, as nbclient starts its kernels.
            run_sync(km.start_kernel)(
                cwd=str(cwd), stderr=stderr, extra_arguments=["--HistoryManager.hist_file=:memory:"]
            )
        self.km = km
        self.kc = km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=timeout)

    def _reset(self, timeout: float) -> None:
        reply = run_sync(self.kc.execute_interactive)(
            RESET, store_history=False, timeout=timeout, output_hook=lambda msg: None
        )
        if reply["content"]["status"] != "ok":
            raise RuntimeError("the kernel could not be reset between reports")

    def discard(self) -> None:
        """Stop the kernel (if any) and forget it."""
        if self.kc is not None:
            with contextlib.suppress(Exception):
                self.kc.stop_channels()
        if self.km is not None:
            with contextlib.suppress(Exception):
                run_sync(self.km.shutdown_kernel)(now=True)
        self.km = self.kc = None


#: This worker process's kernel.
KERNEL = WorkerKernel()


class WorkerKernelEngine(NBClientEngine):
    """papermill's nbclient engine, run in :data:`KERNEL` instead of a kernel of its own."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        **kwargs,
    ):
        """Execute ``nb_man``'s notebook in the worker's kernel, which stays running."""
        client = PapermillNotebookClient(
            nb_man,
            km=KERNEL.km,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        client.kc = KERNEL.kc
        return client.execute()


def install() -> None:
    """Register the engine, and stop the kernel when the worker process exits."""
    if ENGINE not in papermill_engines._engines:
        papermill_engines.register(ENGINE, WorkerKernelEngine)
        util.Finalize(KERNEL, KERNEL.discard, exitpriority=10)

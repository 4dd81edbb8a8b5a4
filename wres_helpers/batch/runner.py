"""``wres run``: every params file's notebook, run by papermill and rendered, in parallel.

The heavy work is done once per extract, before any kernel starts
(:func:`wres_helpers.report.data.prepare` caches both audiences' data), so a
report's kernel only loads its slice and draws. A failed report does not
stop the others: it is listed at the end with its reason, the exit code is
non-zero, and its previous good HTML stays where it was (pages are written
whole or not at all). Executed notebooks and run logs are kept under
``outputs/runs/``, never beside the public pages.

The batch owns its outputs (:mod:`wres_helpers.batch.control`): the folder
is resolved once and locked for the run; two params files for one report
are refused; SIGTERM and SIGINT stop every worker and kernel; and every
public page is audited whatever else failed, a page that fails being moved
to ``outputs/quarantine/``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from wres_helpers.atomic import write_bytes_atomic
from wres_helpers.batch.extras import index_entries, write_extras, write_page_spreadsheet
from wres_helpers.figures.disclosure import Policy
from wres_helpers.report.params import (
    DEFAULTS_NAME,
    NOTEBOOKS,
    PARAMS_SUFFIXES,
    ReportParams,
    notebook_for,
)

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Job:
    source: Path
    params: ReportParams
    name: str
    fingerprint: str
    notebook: Path | None = None
    #: The prepared report data of the job's audience: the kernel's one input.
    report_data: str = ""


def collect(paths: list[str | Path]) -> list[Path]:
    """Params files named, and every ``*.yaml``/``*.yml`` (any case) in folders named.

    ``_defaults.yaml`` is not a report.
    """
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(
                f
                for f in p.iterdir()
                if f.suffix.lower() in PARAMS_SUFFIXES and f.name.lower() != DEFAULTS_NAME
            )
        else:
            files.append(p)
    return list(dict.fromkeys(files))


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted((REPO / "wres_helpers").rglob("*.py")) + sorted(NOTEBOOKS.glob("*.ipynb")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _state_path(outputs: Path, audience: str, name: str) -> Path:
    return outputs / "runs" / audience / f"{name}.json"


def run_one(job: Job, outputs: Path, cache_dir: Path) -> dict:
    """Execute and render one report (in a worker process). Returns its index entry.

    The report runs in the worker's kernel (:mod:`wres_helpers.batch.kernels`),
    reset first; a report that fails ends that kernel, so the next starts clean.
    """
    p = job.params
    runs = outputs / "runs" / p.audience
    runs.mkdir(parents=True, exist_ok=True)
    with _report_log(runs, job.name) as logger:
        try:
            logger.info("params %s -> %s", job.source, runs / f"{job.name}.ipynb")
            logger.info("disclosure policy: %s", Policy.of(p).describe())
            executed = _execute(job, runs)
            entry = _render(job, executed, outputs)
            logger.info("rendered %s", outputs / p.audience / entry["file"])
            return entry
        except BaseException as err:
            from wres_helpers.batch.kernels import KERNEL

            KERNEL.discard()
            logger.error("failed: %s", _reason(err))
            state = {"status": "failed", "reason": _reason(err), "params": str(job.source)}
            _write_state(state, outputs, p.audience, job.name)
            raise


@contextlib.contextmanager
def _report_log(runs: Path, name: str):
    """papermill's log of one report in ``runs/<name>.log``; the worker's stderr beside it."""
    handler = logging.FileHandler(runs / f"{name}.log", mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("papermill")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    # Warnings of this process go to a log of the report, not the terminal.
    saved_stderr = os.dup(2)
    log_fd = os.open(runs / f"{name}.stderr.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(log_fd, 2)
    try:
        yield logger
    finally:
        os.dup2(saved_stderr, 2)
        os.close(saved_stderr)
        os.close(log_fd)
        logger.removeHandler(handler)
        handler.close()


def _execute(job: Job, runs: Path) -> Path:
    """Run the report's notebook with its parameters in the worker's kernel."""
    import papermill

    from wres_helpers.batch import kernels

    p = job.params
    os.environ.setdefault("MPLBACKEND", "Agg")
    kernels.install()
    kernels.KERNEL.ready(NOTEBOOKS, runs.parent / f"kernel-{os.getpid()}.log")
    executed = runs / f"{job.name}.ipynb"
    papermill.execute_notebook(
        str(job.notebook or notebook_for(p)),
        str(executed),
        engine_name=kernels.ENGINE,
        kernel_name="python3",
        cwd=str(NOTEBOOKS),
        parameters={
            "entity": p.entity,
            "year": p.year,
            "extract": p.extract,
            "audience": p.audience,
            "options": p.options(),
            "report_data": job.report_data,
        },
        # Saved once at the end (or at a failing cell), not after every cell.
        request_save_on_cell_execute=False,
        progress_bar=False,
        log_output=True,
        execution_timeout=p.cell_timeout,
    )
    return executed


def _render(job: Job, executed: Path, outputs: Path) -> dict:
    """The executed notebook as the report's page, and its state; returns its index entry."""
    import nbformat

    from wres_helpers.report.page import render_report

    p = job.params
    nb = nbformat.read(executed, as_version=4)
    entry = _index_entry(p, job.report_data)
    html = render_report(nb, f"{entry['name']}: WRES report {p.year}", p.audience)
    write_bytes_atomic(html.encode("utf-8"), outputs / p.audience / f"{job.name}.html")
    entry.update(
        file=f"{job.name}.html", status="ok", fingerprint=job.fingerprint, params=str(job.source)
    )
    _write_state(entry, outputs, p.audience, job.name)
    # After the state: a run stopped while the workbook is written still counts the page,
    # and the run's end writes the workbook.
    if p.audience == "public":
        write_page_spreadsheet(outputs / "public", entry)
    return entry


def _write_state(state: dict, outputs: Path, audience: str, name: str) -> None:
    write_bytes_atomic(json.dumps(state, indent=1).encode(), _state_path(outputs, audience, name))


def _index_entry(params: ReportParams, report_data: str) -> dict:
    """The report's index entry, from the report data the notebook was given."""
    from wres_helpers.report.cache import load
    from wres_helpers.report.provider import Report

    return Report(params, load(Path(report_data))).index_entry()


def _reason(err: BaseException) -> str:
    """One line on why a report failed: the exception's own words, no traceback."""
    name = type(err).__name__
    if name == "PapermillExecutionError":
        return f"cell {getattr(err, 'exec_count', '?')} raised {err.ename}: {err.evalue}"
    if name in ("DeadKernelError",):
        return "the kernel died while running the report"
    if name in ("CellTimeoutError", "TimeoutError"):
        return "a cell ran longer than the cell_timeout allows"
    text = str(err).strip().splitlines()
    return f"{name}: {text[0] if text else ''}"


def _fingerprint(params: ReportParams, notebook: Path | None = None) -> str:
    """What a report's page depends on: its params, its extract's bytes, the code, the notebook."""
    from wres_helpers.figures.engine import extract_fingerprint

    policy = Policy.of(params)
    blob = json.dumps(
        [
            params.model_dump(mode="json"),
            extract_fingerprint(params.extract, policy),
            _code_fingerprint(),
            hashlib.sha256(notebook.read_bytes()).hexdigest() if notebook else None,
        ],
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _up_to_date(job: Job, outputs: Path) -> bool:
    state = _state_path(outputs, job.params.audience, job.name)
    html = outputs / job.params.audience / f"{job.name}.html"
    if not (state.exists() and html.exists()):
        return False
    try:
        saved = json.loads(state.read_text())
    except (OSError, ValueError):
        return False
    return saved.get("status") == "ok" and saved.get("fingerprint") == job.fingerprint


def write_indexes(outputs: Path, audiences) -> None:
    """An ``index.html`` per audience, listing every report rendered there."""
    from wres_helpers.report.page import render_index

    for audience in audiences:
        html = render_index(index_entries(outputs, audience), audience)
        write_bytes_atomic(html.encode("utf-8"), outputs / audience / "index.html")
    write_extras(outputs, audiences)


def run_reports(
    paths,
    jobs: int | None = None,
    outputs: str | Path | None = None,
    resume: bool = False,
    notebook: str | Path | None = None,
    policy: dict | None = None,
) -> int:
    """Run and render every report; returns the exit code (0 only if all succeeded).

    ``notebook`` runs that notebook for every report instead of the report
    type's own (``wres run --notebook``); a params file cannot choose one.
    ``policy`` holds disclosure options (``method``, ``max_suppressed``, ...)
    that take the place of every params file's own.
    """
    from wres_helpers.batch.orchestrate import run_batch

    return run_batch(paths, jobs, outputs, resume, notebook, policy)

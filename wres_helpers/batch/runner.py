"""``wres run``: every params file's notebook, run by papermill and rendered, in parallel.

The heavy work is done once per extract, before any kernel starts
(:func:`wres_helpers.report.data.prepare` caches both audiences' data), so a
report's kernel only loads its slice and draws. A failed report does not
stop the others: it is listed at the end with its reason, the exit code is
non-zero, and its previous good HTML stays where it was (pages are written
whole or not at all). Executed notebooks and run logs are kept under
``outputs/runs/``, never beside the public pages.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from wres_helpers.atomic import write_bytes_atomic
from wres_helpers.batch.extras import write_extras
from wres_helpers.figures.disclosure import Policy
from wres_helpers.problems import InputError
from wres_helpers.report.params import (
    DEFAULTS_NAME,
    NOTEBOOKS,
    ReportParams,
    load_params,
    notebook_for,
    report_name,
)

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Job:
    source: Path
    params: ReportParams
    name: str
    fingerprint: str
    #: The prepared report data of the job's audience: the kernel's one input.
    report_data: str = ""


def collect(paths: list[str | Path]) -> list[Path]:
    """Params files named, and every ``*.yaml`` in folders named (not ``_defaults.yaml``)."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.glob("*.y*ml") if f.name != DEFAULTS_NAME)
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
    """Execute and render one report (in a worker process). Returns its index entry."""
    import nbformat
    import papermill

    from wres_helpers.report.page import render_report

    p = job.params
    runs = outputs / "runs" / p.audience
    runs.mkdir(parents=True, exist_ok=True)
    log_path = runs / f"{job.name}.log"
    handler = logging.FileHandler(log_path, mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("papermill")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    os.environ.setdefault("MPLBACKEND", "Agg")
    executed = runs / f"{job.name}.ipynb"
    # The kernel inherits this process's stderr: send it to the run log, not the terminal.
    saved_stderr = os.dup(2)
    log_fd = os.open(runs / f"{job.name}.kernel.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(log_fd, 2)
    try:
        logger.info("params %s -> %s", job.source, executed)
        papermill.execute_notebook(
            str(notebook_for(p)),
            str(executed),
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
            progress_bar=False,
            log_output=True,
            execution_timeout=p.cell_timeout,
        )
        nb = nbformat.read(executed, as_version=4)
        entry = _index_entry(p, job.report_data)
        html = render_report(nb, f"{entry['name']}: WRES report {p.year}", p.audience)
        write_bytes_atomic(html.encode("utf-8"), outputs / p.audience / f"{job.name}.html")
        entry.update(
            file=f"{job.name}.html",
            status="ok",
            fingerprint=job.fingerprint,
            params=str(job.source),
        )
        write_bytes_atomic(
            json.dumps(entry, indent=1).encode(), _state_path(outputs, p.audience, job.name)
        )
        logger.info("rendered %s", outputs / p.audience / f"{job.name}.html")
        return entry
    except BaseException as err:
        logger.error("failed: %s", _reason(err))
        state = {"status": "failed", "reason": _reason(err), "params": str(job.source)}
        write_bytes_atomic(
            json.dumps(state, indent=1).encode(), _state_path(outputs, p.audience, job.name)
        )
        raise
    finally:
        os.dup2(saved_stderr, 2)
        os.close(saved_stderr)
        os.close(log_fd)
        logger.removeHandler(handler)
        handler.close()


def _index_entry(params: ReportParams, report_data: str) -> dict:
    """The report's index entry, from the report data the notebook was given."""
    from wres_helpers.report.data import load
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


def _fingerprint(params: ReportParams) -> str:
    from wres_helpers.figures.engine import extract_fingerprint

    policy = Policy(params.max_suppressed, params.rounding_base, params.survey_min_respondents)
    blob = json.dumps(
        [
            params.model_dump(mode="json"),
            extract_fingerprint(params.extract, policy),
            _code_fingerprint(),
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
        entries = []
        for state in sorted((outputs / "runs" / audience).glob("*.json")):
            try:
                entry = json.loads(state.read_text())
            except (OSError, ValueError):
                continue
            if entry.get("status") == "ok" and (outputs / audience / entry["file"]).exists():
                entries.append(entry)
        entries.sort(key=lambda e: (e["type"] != "cluster", e["entity"], e["year"]))
        html = render_index(entries, audience)
        write_bytes_atomic(html.encode("utf-8"), outputs / audience / "index.html")


def run_reports(
    paths, jobs: int | None = None, outputs: str | Path | None = None, resume: bool = False
) -> int:
    """Run and render every report; returns the exit code (0 only if all succeeded)."""
    from tqdm import tqdm

    from wres_helpers.report.data import prepare

    outputs = Path(outputs) if outputs else REPO / "outputs"
    cache_dir = outputs / ".cache"
    failures: list[tuple[str, str]] = []
    queue: list[Job] = []
    for source in collect(paths):
        try:
            params = load_params(source)
        except InputError as err:
            failures.append((str(source), "; ".join(str(p) for p in err.problems)))
            continue
        queue.append(Job(source, params, report_name(params), ""))

    prepared: dict[tuple, str | None] = {}
    built: dict[tuple, dict] = {}
    for job in queue:
        p = job.params
        policy = Policy(p.max_suppressed, p.rounding_base, p.survey_min_respondents)
        key = (p.extract, policy)
        if key not in prepared:
            try:
                built[key] = prepare(p.extract, policy, cache_dir)
                prepared[key] = None
            except InputError as err:
                prepared[key] = (
                    f"the extract does not meet the contract "
                    f"({len(err.problems)} problem(s); run wres validate "
                    f"{p.extract})"
                )
            except OSError as err:
                prepared[key] = f"the extract could not be read: {err}"
        job.fingerprint = _fingerprint(p) if prepared[key] is None else ""
        job.report_data = str(built[key][p.audience]) if prepared[key] is None else ""
    runnable = []
    for job in queue:
        p = job.params
        reason = prepared[
            (p.extract, Policy(p.max_suppressed, p.rounding_base, p.survey_min_respondents))
        ]
        if reason:
            failures.append((str(job.source), reason))
        elif resume and _up_to_date(job, outputs):
            continue
        else:
            runnable.append(job)

    skipped = (
        len(queue)
        - len(runnable)
        - sum(1 for f in failures if f[0] in {str(j.source) for j in queue})
    )
    audiences = {j.params.audience for j in queue}
    jobs = max(1, jobs or os.cpu_count() or 1)
    interrupted = False
    if runnable:
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(runnable)), mp_context=context)
        try:
            futures = {pool.submit(run_one, job, outputs, cache_dir): job for job in runnable}
            with tqdm(
                total=len(futures),
                desc="reports",
                unit="report",
                disable=not sys.stderr.isatty() and "WRES_PROGRESS" not in os.environ,
            ) as bar:
                for future in as_completed(futures):
                    job = futures[future]
                    try:
                        future.result()
                    except Exception as err:  # one report's failure must not stop the batch
                        failures.append((str(job.source), _reason(err)))
                    bar.update(1)
        except KeyboardInterrupt:
            interrupted = True
            pool.shutdown(wait=False, cancel_futures=True)
        finally:
            pool.shutdown(wait=not interrupted, cancel_futures=True)
    write_indexes(outputs, audiences)
    write_extras(outputs, audiences)
    done = len(runnable) - len([f for f in failures if f[0] in {str(j.source) for j in runnable}])
    print(
        f"wres run: {done} report(s) rendered"
        + (f", {skipped} up to date" if resume and skipped else "")
        + f" under {outputs}"
    )
    if "public" in audiences:
        from wres_helpers.batch.audit import audit_folder

        extracts = sorted({j.params.extract for j in queue if j.params.audience == "public"})
        findings = audit_folder(outputs / "public", extracts=extracts, cache_dir=cache_dir)
        for finding in findings:
            failures.append((str(outputs / "public"), f"audit: {finding}"))
    if interrupted:
        print("wres run: interrupted; reports finished before then are kept", file=sys.stderr)
        return 130
    if failures:
        print(f"wres run: {len(failures)} failure(s):", file=sys.stderr)
        for source, reason in failures:
            print(f"  {source}: {reason}", file=sys.stderr)
        return 1
    return 0

"""``wres run`` step by step: load the params, prepare the extracts, run, audit, report.

Each step is a function of its own so that a failure in one (a bad extract,
a signal) still leads to the last two: every public page is audited, and
the list of failures is always printed.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from wres_helpers.batch import control
from wres_helpers.batch.runner import (
    REPO,
    Job,
    _fingerprint,
    _reason,
    _state_path,
    collect,
    run_one,
    write_indexes,
)
from wres_helpers.figures.disclosure import Policy
from wres_helpers.problems import InputError
from wres_helpers.report.params import load_params, report_name
from wres_helpers.report.slices import report_data_for


@dataclass
class Tally:
    """What happened to each report of a run, for the summary and the exit code."""

    queue: list[Job] = field(default_factory=list)
    runnable: list[Job] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    prepared: dict[tuple, str | None] = field(default_factory=dict)
    built: dict[tuple, dict] = field(default_factory=dict)
    skipped: int = 0
    signum: int | None = None
    started: float = field(default_factory=time.time)


def policy_of(params) -> Policy:
    """The disclosure policy a params file names (method and board included)."""
    return Policy.of(params)


def load_jobs(paths, notebook: Path | None, tally: Tally, policy: dict) -> None:
    """Every params file read and validated; two files for one report are both refused.

    ``policy`` holds disclosure options given on the command line, which take
    the place of the params files' own.
    """
    by_report: dict[tuple[str, str], list[Job]] = {}
    for source in collect(paths):
        try:
            params = load_params(source)
        except InputError as err:
            tally.failures.append((str(source), "; ".join(str(p) for p in err.problems)))
            continue
        if policy:
            params = params.model_copy(update=policy)
        job = Job(source, params, report_name(params), "", notebook)
        by_report.setdefault((params.audience, job.name), []).append(job)
    for (audience, name), jobs in by_report.items():
        if len(jobs) == 1:
            tally.queue.append(jobs[0])
            continue
        sources = ", ".join(str(j.source) for j in jobs)
        for job in jobs:
            tally.failures.append(
                (
                    str(job.source),
                    f"two params files give the same report ({name}, {audience}): "
                    f"{sources}; keep one",
                )
            )


def prepare_extracts(tally: Tally, cache_dir: Path) -> None:
    """Each extract's report data built once (or found in the cache); a bad one named."""
    from wres_helpers.batch.prose import narrative_problems, pro_forma_problems
    from wres_helpers.report.cache import prepare

    allowed: dict = {}
    for job in tally.queue:
        p = job.params
        key = (p.extract, policy_of(p))
        if key not in tally.prepared:
            try:
                tally.built[key] = prepare(p.extract, policy_of(p), cache_dir)
                tally.prepared[key] = None
            except InputError as err:
                tally.prepared[key] = (
                    f"the extract does not meet the contract ({len(err.problems)} "
                    f"problem(s); run wres validate {p.extract})"
                )
            except OSError as err:
                tally.prepared[key] = f"the extract could not be read: {err}"
        if tally.prepared[key] is not None:
            tally.failures.append((str(job.source), tally.prepared[key]))
            continue
        refused = narrative_problems(p, cache_dir, allowed) if p.audience == "public" else []
        refused += pro_forma_problems(p, cache_dir)
        if refused:
            tally.failures.append((str(job.source), "; ".join(refused)))
            continue
        job.fingerprint = _fingerprint(p, job.notebook)
        job.report_data = report_data_for(tally.built[key][p.audience], p.entity)
        tally.runnable.append(job)


def select(tally: Tally, outputs: Path, resume: bool) -> None:
    """With ``--resume``, leave out the reports whose page is up to date."""
    from wres_helpers.batch.runner import _up_to_date

    if not resume:
        return
    todo = [j for j in tally.runnable if not _up_to_date(j, outputs)]
    tally.skipped = len(tally.runnable) - len(todo)
    tally.runnable = todo


def execute(tally: Tally, jobs: int, outputs: Path, cache_dir: Path) -> None:
    """Run the reports in worker processes; on a signal, kill them all and stop."""
    from tqdm import tqdm

    if not tally.runnable:
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(tally.runnable)),
        mp_context=context,
        initializer=control.worker_start,
    )
    try:
        futures = {pool.submit(run_one, job, outputs, cache_dir): job for job in tally.runnable}
        quiet = not sys.stderr.isatty() and "WRES_PROGRESS" not in os.environ
        with tqdm(total=len(futures), desc="reports", unit="report", disable=quiet) as bar:
            for future in as_completed(futures):
                try:
                    future.result()
                except Exception as err:  # one report's failure must not stop the batch
                    tally.failures.append((str(futures[future].source), _reason(err)))
                bar.update(1)
    except control.Stopped as stop:
        tally.signum = stop.signum
        control.kill_workers(list(getattr(pool, "_processes", None) or {}))
        pool.shutdown(wait=False, cancel_futures=True)
        control.remove_temporary_files(outputs)
        return
    pool.shutdown(wait=True)


def rendered(tally: Tally, outputs: Path) -> list[Job]:
    """The reports this run rendered: their state says so, written since the run started."""
    done = []
    for job in tally.runnable:
        state = _state_path(outputs, job.params.audience, job.name)
        try:
            saved = json.loads(state.read_text())
            fresh = state.stat().st_mtime >= tally.started - 1
        except (OSError, ValueError):
            continue
        if fresh and saved.get("status") == "ok" and saved.get("fingerprint") == job.fingerprint:
            done.append(job)
    return done


def audit_public(tally: Tally, outputs: Path, cache_dir: Path) -> None:
    """Audit every public page; move any that fails aside, and say where."""
    from wres_helpers.batch.audit import audit_folder
    from wres_helpers.batch.prose import narrative_allowances

    public = outputs / "public"
    if not public.exists():
        return
    extracts = sorted(
        {
            j.params.extract
            for j in tally.queue
            if j.params.audience == "public"
            and tally.prepared.get((j.params.extract, policy_of(j.params)), "") is None
        }
    )
    extras = narrative_allowances(j.params for j in tally.queue)
    policies = {
        f"{j.name}.html": policy_of(j.params) for j in tally.queue if j.params.audience == "public"
    }
    for _ in range(2):  # once, and once more over the index rewritten without moved pages
        try:
            findings = audit_folder(
                public, extracts=extracts, cache_dir=cache_dir, extras=extras, policies=policies
            )
        except (InputError, OSError, ValueError) as err:
            tally.failures.append((str(public), f"audit with the extracts failed: {err}"))
            findings = audit_folder(public, extras=extras, policies=policies)
        for finding in findings:
            tally.failures.append((str(public), f"audit: {finding}"))
        moved = control.quarantine(outputs, {f.file for f in findings})
        for name, where in moved:
            tally.failures.append((str(public / name), f"failed its audit: moved to {where}"))
        if not moved:
            return
        write_indexes(outputs, ["public"])


def summary(tally: Tally, outputs: Path, resume: bool) -> int:
    """Print what happened, and every failure; return the exit code."""
    done = len(rendered(tally, outputs))
    words = f"wres run: {done} report(s) rendered"
    if resume and tally.skipped:
        words += f", {tally.skipped} up to date"
    print(words + f" under {outputs}")
    if tally.signum is not None:
        stopped = len(tally.runnable) - done
        name = control.Stopped(tally.signum).args[0]
        print(
            f"wres run: interrupted ({name}); {stopped} report(s) not rendered; "
            "reports finished before then are kept",
            file=sys.stderr,
        )
    if tally.failures:
        print(f"wres run: {len(tally.failures)} failure(s):", file=sys.stderr)
        for source, reason in tally.failures:
            print(f"  {source}: {reason}", file=sys.stderr)
    if tally.signum is not None:
        return control.SIGNAL_EXIT[tally.signum]
    return 1 if tally.failures else 0


def run_batch(paths, jobs, outputs, resume, notebook, policy: dict | None = None) -> int:
    """:func:`wres_helpers.batch.runner.run_reports`, step by step."""
    outputs = Path(outputs or REPO / "outputs").resolve()
    cache_dir = outputs / ".cache"
    notebook = Path(notebook).resolve() if notebook else None
    if notebook is not None and not notebook.is_file():
        raise FileNotFoundError(2, "no such notebook", str(notebook))
    tally = Tally()
    with control.locked(outputs), control.SignalGuard() as guard:
        try:
            load_jobs(paths, notebook, tally, policy or {})
            prepare_extracts(tally, cache_dir)
            select(tally, outputs, resume)
            execute(tally, max(1, jobs or os.cpu_count() or 1), outputs, cache_dir)
        except control.Stopped as stop:
            tally.signum = stop.signum
        guard.defer()
        write_indexes(outputs, {j.params.audience for j in tally.queue})
        audit_public(tally, outputs, cache_dir)
        tally.signum = tally.signum or guard.signum
        return summary(tally, outputs, resume)

"""What a batch owns while it runs: its outputs folder, its workers, and its signals.

One ``wres run`` at a time writes to an outputs folder (a lock held for the
length of the run); SIGTERM and SIGINT stop the workers and their kernels
at once, so that nothing renders after; leftover temporary files are
removed; and a public page that fails its audit is moved out of ``public/``
into ``quarantine/``, where it cannot be published by mistake.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

from wres_helpers.problems import InputError, Problem

LOCK_NAME = ".wres-run.lock"
QUARANTINE = "quarantine"
#: The exit code of a run stopped by a signal: 128 + the signal's number.
SIGNAL_EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}


class Stopped(BaseException):
    """A batch stopped by SIGTERM or SIGINT (a BaseException, like KeyboardInterrupt)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def locked(outputs: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``outputs`` for the length of a run.

    Raises
    ------
    InputError
        When another run holds it: two runs on one folder would interleave.
    """
    outputs.mkdir(parents=True, exist_ok=True)
    handle = open(outputs / LOCK_NAME, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                [
                    Problem(
                        "outputs",
                        None,
                        None,
                        str(outputs),
                        "another wres run is writing to this folder; "
                        "wait for it to finish, or give another --outputs",
                    )
                ]
            ) from None
        yield
    finally:
        handle.close()


class SignalGuard:
    """SIGTERM and SIGINT while a batch runs.

    While reports run, the first signal raises :class:`Stopped` in the main
    thread (so the workers are stopped at once); once they are done,
    :meth:`defer` makes a signal only recorded, so that the audit of the
    public pages still finishes. After the first signal the default
    handlers are back, so a second one ends the process at once.
    """

    def __init__(self):
        self.signum: int | None = None
        self._raise = True
        self._saved: dict = {}

    def __enter__(self) -> SignalGuard:
        self._saved = {s: signal.signal(s, self._handle) for s in SIGNAL_EXIT}
        return self

    def __exit__(self, *exc) -> None:
        self._restore()

    def defer(self) -> None:
        """From now on a signal is recorded, not raised."""
        self._raise = False

    def _restore(self) -> None:
        for s, h in self._saved.items():
            signal.signal(s, h)
        self._saved = {}

    def _handle(self, signum, frame) -> None:
        self._restore()
        self.signum = signum
        if self._raise:
            raise Stopped(signum)


def worker_start() -> None:
    """Run in each worker as it starts: its own process group, and default signals.

    The terminal's Ctrl-C then reaches only the batch, which stops the
    workers itself (a worker interrupted on its own would render a half
    report); SIGTERM kills a worker outright.
    """
    os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def kill_workers(pids: list[int]) -> None:
    """Kill each worker, its process group and every process below it (the kernels).

    Kernels start in sessions of their own, so they are found as the
    workers' descendants before the workers die.
    """
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with ipykernel
        psutil = None
    victims = []
    for pid in pids:
        if psutil is not None:
            with contextlib.suppress(psutil.Error):
                victims += psutil.Process(pid).children(recursive=True)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
    for child in victims:
        with contextlib.suppress(psutil.Error):
            child.kill()
    if psutil is not None and victims:
        psutil.wait_procs(victims, timeout=10)


def remove_temporary_files(outputs: Path) -> list[Path]:
    """Delete the half-written ``.*.tmp`` files a stopped run left (the run holds the lock)."""
    removed = []
    for folder in (outputs, outputs / "public", outputs / "internal", outputs / ".cache"):
        removed += [p for p in folder.glob(".*.tmp") if p.is_file()]
    for runs in (outputs / "runs").glob("*"):
        removed += [p for p in runs.glob(".*.tmp") if p.is_file()]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def quarantine(outputs: Path, files: set[str]) -> list[tuple[str, Path]]:
    """Move public files that failed the audit to ``outputs/quarantine/``; say where each went."""
    moved = []
    public = outputs / "public"
    target = outputs / QUARANTINE
    for name in sorted(files):
        source = public / name
        if not source.resolve().is_relative_to(public.resolve()) or not source.exists():
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(source), destination)
        moved.append((name, destination))
    return moved

"""Work done once per test run, however many pytest-xdist workers share it
(the site builds, the site tour).

All the processes of a run share one folder. The first process to claim a
job (creating ``<job>.claimed`` there, which only one process can) runs it
in a background thread, so its tests go on meanwhile, and writes the
outcome to ``<job>.done``; every process that needs the outcome waits for
that file. A job's outcome is pickled: plain data only.
"""

from __future__ import annotations

import os
import pickle
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

Job = Callable[[Path, threading.Event], object]  # (its own folder, stop)
ONCE = pytest.StashKey["Once"]()


class JobFailed(Exception):
    """A job raised, or the process running it died (the message says)."""


class Once:
    """The run's jobs, as ``config.stash[ONCE]`` (tests/conftest.py)."""

    def __init__(self, folder: Path, jobs: dict[str, Job]) -> None:
        self.folder = folder
        self.jobs = jobs
        self.stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self, name: str) -> None:
        """Run job ``name`` in the background unless a process claimed it."""
        try:
            claim = os.open(self.folder / f"{name}.claimed",
                            os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(claim, str(os.getpid()).encode())
        os.close(claim)
        thread = threading.Thread(target=self._run, args=(name,), daemon=True,
                                  name=f"job {name}")
        thread.start()
        self._threads.append(thread)

    def _run(self, name: str) -> None:
        workdir = self.folder / name
        workdir.mkdir()
        try:
            outcome = (True, self.jobs[name](workdir, self.stopping))
        except Exception as error:  # told to every process that waits for it
            outcome = (False, f"{type(error).__name__}: {error}")
        written = self.folder / f"{name}.partial"
        written.write_bytes(pickle.dumps(outcome))
        written.rename(self.folder / f"{name}.done")  # atomic: whole or absent

    def result(self, name: str):
        """The job's outcome, once done (starting it if nobody has). No time
        limit: a loaded machine makes a build slow, not wrong."""
        self.start(name)
        done = self.folder / f"{name}.done"
        while not done.exists():
            claimer = int((self.folder / f"{name}.claimed").read_text() or 0)
            if claimer and not alive(claimer) and not done.exists():
                raise JobFailed(f"{name}: the process running it ({claimer}) died")
            time.sleep(0.1)
        succeeded, value = pickle.loads(done.read_bytes())
        if not succeeded:
            raise JobFailed(f"{name}: {value}")
        return value

    def finish(self, stop: bool) -> None:
        """Stop the jobs this process runs (``stop``), or let them end for
        the other processes that wait for them; then wait for their threads."""
        if stop:
            self.stopping.set()
        for thread in self._threads:
            thread.join()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

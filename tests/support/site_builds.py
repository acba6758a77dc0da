"""Site builds the tests inspect: the course with MkDocs and with
ProperDocs, the smallest copy of the course for each kind of bad input,
and a copy with a throwaway extra lesson. Each is a job (support/once.py):
started when the collection holds a test that needs it, run once however
many workers share the run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbench.repository import ROOT, mkdocs_config

LESSON = "docs/lessons/channels.md"
SNIPPETS = "snippets/channels.py"
LINK_TARGET = "docs/lessons/padding.md"
RAISING = "```python\nprint(1 / 0)\n```\n"


@dataclass(frozen=True)
class Breakage:
    file: str  # the file changed, from the repository root
    old: str
    new: str
    message: str  # what the failing build prints, after "file:line: "
    marker: str  # the reported line is the first line holding it
    where: str = ""  # the file the message names, if not ``file``


BREAKAGES = {
    "section typo": Breakage(LESSON, '"channels.py:conv"', '"channels.py:convv"',
                             "Snippet section 'convv' could not be located",
                             "channels.py:convv"),
    "no exercise": Breakage(LESSON, '--8<-- "channels.py:blank"\n', "",
                            "no exercise: snippets/channels.py needs", "# "),
    "no check": Breakage(SNIPPETS, "[start:check]", "[start:verify]",
                         "the exercise has no check section", "[start:blank]"),
    "raising cell": Breakage(
        LESSON, "(lesson 2 explains how many).\n",
        f"(lesson 2 explains how many).\n\n{RAISING}",
        "ZeroDivisionError: division by zero", RAISING,
        where="notebooks/channels-solutions.ipynb, cell"),
    "broken anchor": Breakage(LESSON, "(lesson 2 explains how many)",
                              "([lesson 2](padding.md#no-such-anchor))",
                              "does not contain an anchor '#no-such-anchor'", ""),
}


class BuildFailed(AssertionError):
    """A strict build exited non-zero (the message holds its output)."""


class Stopped(Exception):
    """The test session ended before the build did."""


@dataclass(frozen=True)
class Built:
    """A finished build: what the tests read (picklable, shared by workers)."""

    project: Path
    site: Path
    code: int
    stderr: str
    line: int = 0  # line of the breakage, if any

    def result(self) -> tuple[int, str]:
        return self.code, self.stderr

    def built_site(self) -> Path:
        """The site, or BuildFailed with the exit code and output."""
        if self.code != 0:
            raise BuildFailed(f"strict build of {self.project} failed "
                              f"(exit {self.code}):\n{self.stderr}")
        return self.site


@dataclass
class Build:
    """A running build."""

    project: Path
    process: subprocess.Popen
    site: Path

    def finish(self, stopping: threading.Event | None = None,
               line: int = 0) -> Built:
        """Wait for the build, however long a loaded machine makes it,
        unless ``stopping`` is set first (the build is then killed)."""
        while True:
            try:
                stderr = self.process.communicate(timeout=0.5)[1]
                break
            except subprocess.TimeoutExpired:
                if stopping is not None and stopping.is_set():
                    self.process.kill()
                    self.process.communicate()
                    raise Stopped(f"build of {self.project} stopped") from None
        return Built(self.project, self.site, self.process.returncode, stderr, line)


def start(project: Path, site: Path, builder: str = "mkdocs") -> Build:
    """``<builder> build --strict`` of ``project`` into ``site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # No --quiet: with it MkDocs 1.6 does not count warnings for --strict.
    process = subprocess.Popen(
        [sys.executable, "-m", builder, "build", "--strict", "-f",
         str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    return Build(project, process, site)


def copy_course(root: Path, pages: list[str], plugins: list[str]) -> Path:
    """A copy of the course in ``root`` with only ``pages`` in its nav.

    Its mkdocs.yml inherits the real one: the same extensions, validation
    and --strict, with only what the case needs, so the build stays quick.
    """
    for page in pages:
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / page, root / page)
    for folder in ("snippets", "shapes"):  # mkdocs.yml's include folders
        shutil.copytree(ROOT / folder, root / folder)
    (root / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"nav: [{', '.join(page.removeprefix('docs/') for page in pages)}]\n"
        f"plugins: {configured_plugins(plugins)}\n")
    return root


def configured_plugins(names: list[str]) -> str:
    """The plugins ``names`` as mkdocs.yml configures them, in YAML's flow
    style: a copy's ``plugins`` replaces its parent's, options and all."""
    entries = {(next(iter(entry)) if isinstance(entry, dict) else entry): entry
               for entry in mkdocs_config()["plugins"]}
    return json.dumps([entries[name] for name in names])


def broken_copy(root: Path, breakage: Breakage) -> tuple[Path, int]:
    """A copy of the course with one breakage; (project, reported line)."""
    anchor = breakage.message.startswith("does not contain an anchor")
    copy_course(root, [LESSON, LINK_TARGET] if anchor else [LESSON],
                ["search"] if anchor else ["search", "course"])
    changed = root / breakage.file
    text = changed.read_text()
    assert breakage.old in text, (f"{breakage.file} lacks {breakage.old!r}: "
                                  "update BREAKAGES")
    text = text.replace(breakage.old, breakage.new, 1)
    changed.write_text(text)
    line = (text[:text.index(breakage.marker)].count("\n") + 1
            if breakage.marker else 0)
    return root, line


def course(builder: str) -> Callable[[Path, threading.Event], Built]:
    """The job building the course itself with ``builder``."""
    def job(workdir: Path, stopping: threading.Event) -> Built:
        return start(ROOT, workdir / "site", builder).finish(stopping)
    return job


def broken(name: str) -> Callable[[Path, threading.Event], Built]:
    """The job building the smallest copy of the course with one breakage."""
    def job(workdir: Path, stopping: threading.Event) -> Built:
        project, line = broken_copy(workdir, BREAKAGES[name])
        return start(project, project / "site").finish(stopping, line)
    return job


def extra_lesson(workdir: Path, stopping: threading.Event) -> Built:
    """The job building a copy of the course with a throwaway extra lesson."""
    from support.extra_lesson import extra_lesson_copy  # uses copy_course

    project = extra_lesson_copy(workdir)
    return start(project, project / "site").finish(stopping)


# Each build a test can ask for, by name: built once per test run, and only
# when a collected test needs it (tests/conftest.py).
JOBS: dict[str, Callable[[Path, threading.Event], Built]] = {
    "site": course("mkdocs"),
    "properdocs": course("properdocs"),
    "extra lesson": extra_lesson,
    **{name: broken(name) for name in BREAKAGES},
}

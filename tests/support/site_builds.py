"""MkDocs builds the tests inspect, started in the background at session
start so they overlap with the in-process tests (``import torch`` etc.)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from includes import ROOT

LESSON = "docs/lessons/channels.md"
LINK_TARGET = "docs/lessons/padding.md"
CHECKING_HOOKS = ("includes", "mathml", "formulas")
# name -> (text in LESSON, replacement, message the build must print)
BREAKAGES = {
    "section typo": ('"channels.py:conv"', '"channels.py:convv"',
                     "Snippet section 'convv' could not be located"),
    "file typo": ('"channels.py:conv"', '"chanels.py:conv"',
                  "Snippet at path 'chanels.py' could not be found"),
    "broken anchor": ("(lesson 2 explains how many)",
                      "([lesson 2](padding.md#no-such-anchor))",
                      "does not contain an anchor '#no-such-anchor'"),
}


class BuildFailed(AssertionError):
    """``mkdocs build --strict`` exited non-zero (the message holds its output)."""


@dataclass
class Build:
    project: Path
    process: subprocess.Popen
    line: int = 0  # line of the breakage in LESSON, if any
    # The site tour's thread waits for the build too: one reader at a time.
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _stderr: str | None = field(default=None, repr=False)

    @property
    def site(self) -> Path:
        return self.project / "site"

    def result(self) -> tuple[int, str]:
        """(exit code, stderr) once the build has finished."""
        with self._lock:
            if self._stderr is None:
                self._stderr = self.process.communicate(timeout=300)[1]
        return self.process.returncode, self._stderr

    def built_site(self) -> Path:
        """The site once built, or BuildFailed with the exit code and output."""
        code, stderr = self.result()
        if code != 0:
            raise BuildFailed(f"mkdocs build --strict of {self.project} failed "
                              f"(exit {code}):\n{stderr}")
        return self.site


def start(project: Path, site: Path) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # No --quiet: with it MkDocs 1.6 does not count warnings for --strict.
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
         str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)


def broken_copy(root: Path, old: str, new: str) -> tuple[Path, int]:
    """A two-page project in ``root`` with one breakage in LESSON.

    Its mkdocs.yml inherits the real one, keeping the checks under test
    (include hook, link and anchor validation, --strict) but only the pages
    the breakage needs, so the build stays quick (no notebooks, no plugins
    but search).
    """
    for page in (LESSON, LINK_TARGET):
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / page, root / page)
    for part in ("snippets", "hooks", "overrides"):  # paths mkdocs.yml names
        if (ROOT / part).exists():
            shutil.copytree(ROOT / part, root / part)
    (root / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"nav: [{LESSON.removeprefix('docs/')}, "
        f"{LINK_TARGET.removeprefix('docs/')}]\n"
        "plugins: [search]\n"
        f"hooks: {[f'hooks/{name}.py' for name in CHECKING_HOOKS]}\n")
    page = root / LESSON
    text = page.read_text()
    assert old in text, f"{LESSON} no longer contains {old!r}"
    page.write_text(text.replace(old, new, 1))
    return root, text[:text.index(old)].count("\n") + 1


def start_all(workdir: Path) -> dict[str, Build]:
    """Start the real build and one build per breakage."""
    builds = {"site": Build(workdir, start(ROOT, workdir / "site"))}
    for name, (old, new, _) in BREAKAGES.items():
        project, line = broken_copy(workdir / name.replace(" ", "-"), old, new)
        builds[name] = Build(project, start(project, project / "site"), line)
    return builds

"""The lessons, discovered once: every consumer asks this model.

A lesson is one Markdown page under ``docs/lessons/``, one snippet file of
the same name under ``snippets/`` and one nav line. Its exercise is five
sections of that file: ``exercise`` (the input), ``blank`` (the line left
for the learner), ``solution``, ``check`` and ``wrong_layers`` (one
statement per layer a learner plausibly writes instead, for the tests);
the page includes ``exercise``, ``blank`` and ``check`` in one python
fence. The
notebooks, the explorer embed, the tests and the benchmarks all take the
lessons from ``discover``, never from a folder listing of their own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

from course import explorer
from course.markdown.includes import expand, section, sections

LESSONS = "lessons"  # the folder of docs/ that holds the lesson pages
EXERCISE_SECTIONS = ("exercise", "blank", "solution", "check", "wrong_layers")
UNPUBLISHED = ("wrong_layers",)  # sections no page includes
VARIANTS = ("practice", "solutions")


class LessonError(PluginError):
    """A lesson the course cannot be built from; names the file and line."""


@dataclass(frozen=True)
class Lesson:
    """Where a lesson lives, what its exercise is, where its pages go."""

    page: Path  # docs/lessons/<name>.md
    snippets: Path  # snippets/<name>.py
    docs: Path
    site_url: str
    title: str
    title_line: int
    exercise_line: int  # the page line that includes the blank
    # pymdownx.snippets' options, the lesson's snippet folder first
    includes: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def name(self) -> str:
        return self.page.stem

    @property
    def uri(self) -> str:
        """The page's path under docs/, as MkDocs names it."""
        return self.page.relative_to(self.docs).as_posix()

    @property
    def source(self) -> str:
        """The page, as messages name it (``docs/lessons/x.md``)."""
        return f"{self.docs.name}/{self.uri}"

    def section(self, name: str) -> str:
        """A section of the lesson's snippet file, as the page includes it."""
        return section(self.snippets.name, name, self.includes)

    @functools.cached_property
    def preset(self) -> dict[str, int] | None:
        """The explorer's settings of the exercise (its input), or None if
        the exercise is no Conv2d's (the page then gets no explorer)."""
        return explorer.preset(self.section("exercise"),
                               self.section("solution"),
                               f"snippets/{self.snippets.name}")

    def expanded(self) -> list[tuple[int, str]]:
        """The page's lines with its includes expanded, each paired with
        the number of the page line it comes from."""
        return expand(self.page.read_text(encoding="utf-8"), self.source,
                      self.includes)

    def url(self, docs_path: str) -> str:
        """Published URL of a docs/ path (``.md`` pages get their page URL)."""
        if docs_path.endswith(".md"):
            docs_path = docs_path.removesuffix(".md").removesuffix("index")
            docs_path += "/" if docs_path and not docs_path.endswith("/") else ""
        return self.site_url.rstrip("/") + "/" + docs_path

    def notebook_file(self, variant: str) -> str:
        """The notebook's file name, wherever it is: the download's, and
        its path on the branch Colab opens it from (``x-practice.ipynb``)."""
        return f"{self.name}-{variant}.ipynb"

    def notebook_uri(self, variant: str) -> str:
        """The notebook page's path, as MkDocs sees it."""
        return f"notebooks/{self.notebook_file(variant)}"

    def download_uri(self, variant: str) -> str:
        """The downloadable .ipynb: next to its page (``notebooks/x/``)."""
        return f"notebooks/{self.name}-{variant}/{self.notebook_file(variant)}"

    def notebook_url(self, variant: str) -> str:
        """Published URL of the notebook's page."""
        return self.url(f"notebooks/{self.name}-{variant}/")


def blank_include(snippet: str) -> str:
    """What the line that includes an exercise's blank holds."""
    return f'--8<-- "{snippet}:blank"'


def lesson(page: Path, docs: Path, snippets: Path, site_url: str,
           includes: dict) -> Lesson:
    """The lesson of ``page``, checked: LessonError names what is missing."""
    where = f"{docs.name}/{page.relative_to(docs).as_posix()}"
    if not page.is_file():
        raise LessonError(f"the nav lists {where}, which does not exist")
    lines = page.read_text(encoding="utf-8").splitlines()
    titles = [number for number, line in enumerate(lines, start=1)
              if line.startswith("# ")]
    if not titles:
        raise LessonError(f"{where}:1: no '# Title' line to name the lesson by")
    code = snippets / f"{page.stem}.py"
    if not code.exists():
        raise LessonError(f"{where}:{titles[0]}: no snippets/{code.name}: a "
                          "lesson's code lives in the snippet file of its name")
    blanks = [number for number, line in enumerate(lines, start=1)
              if blank_include(code.name) in line]
    defined = sections(code)
    if not blanks or "blank" not in defined:
        raise LessonError(
            f"{where}:{titles[0]}: no exercise: snippets/{code.name} needs the "
            f"sections {', '.join(EXERCISE_SECTIONS)}, and the page a python "
            f'fence including "{code.name}:exercise" and "{code.name}:blank"')
    missing = [name for name in EXERCISE_SECTIONS if name not in defined]
    if missing:
        raise LessonError(f"snippets/{code.name}:{defined['blank']}: the "
                          f"exercise has no {' or '.join(missing)} section")
    return Lesson(page, code, docs, site_url,
                  lines[titles[0] - 1].removeprefix("# ").strip(), titles[0],
                  blanks[0], includes)


def nav_uris(nav: list | dict | str) -> Iterator[str]:
    """Every page path of a MkDocs nav, in order: ``"a.md"``,
    ``{"Title": "a.md"}`` and ``{"Section": [...]}`` at any depth."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for item in nav.values():
            yield from nav_uris(item)
    else:
        for item in nav:
            yield from nav_uris(item)


def is_lesson(uri: str) -> bool:
    """A page of the lessons' folder, as the nav names it."""
    return re.fullmatch(rf"{LESSONS}/[\w-]+\.md", uri) is not None


def nav_pages(nav: list | None, docs: Path) -> list[Path]:
    """The lesson pages in nav order; every page of the folder if no nav."""
    if nav is None:
        return sorted((docs / LESSONS).glob("*.md"))
    listed = [uri for uri in nav_uris(nav) if is_lesson(uri)]
    return [docs / uri for uri in dict.fromkeys(listed)]


def discover(docs: Path, snippets: Path, nav: list | None, site_url: str,
             includes: dict | None = None) -> list[Lesson]:
    """Every lesson of a site, in nav order. ``includes`` are the includes'
    options, folders absolute (default: pymdownx.snippets' own); each
    lesson reads its code from ``snippets`` in place of the first folder."""
    includes = includes or {}
    options = {**includes, "base_path": [
        str(snippets), *includes.get("base_path", [])[1:]]}
    return [lesson(page, docs, snippets, site_url, options)
            for page in nav_pages(nav, docs)]

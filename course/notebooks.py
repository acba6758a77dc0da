"""Each lesson as two notebooks, practice and solutions, in the site.

The plugin writes both ``.ipynb`` of every lesson (lesson_notebooks.py)
into the build cache, after running the solutions in one kernel
(notebook_runner.py); outputs are cached by the code cells' text, so a
rebuild runs nothing until code changes. Each notebook is added to the
build's files and gets a nav entry under "Notebooks"; mkdocs-jupyter's
plugin renders it as a page and puts the ``.ipynb`` next to it (its
``include_source``), the download.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from contextlib import nullcontext
from importlib.metadata import version
from pathlib import Path

import nbformat
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from course.lesson_notebooks import notebooks
from course.lessons import VARIANTS, Lesson
from course.notebook_math import TABLE, math_table
from course.notebook_runner import Kernel

log = logging.getLogger("mkdocs.plugins.course")


def add_nav_section(nav: list | None, lessons: list[Lesson]) -> None:
    """The "Notebooks" section, after the one that lists the lessons."""
    if nav is None:  # MkDocs lists every page by itself
        return
    with_lessons = [index for index, item in enumerate(nav)
                    if "lessons/" in json.dumps(item)]
    nav.insert(with_lessons[-1] + 1 if with_lessons else len(nav), {
        "Notebooks": [{f"{lesson.title} — {variant}": lesson.notebook_uri(variant)}
                      for lesson in lessons for variant in VARIANTS]})


@functools.cache
def torch_version() -> str:
    return version("torch")


def code_key(notebook: nbformat.NotebookNode) -> str:
    """What the outputs depend on: the code cells and the torch version."""
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    return hashlib.sha256(json.dumps([torch_version(), code]).encode()
                          ).hexdigest()[:32]


def run_solutions(solutions: dict[str, nbformat.NotebookNode], cache: Path,
                  kernel: Kernel | None = None) -> None:
    """Fill in the outputs: from the cache, or by running in one kernel
    (``kernel`` if given, else one started here)."""
    todo, used = {}, set()
    for name, notebook in solutions.items():
        stored = cache / "outputs" / f"{code_key(notebook)}.json"
        used.add(stored)
        if stored.exists():
            outputs = iter(nbformat.from_dict(
                json.loads(stored.read_text(encoding="utf-8"))))
            for cell in notebook.cells:
                if cell.cell_type == "code":
                    cell.execution_count, cell.outputs = next(outputs)
        else:
            todo[name] = (notebook, stored)
    if todo:
        log.info("Running notebooks (their code changed): %s", ", ".join(todo))
        with nullcontext(kernel) if kernel else Kernel() as running:
            for name, (notebook, stored) in todo.items():
                running.run(notebook, name)
                write_if_changed(stored, json.dumps([
                    (cell.execution_count, cell.outputs)
                    for cell in notebook.cells if cell.cell_type == "code"]))
    prune(cache / "outputs", used)


def prune(directory: Path, used: set[Path]) -> None:
    """Delete the cache entries this build did not use."""
    for stale in directory.glob("*.json"):
        if stale not in used:
            stale.unlink()


def write_if_changed(path: Path, text: str) -> None:
    """Write atomically (builds may run side by side), and only changes."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def notebook_files(lessons: list[Lesson], cache: Path, config) -> list[File]:
    """Generate and run every lesson's notebooks, as files of the build,
    with the MathML of their formulas (notebook_math.py).

    A file of the cache folder, as a page of docs/ is one of docs/ (that is
    how mkdocs-jupyter finds it on disk); its name is the download's
    (``channels-practice.ipynb``), which mkdocs-jupyter copies next to the
    page.
    """
    made = {(lesson, variant): notebook for lesson in lessons
            for variant, notebook in notebooks(lesson).items()}
    run_solutions({lesson.notebook_uri(variant): notebook
                   for (lesson, variant), notebook in made.items()
                   if variant == "solutions"}, cache)
    files = []
    for (lesson, variant), notebook in made.items():
        uri = lesson.notebook_uri(variant)
        write_if_changed(cache / uri, nbformat.writes(notebook))
        page = File(uri, str(cache), config.site_dir, config.use_directory_urls)
        page.edit_uri = lesson.uri  # the source
        files.append(page)
    files.append(File.generated(config, TABLE, content=math_table(made.values())))
    return files


def notebook_link(lesson: Lesson, variant: str, page_url: str,
                  download: bool) -> str:
    """A link to a notebook: its .ipynb to download, or its page."""
    target = lesson.download_uri(variant)
    label = Path(target).name if download else f"{variant} notebook"
    if not download:  # the page: the folder the .ipynb sits in
        target = target.removesuffix(Path(target).name)
    return (f'<a href="{get_relative_url(target, page_url)}"'
            f'{" download" if download else ""}>{label}</a>')


def download_links(lesson: Lesson, page_url: str) -> str:
    """The lesson page's "Download this lesson as a notebook" paragraph."""
    def link(variant: str, download: bool) -> str:
        return notebook_link(lesson, variant, page_url, download)
    return ('<p class="lesson-notebooks">Download this lesson as a notebook: '
            f'{link("practice", True)} (the exercise left for you) or '
            f'{link("solutions", True)}, or read them here: '
            f'{link("practice", False)}, {link("solutions", False)}.</p>')


def exercise_links(lesson: Lesson, page_url: str) -> str:
    """The paragraph under the exercise's heading: the notebooks, where a
    search for the exercise lands. The site's search leaves the notebooks
    out: they repeat the lesson, and every page loads the search index."""
    def link(variant: str) -> str:
        return notebook_link(lesson, variant, page_url, False)
    return ('<p class="exercise-notebooks">This exercise in a notebook: '
            f'{link("practice")} (left for you) or {link("solutions")}. The '
            "site's search shows this page for them: they repeat its text.</p>")

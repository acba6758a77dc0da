"""Each lesson as two notebooks, practice and solutions, in the site.

The plugin writes both ``.ipynb`` of every lesson (convert.py) into the
build cache, after running the solutions in one kernel (kernel.py);
outputs are cached by the code cells' text, so a rebuild runs nothing
until code changes. Each notebook is added to the build's files, out of
the nav (mkdocs.yml's ``not_in_nav``: the Notebooks page and its lesson
link to it); mkdocs-jupyter's plugin renders it as a page and puts the
``.ipynb`` next to it (its ``include_source``), the download.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from contextlib import nullcontext
from importlib.metadata import version
from pathlib import Path

import nbformat
from mkdocs.structure.files import File

from course.lessons import Lesson
from course.logger import log
from course.notebooks.convert import notebooks
from course.notebooks.kernel import Kernel
from course.notebooks.math import TABLE, math_table


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
    with the MathML of their formulas (math.py).

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


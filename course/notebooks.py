"""MkDocs hook: every lesson as two notebooks, practice and solutions.

The notebooks are generated from the lessons at each build (so they cannot
go stale) into ``.cache/notebooks/``, and become pages of a "Notebooks" nav
section, rendered by mkdocs-jupyter's converter (notebook_pages.py), with
the ``.ipynb`` next to each page to download. The solutions notebooks run
in a real kernel first: a failing cell stops the build, naming notebook and
cell. Outputs are cached by the code cells' text, so a rebuild runs nothing
unless code changed. Each lesson page gets download links for its two
notebooks.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
from contextlib import nullcontext
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin

import nbformat
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from lesson_notebooks import DOCS, VARIANTS, Lesson, notebooks
from notebook_pages import NotebookPage, render, write_if_changed
from notebook_runner import Kernel

log = logging.getLogger("mkdocs.hooks.notebooks")
CACHE = Path(".cache") / "notebooks"

_rendered: set[Path] = set()  # page cache entries this build used
_lessons: dict[str, Lesson] = {}  # lesson page src_uri -> lesson
_notebooks: dict[str, Lesson] = {}  # notebook src_uri -> its lesson


def lesson_pages(config) -> list[Path]:
    """The lessons, in nav order (then any the nav leaves out)."""
    listed = re.findall(r"lessons/[\w-]+\.md", json.dumps(config.nav or []))
    return sorted((DOCS / "lessons").glob("*.md"), key=lambda page: (
        listed.index(f"lessons/{page.name}")
        if f"lessons/{page.name}" in listed else len(listed), page.name))


def on_config(config, **kwargs):
    """Add the "Notebooks" nav section: two pages per lesson."""
    for built_before in (_rendered, _lessons, _notebooks):  # serve
        built_before.clear()
    for page in lesson_pages(config):
        lesson = Lesson(page, config.site_url or "")
        _lessons[page.relative_to(DOCS).as_posix()] = lesson
        _notebooks.update({lesson.notebook_uri(variant): lesson
                           for variant in VARIANTS})
    if config.nav is not None:  # else MkDocs lists every page by itself
        with_lessons = [index for index, item in enumerate(config.nav)
                        if "lessons/" in json.dumps(item)]
        config.nav.insert(with_lessons[-1] + 1 if with_lessons else
                          len(config.nav), {"Notebooks": [
            {f"{lesson.title} — {variant}": lesson.notebook_uri(variant)}
            for lesson in _lessons.values() for variant in VARIANTS]})
    return config


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


def on_files(files: Files, config, **kwargs) -> Files:
    """Generate, run and register every lesson's notebooks."""
    cache = Path(config.config_file_path).parent / CACHE
    made = {(lesson, variant): notebook for lesson in _lessons.values()
            for variant, notebook in notebooks(lesson).items()}
    run_solutions({lesson.notebook_uri(variant): notebook
                   for (lesson, variant), notebook in made.items()
                   if variant == "solutions"}, cache)
    for (lesson, variant), notebook in made.items():
        download = lesson.download_uri(variant)
        write_if_changed(cache / download, nbformat.writes(notebook))
        page = NotebookPage.generated(config, lesson.notebook_uri(variant),
                                      abs_src_path=str(cache / download))
        page.edit_uri = lesson.page.relative_to(DOCS).as_posix()  # the source
        files.append(page)
        files.append(File.generated(config, download,
                                    abs_src_path=str(cache / download)))
    return files


def on_page_read_source(page, **kwargs) -> str | None:
    """A notebook page has no Markdown source (its render is below)."""
    return "" if page.file.src_uri in _notebooks else None


def on_pre_page(page, config, **kwargs):
    """Notebook pages: HTML from the cached converter, and ``nb_url`` (as
    mkdocs-jupyter sets it) for the download button of overrides/."""
    if page.file.src_uri not in _notebooks:
        return page
    cache = Path(config.config_file_path).parent / CACHE / "pages"

    def render_notebook(config, files) -> None:
        rendered = render(Path(page.file.abs_src_path), cache)
        _rendered.add(rendered["path"])
        page.content, page.toc = rendered["content"], get_toc(rendered["toc"])

    page.render = render_notebook
    page.nb_url = urljoin(page.abs_url or "", Path(page.file.abs_src_path).name)
    return page


def download_links(lesson: Lesson, page_url: str) -> str:
    """The lesson page's "Download this lesson as a notebook" paragraph."""
    def link(variant: str, download: bool) -> str:
        target = lesson.download_uri(variant)
        label = Path(target).name if download else f"{variant} notebook"
        if not download:  # the page: the folder the .ipynb sits in
            target = target.removesuffix(Path(target).name)
        return (f'<a href="{get_relative_url(target, page_url)}"'
                f'{" download" if download else ""}>{label}</a>')
    return ('<p class="lesson-notebooks">Download this lesson as a notebook: '
            f'{link("practice", True)} (the exercise left for you) or '
            f'{link("solutions", True)}, or read them here: '
            f'{link("practice", False)}, {link("solutions", False)}.</p>')


def on_page_content(content: str, page, **kwargs) -> str:
    """Lesson pages: the download links, under the title. Notebook pages:
    out of the search index (set here: reading the source resets meta)."""
    if page.file.src_uri in _notebooks:
        # Search finds the lesson; the same text again would only repeat it.
        page.meta["search"] = {"exclude": True}
    if lesson := _lessons.get(page.file.src_uri):
        title = content.find("</h1>")
        title_end = title + len("</h1>") if title >= 0 else 0
        return (content[:title_end] + download_links(lesson, page.url)
                + content[title_end:])
    return content


def on_post_build(config, **kwargs) -> None:
    """Forget the page renders this build did not use."""
    if _rendered:
        prune(Path(config.config_file_path).parent / CACHE / "pages", _rendered)

"""MkDocs hook: every lesson as two notebooks, practice and solutions.

The notebooks are generated from the lessons at each build (so they cannot
go stale) into ``.cache/notebooks/``, and handed to mkdocs-jupyter as pages
of a "Notebooks" nav section. The solutions notebooks run in a real kernel
first: a failing cell stops the build, naming notebook and cell. Outputs are
cached by the code cells' text, so a rebuild runs nothing unless code
changed. Each lesson page gets download links for its two notebooks.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import logging
import os
import re
from contextlib import nullcontext
from importlib.metadata import version
from pathlib import Path

import nbformat
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from lesson_notebooks import DOCS, VARIANTS, Lesson, notebooks
from mathml import to_mathml
from notebook_runner import Kernel

log = logging.getLogger("mkdocs.hooks.notebooks")
CACHE = Path(".cache") / "notebooks"
MARKDOWN_CELL = re.compile(
    r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^>]*>)(.*?)(</div>)',
    re.S)
MATH = re.compile(r"\$\$(?P<block>.+?)\$\$|\$(?P<inline>[^$\n]+?)\$", re.S)
# nbconvert's script tags: MathJax and mermaid from a CDN. The math is
# turned into MathML here, and the lessons have no diagrams.
CDN_SCRIPTS = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax "
                         r"configuration -->|<script type=\"module\">"
                         r"(?:(?!</script>).)*?mermaid.*?</script>", re.S)

STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
NOTEBOOK_CSS = "assets/notebooks/jupyterlab.css"
CODE_CELL = '<div class="highlight-ipynb'
KEYBOARD_SCROLLABLE = '<div tabindex="0" class="highlight-ipynb'

_styles: dict[str, None] = {}  # the notebook pages' CSS, in order, once
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
    for built_before in (_styles, _lessons, _notebooks):  # mkdocs serve
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


def write_if_changed(path: Path, text: str) -> None:
    """Write atomically, and only when the text changed."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


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
    for stale in (cache / "outputs").glob("*.json"):
        if stale not in used:
            stale.unlink()


@event_priority(50)  # before mkdocs-jupyter's on_files wraps the notebooks
def on_files(files: Files, config, **kwargs) -> Files:
    """Generate, run and register every lesson's notebooks."""
    cache = Path(config.config_file_path).parent / CACHE
    made = {(lesson, variant): notebook for lesson in _lessons.values()
            for variant, notebook in notebooks(lesson).items()}
    run_solutions({lesson.notebook_uri(variant): notebook
                   for (lesson, variant), notebook in made.items()
                   if variant == "solutions"}, cache)
    for (lesson, variant), notebook in made.items():
        uri = lesson.notebook_uri(variant)
        write_if_changed(cache / uri, nbformat.writes(notebook))
        # A plain File on disk: mkdocs-jupyter's wrapper cannot read
        # File.generated()'s source path.
        files.append(File(uri, src_dir=str(cache), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    return files


def download_links(lesson: Lesson, page_url: str) -> str:
    """The lesson page's "Download this lesson as a notebook" paragraph."""
    def link(variant: str, download: bool) -> str:
        stem = Path(lesson.notebook_uri(variant)).stem
        target = f"notebooks/{stem}/" + (f"{stem}.ipynb" if download else "")
        label = f"{stem}.ipynb" if download else f"{variant} notebook"
        return (f'<a href="{get_relative_url(target, page_url)}"'
                f'{" download" if download else ""}>{label}</a>')
    return ('<p class="lesson-notebooks">Download this lesson as a notebook: '
            f'{link("practice", True)} (the exercise left for you) or '
            f'{link("solutions", True)}, or read them here: '
            f'{link("practice", False)}, {link("solutions", False)}.</p>')


# Practice and solutions notebooks hold the same formulas: convert once.
cached_mathml = functools.cache(to_mathml)


def math_to_mathml(cell: re.Match) -> str:
    """MathML for the ``$...$`` nbconvert leaves in a Markdown cell."""
    def convert(math: re.Match) -> str:
        tex = html.unescape(math["block"] or math["inline"]).strip()
        return cached_mathml(tex, block=math["block"] is not None)
    return cell[1] + MATH.sub(convert, cell[2]) + cell[3]


def on_page_content(content: str, page, **kwargs) -> str:
    """Lesson pages: add the download links. Notebook pages: local math."""
    if lesson := _lessons.get(page.file.src_uri):
        title_end = max(content.find("</h1>") + len("</h1>"), 0)
        return (content[:title_end] + download_links(lesson, page.url)
                + content[title_end:])
    if lesson := _notebooks.get(page.file.src_uri):
        if page.edit_url:  # "edit" opens the lesson: the notebook's source
            page.edit_url = (page.edit_url.removesuffix(page.file.src_uri)
                             + lesson.page.relative_to(DOCS).as_posix())
        # Search finds the lesson; the same text again would only repeat it.
        page.meta["search"] = {"exclude": True}
        content = STYLE.sub(hoist_style, CDN_SCRIPTS.sub("", content))
        # A long line scrolls its code cell sideways: keyboards must reach it.
        content = content.replace(CODE_CELL, KEYBOARD_SCROLLABLE)
        return MARKDOWN_CELL.sub(math_to_mathml, content)
    return content


def hoist_style(style: re.Match) -> str:
    """Move a notebook page's inline CSS (about 600 kB, the same on every
    notebook page) to the one stylesheet overrides/main.html links."""
    css = style[1].strip()
    if not css.startswith("["):  # mkdocs-jupyter also inlines a Python list
        _styles.setdefault(css)
    return ""


def on_post_build(config, **kwargs) -> None:
    if _styles:
        write_if_changed(Path(config.site_dir) / NOTEBOOK_CSS, "\n".join(_styles))

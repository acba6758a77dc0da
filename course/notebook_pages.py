"""Notebook pages: HTML from mkdocs-jupyter's converter, cached.

mkdocs-jupyter (nbconvert with its templates) turns each notebook into page
HTML. Its plugin would import nbconvert on every build (about a second, as
long as the rest of the build), so the converter is called from here, and
only for a notebook whose bytes changed: the HTML and table of contents are
cached in ``.cache/notebooks/pages/``.

The HTML is then fitted to the site: JupyterLab's inline CSS (600 kB) goes,
as the theme's code colours and overrides/assets/stylesheets/notebooks.css
(2 kB) style the few classes the cells use; the MathJax and mermaid scripts
(fetched from a CDN) go, ``$...$`` math becomes MathML, and code cells that
scroll sideways become reachable by keyboard.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from importlib.metadata import version
from pathlib import Path

from mkdocs.structure.files import File

from course import mathml

# mkdocs-jupyter's options: the hook runs the notebooks, so no execution;
# no "In [1]:" prompts (counts mean nothing to readers); no CDN scripts.
CONVERTER_OPTIONS = {"execute": False, "theme": "", "allow_errors": False,
                     "no_prompt": True, "include_requirejs": False,
                     "custom_mathjax_url": ""}
TOC_DEPTH = 6
STYLE = re.compile(r"<style[^>]*>.*?</style>", re.S)
CDN_SCRIPTS = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax "
                         r"configuration -->|<script type=\"module\">"
                         r"(?:(?!</script>).)*?mermaid.*?</script>", re.S)
MARKDOWN_CELL = re.compile(
    r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^>]*>)(.*?)(</div>)',
    re.S)
MATH = re.compile(r"\$\$(?P<block>.+?)\$\$|\$(?P<inline>[^$\n]+?)\$", re.S)
CODE_CELL = '<div class="highlight-ipynb'
# Focusable: a long line scrolls its cell sideways, keyboards must reach it.
# "highlight": the theme's code colours, as in the lessons' code blocks.
SITE_CODE_CELL = '<div tabindex="0" class="highlight highlight-ipynb'
# The code that fits the converter's HTML to the site: part of the cache key.
FITTING = Path(__file__).read_bytes() + Path(mathml.__file__).read_bytes()


class NotebookPage(File):
    """A generated ``.ipynb`` that MkDocs builds as a page."""

    def is_documentation_page(self) -> bool:
        return True


def write_if_changed(path: Path, text: str) -> None:
    """Write atomically (builds may run side by side), and only changes."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def cache_path(notebook: Path, cache: Path) -> Path:
    """The cache entry for a notebook: a new one when the notebook, the
    converter or the fitting code here changes."""
    key = hashlib.sha256(notebook.read_bytes() + FITTING + repr(
        (CONVERTER_OPTIONS, version("mkdocs-jupyter"))).encode()).hexdigest()
    return cache / f"{key[:32]}.json"


def render(notebook: Path, cache: Path) -> dict:
    """``content`` (HTML) and ``toc`` (tokens) of a notebook page."""
    stored = cache_path(notebook, cache)
    if stored.exists():
        return json.loads(stored.read_text(encoding="utf-8")) | {"path": stored}
    from mkdocs_jupyter.convert import nb2html
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens  # the plugin's TOC

    content = STYLE.sub("", CDN_SCRIPTS.sub("", nb2html(
        str(notebook), **CONVERTER_OPTIONS)))
    content = content.replace(CODE_CELL, SITE_CODE_CELL)
    page = {"content": MARKDOWN_CELL.sub(math_to_mathml, content),
            "toc": _get_nb_toc_tokens(str(notebook), TOC_DEPTH)[0]}
    write_if_changed(stored, json.dumps(page))
    return page | {"path": stored}


def math_to_mathml(cell: re.Match) -> str:
    """MathML for the ``$...$`` nbconvert leaves in a Markdown cell."""
    def convert(math: re.Match) -> str:
        tex = html.unescape(math["block"] or math["inline"]).strip()
        return mathml.to_mathml(tex, block=math["block"] is not None)
    return cell[1] + MATH.sub(convert, cell[2]) + cell[3]

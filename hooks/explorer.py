"""Embed the Conv2d shape explorer in every lesson, set to its exercise's input.

The input comes from the lesson's own snippet file, never typed again:
section ``exercise`` of ``snippets/<lesson>.py`` defines it
(``x = torch.randn(N, C, H, W)``). The layer stays the explorer's neutral
default (in_channels = C, kernel 3, stride 1, no padding): the exercise asks
the learner to find the layer, so the embed must not show the solution's. A
lesson whose snippet file has no such section gets no explorer. Pages
holding an explorer (lessons and docs/explorer.md) load its ES module; no
other page does.
"""

from __future__ import annotations

import ast
import html
import logging
from urllib.parse import urlencode

from mkdocs.utils import get_relative_url

from includes import ROOT, snippet_section

SNIPPETS = ROOT / "snippets"
MARKER = "data-conv-explorer"
log = logging.getLogger("mkdocs.hooks.explorer")


def section(lesson: str, name: str) -> str:
    """A section of snippets/<lesson>.py, as the lessons include it."""
    return "\n".join(snippet_section(f"{lesson}.py", name))


def calls(source: str, name: str) -> list[ast.Call]:
    """Calls of ``name`` (``torch.randn``...) in source order."""
    return [node for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and ast.unparse(node.func) == name]


def lesson_preset(lesson: str) -> dict[str, int] | None:
    """The explorer's settings for a lesson: its exercise's input
    (``n``, ``c``, ``h``, ``w`` in the explorer's URL keys); None if the
    lesson has no exercise."""
    path = SNIPPETS / f"{lesson}.py"
    if not path.exists() or "[start:exercise]" not in path.read_text():
        return None
    inputs = calls(section(lesson, "exercise"), "torch.randn")
    if not inputs:
        log.info("snippets/%s.py: no torch.randn input in the exercise; no "
                 "explorer on the lesson", lesson)
        return None
    try:
        shape = [ast.literal_eval(arg) for arg in inputs[0].args]
        if len(shape) != 4 or not all(isinstance(n, int) for n in shape):
            raise ValueError(f"a 4-D shape of ints, got {shape}")
    except ValueError as error:
        # A warning, so `mkdocs build --strict` stops and names the file.
        log.warning("snippets/%s.py: the explorer needs the exercise's "
                    "torch.randn(N, C, H, W) written with literal ints (%s)",
                    lesson, error)
        return None
    return dict(zip("nchw", shape, strict=True))


def widget(preset: dict, link: str) -> str:
    """The explorer's placeholder element; explorer.js builds the form."""
    return (f'<div {MARKER} class="conv-explorer" data-preset='
            f'"{html.escape(urlencode(preset))}" data-link="{link}"><noscript>'
            "The explorer needs JavaScript.</noscript></div>")


def on_page_markdown(markdown: str, page, **kwargs) -> str:
    """MkDocs hook: append an explorer with the exercise's input to each lesson."""
    if not page.file.src_uri.startswith("lessons/"):
        return markdown
    preset = lesson_preset(page.file.src_uri.removeprefix("lessons/")
                           .removesuffix(".md"))
    if preset is None:
        return markdown
    link = get_relative_url("explorer/", page.url)
    return (f"{markdown}\n\n## Try the exercise in the explorer\n\n"
            "The explorer starts from this lesson's exercise input and a plain "
            "3x3 layer: set the layer's arguments until the output shape is "
            f"the one the exercise asks for.\n\n{widget(preset, link)}\n")


def on_page_content(content: str, page, **kwargs) -> str:
    """MkDocs hook: load the explorer module on pages that hold one.

    Only once the page has loaded: the widget ends the lesson, far below
    what a reader sees first, so its module, stylesheet and form must not
    delay the text (DOMContentLoaded and load, benchmarks/pages.py).
    """
    if MARKER not in content:
        return content
    script = get_relative_url("javascripts/explorer.js", page.url)
    return (f'{content}\n<script type="module">addEventListener('
            f'"load", () => import("./{script}"))</script>\n')

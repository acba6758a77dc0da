"""Embed the Conv2d shape explorer in every lesson, prefilled with its exercise.

The numbers come from the lesson's own snippet file, never typed again:
section ``exercise`` of ``snippets/<lesson>.py`` defines the input
(``x = torch.randn(N, C, H, W)``) and section ``solution`` the layer
(``conv = nn.Conv2d(...)``, or an ``nn.Sequential`` whose first layer is
used). A lesson whose snippet file has no such sections yet gets no
explorer. Pages holding an explorer (lessons and docs/explorer.md) load its
ES module; no other page does.
"""

from __future__ import annotations

import ast
import html
import logging
from urllib.parse import urlencode

from mkdocs.utils import get_relative_url

from includes import ROOT, snippet_section

SNIPPETS = ROOT / "snippets"
LAYER_ARGUMENTS = ("in_channels", "out_channels", "kernel_size", "stride",
                   "padding", "dilation", "groups", "bias", "padding_mode")
DEFAULTS = {"stride": 1, "padding": 0, "dilation": 1, "groups": 1,
            "bias": True, "padding_mode": "zeros"}
MARKER = "data-conv-explorer"
log = logging.getLogger("mkdocs.hooks.explorer")


def section(lesson: str, name: str) -> str:
    """A section of snippets/<lesson>.py, as the lessons include it."""
    return "\n".join(snippet_section(f"{lesson}.py", name))


def calls(source: str, name: str) -> list[ast.Call]:
    """Calls of ``name`` (``torch.randn``, ``nn.Conv2d``...) in source order."""
    return [node for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and ast.unparse(node.func) == name]


def pair(value: int | tuple[int, int]) -> list[int]:
    return [value, value] if isinstance(value, int) else list(value)


def layer_config(call: ast.Call, input_shape: list[int]) -> dict:
    """The explorer's configuration of ``nn.Conv2d(...)`` applied to the input."""
    given = dict(zip(LAYER_ARGUMENTS, call.args, strict=False))
    given.update((keyword.arg, keyword.value) for keyword in call.keywords)
    layer = {**DEFAULTS, **{name: ast.literal_eval(node)
                            for name, node in given.items()}}
    padding = layer["padding"]
    return {"input": input_shape, "in_channels": layer["in_channels"],
            "out_channels": layer["out_channels"],
            "kernel_size": pair(layer["kernel_size"]),
            "stride": pair(layer["stride"]),
            "padding": padding if isinstance(padding, str) else pair(padding),
            "dilation": pair(layer["dilation"]), "groups": layer["groups"],
            "bias": layer["bias"], "padding_mode": layer["padding_mode"]}


def lesson_preset(lesson: str) -> dict | None:
    """The explorer preset of a lesson's exercise; None if it has none."""
    path = SNIPPETS / f"{lesson}.py"
    text = path.read_text() if path.exists() else ""
    if "[start:exercise]" not in text or "[start:solution]" not in text:
        return None
    inputs = calls(section(lesson, "exercise"), "torch.randn")
    layers = calls(section(lesson, "solution"), "nn.Conv2d")
    if not inputs or not layers:
        log.info("snippets/%s.py: no torch.randn input or nn.Conv2d layer in "
                 "the exercise; no explorer on the lesson", lesson)
        return None
    try:
        return layer_config(layers[0], [ast.literal_eval(arg)
                                        for arg in inputs[0].args])
    except (ValueError, TypeError, KeyError) as error:
        # A warning, so `mkdocs build --strict` stops and names the file.
        log.warning("snippets/%s.py: the explorer needs the exercise's "
                    "torch.randn(...) and the solution's nn.Conv2d(...) "
                    "written with literal arguments (%s: %s)", lesson,
                    type(error).__name__, error)
        return None


def url_state(config: dict) -> str:
    """A configuration as the explorer writes it in its URL (n=8&c=3&...)."""
    n, _, h, w = config["input"]
    padding = config["padding"]
    pad, (ph, pw) = ((padding, (0, 0)) if isinstance(padding, str)
                     else ("numbers", padding))
    pairs = {name: config[key][axis] for key, names in
             (("kernel_size", "kh kw"), ("stride", "sh sw"), ("dilation", "dh dw"))
             for axis, name in enumerate(names.split())}
    return urlencode({"n": n, "c": config["in_channels"], "h": h, "w": w,
                      "o": config["out_channels"], **pairs, "g": config["groups"],
                      "pad": pad, "ph": ph, "pw": pw, "bias": int(config["bias"]),
                      "mode": config["padding_mode"]})


def widget(preset: dict, link: str) -> str:
    """The explorer's placeholder element; explorer.js builds the form."""
    return (f'<div {MARKER} class="conv-explorer" data-preset='
            f'"{html.escape(url_state(preset))}" data-link="{link}"><noscript>'
            "The explorer needs JavaScript.</noscript></div>")


def on_page_markdown(markdown: str, page, **kwargs) -> str:
    """MkDocs hook: append an explorer with the exercise to each lesson."""
    if not page.file.src_uri.startswith("lessons/"):
        return markdown
    preset = lesson_preset(page.file.src_uri.removeprefix("lessons/")
                           .removesuffix(".md"))
    if preset is None:
        return markdown
    link = get_relative_url("explorer/", page.url)
    return (f"{markdown}\n\n## Try the exercise in the explorer\n\n"
            "Change any argument and watch the output shape; the explorer "
            f"starts from this lesson's exercise.\n\n{widget(preset, link)}\n")


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

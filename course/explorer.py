"""The shape explorer's embed in a lesson page.

A lesson whose solution holds an ``nn.Conv2d`` embeds an explorer set to
its exercise's input: section ``exercise`` of the lesson's snippet file
defines it (``x = torch.randn(N, C, H, W)``); other lessons (a pooling
layer, a Linear, a tensor from NumPy) get no embed. The layer stays the
explorer's neutral default (in_channels = C, kernel 3, stride 1, no
padding): the exercise asks the learner to find the layer, so the embed
must not show the solution's.
"""

from __future__ import annotations

import ast
import html
from urllib.parse import urlencode

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from course.widgets import WIDGETS

MARKER = WIDGETS["explorer"]["marker"]
INPUT_KEYS = WIDGETS["explorer"]["inputKeys"]  # N, C, H, W in the explorer's URL


class PresetError(PluginError):
    """An exercise the explorer cannot read its numbers from."""


def calls(source: str, name: str) -> list[ast.Call]:
    """Calls of ``name`` (``torch.randn``, ``nn.Conv2d``...) in source order."""
    return [node for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and ast.unparse(node.func) == name]


def preset(exercise: str, solution: str, where: str) -> dict[str, int] | None:
    """The explorer's settings for an exercise: its input (``n``, ``c``,
    ``h``, ``w``, the explorer's URL keys), or None when the solution holds
    no ``nn.Conv2d`` (the explorer shows nothing else). PresetError names
    ``where`` if a Conv2d exercise's input cannot be read."""
    if not calls(solution, "nn.Conv2d"):
        return None
    inputs = calls(exercise, "torch.randn")
    try:
        if not inputs:
            raise ValueError("no torch.randn(...) input")
        shape = [ast.literal_eval(arg) for arg in inputs[0].args]
        if len(shape) != 4 or not all(isinstance(n, int) for n in shape):
            raise ValueError(f"a 4-D shape of ints, got {shape}")
    except ValueError as error:
        raise PresetError(f"{where}: the explorer needs the exercise's "
                          "torch.randn(N, C, H, W) written with literal ints "
                          f"({error})") from None
    return dict(zip(INPUT_KEYS, shape, strict=True))


def embed(settings: dict[str, int], page_url: str) -> str:
    """The lesson's "Try the exercise" section: explorer.js builds the form
    in the placeholder."""
    link = get_relative_url("explorer/", page_url)
    return ("## Try the exercise in the explorer\n\n"
            "The explorer starts from this lesson's exercise input and a plain "
            "3x3 layer: set the layer's arguments until the output shape is "
            "the one the exercise asks for. It shows one layer at a time: for a "
            "stack, find the first layer, then enter its output as the input "
            "to find the next.\n\n"
            f'<div {MARKER} class="conv-explorer" data-preset='
            f'"{html.escape(urlencode(settings))}" data-link="{link}">'
            "<noscript>The explorer needs JavaScript.</noscript></div>\n")


"""The shape explorer's configuration, on the Python side, and its embed.

A configuration is what docs/javascripts/shapes/conv.js's ``explore`` takes:
``nn.Conv2d``'s arguments with pairs as lists, plus ``input`` (the shape
given to ``torch.randn``). ``config`` builds one and ``conv2d_arguments``
turns one back into the layer's arguments, for the PyTorch oracle and the
stored cases of the tests: the format is defined here once.

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

PAIRS = ("kernel_size", "stride", "dilation")
MARKER = WIDGETS["explorer"]["marker"]
INPUT_KEYS = WIDGETS["explorer"]["inputKeys"]  # N, C, H, W in the explorer's URL


class PresetError(PluginError):
    """An exercise the explorer cannot read its numbers from."""


def pair(value: int | tuple[int, int] | list[int]) -> list[int]:
    return [value, value] if isinstance(value, int) else list(value)


def config(input: list[int] | tuple[int, ...], in_channels: int,
           out_channels: int, kernel_size, stride=1, padding=0, dilation=1,
           groups: int = 1, bias: bool = True,
           padding_mode: str = "zeros") -> dict:
    """An explorer configuration from ``nn.Conv2d``'s arguments."""
    return {"input": list(input), "in_channels": in_channels,
            "out_channels": out_channels, "kernel_size": pair(kernel_size),
            "stride": pair(stride),
            "padding": padding if isinstance(padding, str) else pair(padding),
            "dilation": pair(dilation), "groups": groups, "bias": bias,
            "padding_mode": padding_mode}


def conv2d_arguments(configuration: dict) -> dict:
    """``nn.Conv2d``'s keyword arguments of a configuration (pairs as tuples)."""
    arguments = {key: value for key, value in configuration.items()
                 if key != "input"}
    for key in (*PAIRS, "padding"):
        if isinstance(arguments[key], list):
            arguments[key] = tuple(arguments[key])
    return arguments


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


"""The shape explorer's configuration, on the Python side, and its embed.

A configuration is what docs/javascripts/convshape.js's ``explore`` takes:
``nn.Conv2d``'s arguments with pairs as lists, plus ``input`` (the shape
given to ``torch.randn``). ``config`` builds one; everything else (the
lesson presets, the PyTorch oracle and the stored cases of the tests, the
URL state of an embed) converts from it, so the format is defined here once.

Each lesson embeds an explorer prefilled from its exercise: section
``exercise`` of the lesson's snippet file defines the input
(``x = torch.randn(N, C, H, W)``) and section ``solution`` the layer
(``conv = nn.Conv2d(...)``, or an ``nn.Sequential`` whose first layer is
used).
"""

from __future__ import annotations

import ast
import html
from urllib.parse import urlencode

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

LAYER_ARGUMENTS = ("in_channels", "out_channels", "kernel_size", "stride",
                   "padding", "dilation", "groups", "bias", "padding_mode")
PAIRS = ("kernel_size", "stride", "dilation")
MARKER = "data-conv-explorer"
MODULE = "javascripts/explorer.js"


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


def url_state(configuration: dict) -> str:
    """A configuration as the explorer writes it in its URL (n=8&c=3&...)."""
    n, _, h, w = configuration["input"]
    padding = configuration["padding"]
    pad, (ph, pw) = ((padding, (0, 0)) if isinstance(padding, str)
                     else ("numbers", padding))
    pairs = {name: configuration[key][axis] for key, names in
             (("kernel_size", "kh kw"), ("stride", "sh sw"), ("dilation", "dh dw"))
             for axis, name in enumerate(names.split())}
    return urlencode({"n": n, "c": configuration["in_channels"], "h": h, "w": w,
                      "o": configuration["out_channels"], **pairs,
                      "g": configuration["groups"], "pad": pad, "ph": ph,
                      "pw": pw, "bias": int(configuration["bias"]),
                      "mode": configuration["padding_mode"]})


def calls(source: str, name: str) -> list[ast.Call]:
    """Calls of ``name`` (``torch.randn``, ``nn.Conv2d``...) in source order."""
    return [node for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and ast.unparse(node.func) == name]


def preset(exercise: str, solution: str, where: str) -> dict:
    """The configuration of an exercise's input and its solution's first
    ``nn.Conv2d``; PresetError names ``where`` if they cannot be read."""
    inputs = calls(exercise, "torch.randn")
    layers = calls(solution, "nn.Conv2d")
    try:
        if not inputs or not layers:
            raise ValueError("no torch.randn(...) input or nn.Conv2d(...) layer")
        layer = layers[0]
        given = dict(zip(LAYER_ARGUMENTS, layer.args, strict=False))
        given.update((keyword.arg, keyword.value) for keyword in layer.keywords)
        return config([ast.literal_eval(arg) for arg in inputs[0].args],
                      **{name: ast.literal_eval(node)
                         for name, node in given.items()})
    except (ValueError, TypeError) as error:
        raise PresetError(
            f"{where}: the explorer needs the exercise's torch.randn(...) and "
            "the solution's nn.Conv2d(...) written with literal arguments "
            f"({type(error).__name__}: {error})") from None


def embed(configuration: dict, page_url: str) -> str:
    """The lesson's "Try the exercise" section: explorer.js builds the form
    in the placeholder."""
    link = get_relative_url("explorer/", page_url)
    return ("## Try the exercise in the explorer\n\n"
            "Change any argument and watch the output shape; the explorer "
            "starts from this lesson's exercise.\n\n"
            f'<div {MARKER} class="conv-explorer" data-preset='
            f'"{html.escape(url_state(configuration))}" data-link="{link}">'
            "<noscript>The explorer needs JavaScript.</noscript></div>\n")


def module_script(page_url: str) -> str:
    """The explorer's module, loaded once the page has loaded: the widget
    is far below what a reader sees first, so it must not delay the text
    (DOMContentLoaded and load, benchmarks/pages.py)."""
    script = get_relative_url(MODULE, page_url)
    return (f'<script type="module">addEventListener("load", () => '
            f'import("./{script}"))</script>\n')

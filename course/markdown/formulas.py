"""The ``conv-formula`` fence: the output-size formula with a lesson's numbers.

A lesson writes

    ```conv-formula
    axis=H size=16 kernel=5 padding=0
    ```

and the page shows the formula with those numbers substituted and the result
computed by ``snippets/convshape.py`` (pooling and transposed convolution
by ``snippets/windowshape.py``), so no number in a formula is typed by
hand. ``layer=pool`` (fields as above plus ``ceil_mode=0|1``; the stride
defaults to the kernel) gives MaxPool2d's and AvgPool2d's formula, and
``layer=transposed`` (plus ``output_padding``) ConvTranspose2d's.
``conv_formula`` is a pymdownx.superfences custom fence (mkdocs.yml
names it), so it runs wherever Python-Markdown does. Bad parameters stop
the build with the fence's text.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

from course.includes import ROOT
from course.mathml import display_math


def snippet(name: str) -> ModuleType:
    """snippets/<name>.py as module ``name``: snippets/ is the lessons' code,
    not a package, and windowshape imports convshape by that name."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, ROOT / "snippets" / f"{name}.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


convshape, windowshape = snippet("convshape"), snippet("windowshape")

DEFAULTS = {"stride": 1, "padding": 0, "dilation": 1}
# layer= -> its number fields beyond size and kernel, with their defaults
LAYERS = {"conv": DEFAULTS,
          "pool": {"stride": None, "padding": 0, "dilation": 1,
                   "ceil_mode": 0},
          "transposed": {**DEFAULTS, "output_padding": 0}}


class FormulaError(SuperFencesException, PluginError):
    """A conv-formula fence with bad parameters: superfences passes it on,
    MkDocs prints it as one line."""


def _walk_tex(axis: str, size: int, kernel: int, stride: int, padding: int,
              dilation: int, ceil: bool = False) -> str:
    """The conv/pool formula up to its rounded quotient + 1, numbers put in."""
    left, right = (r"\lceil", r"\rceil") if ceil else (r"\lfloor", r"\rfloor")
    numerator = size + 2 * padding - dilation * (kernel - 1) - 1
    return (rf"{axis}_\text{{out}} = \left{left} \frac{{{size} + 2 \cdot "
            rf"{padding} - {dilation} \cdot ({kernel} - 1) - 1}}{{{stride}}}"
            rf"\right{right} + 1 = \left{left} \frac{{{numerator}}}"
            rf"{{{stride}}} \right{right} + 1")


def formula_tex(axis: str, size: int, kernel: int, stride: int = 1,
                padding: int = 0, dilation: int = 1) -> str:
    """TeX of the output-size formula with the numbers put in."""
    out = convshape.conv_output_size(size, kernel, stride, padding, dilation)
    return _walk_tex(axis, size, kernel, stride, padding, dilation) + f" = {out}"


def pool_tex(axis: str, size: int, kernel: int, stride: int | None = None,
             padding: int = 0, dilation: int = 1, ceil_mode: int = 0) -> str:
    """TeX of MaxPool2d's (AvgPool2d's) output size with the numbers put in;
    with ceil_mode, PyTorch's last-window rule shown where it applies."""
    if ceil_mode not in (0, 1):
        raise ValueError(f"ceil_mode must be 0 or 1, got {ceil_mode}")
    stride = kernel if stride is None else stride
    out = windowshape.pool_output_size(size, kernel, stride, padding,
                                       dilation, bool(ceil_mode))
    tex = _walk_tex(axis, size, kernel, stride, padding, dilation, ceil_mode)
    rounded = -(-(size + 2 * padding - dilation * (kernel - 1) - 1) // stride)
    if ceil_mode and rounded + 1 != out:  # the last window is dropped
        return (tex + rf" - 1 = {out} \quad \text{{(window {out + 1} would "
                r"start past the input)}")
    return tex + f" = {out}"


def transposed_tex(axis: str, size: int, kernel: int, stride: int = 1,
                   padding: int = 0, dilation: int = 1,
                   output_padding: int = 0) -> str:
    """TeX of ConvTranspose2d's output size with the numbers put in."""
    out = windowshape.transposed_output_size(size, kernel, stride, padding,
                                             output_padding, dilation)
    return (rf"{axis}_\text{{out}} = ({size} - 1) \cdot {stride} - 2 \cdot "
            rf"{padding} + {dilation} \cdot ({kernel} - 1) + {output_padding}"
            rf" + 1 = {out}")


def fence_tex(source: str) -> str:
    """TeX for the text of a conv-formula fence (shared with the notebooks).

    Bad fields raise TypeError or ValueError.
    """
    pairs = source.split()
    if bad := [pair for pair in pairs if "=" not in pair]:
        raise ValueError(f"expected name=value fields, got {bad[0]!r}")
    fields = dict(pair.split("=", 1) for pair in pairs)
    axis, layer = fields.pop("axis", "H"), fields.pop("layer", "conv")
    if layer not in LAYERS:
        raise ValueError(f"layer must be one of {', '.join(LAYERS)}, "
                         f"got {layer!r}")
    allowed = {"size", "kernel", *LAYERS[layer]}
    if unknown := sorted(set(fields) - allowed):
        raise ValueError(f"unknown field {unknown[0]!r} for layer={layer} "
                         f"(fields: axis, {', '.join(sorted(allowed))})")
    numbers = {**LAYERS[layer], **{k: int(v) for k, v in fields.items()}}
    tex = {"conv": formula_tex, "pool": pool_tex, "transposed": transposed_tex}
    return tex[layer](axis, **numbers)


def conv_formula(source: str, language: str, css_class: str, options: dict,
                 md, **kwargs) -> str:
    """pymdownx.superfences formatter for the conv-formula fence."""
    try:
        tex = fence_tex(source)
    except (TypeError, ValueError) as error:
        raise FormulaError(f"conv-formula {source.strip()!r}: {error}") from None
    return display_math(tex, css_class)

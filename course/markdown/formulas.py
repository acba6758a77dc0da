"""The ``conv-formula`` fence: the output-size formula with a lesson's numbers.

A lesson writes

    ```conv-formula
    axis=H size=16 kernel=5 padding=0
    ```

and the page shows the formula with those numbers substituted and the result
computed, with its TeX, by the shape model (``shapes/conv.py``; pooling
and transposed convolution: ``shapes/window.py``), so no number in a formula
is typed by hand. ``layer=pool`` (fields as above plus ``ceil_mode=0|1``; the stride
defaults to the kernel) gives MaxPool2d's and AvgPool2d's formula, and
``layer=transposed`` (plus ``output_padding``) ConvTranspose2d's.
``conv_formula`` is a pymdownx.superfences custom fence (mkdocs.yml
names it), so it runs wherever Python-Markdown does. Bad parameters stop
the build with the fence's text.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

from course.markdown.mathml import display_math
from shapes.conv import conv_output_tex
from shapes.window import pool_output_tex, transposed_output_tex

DEFAULTS = {"stride": 1, "padding": 0, "dilation": 1}
# layer= -> its number fields beyond size and kernel, with their defaults
LAYERS = {"conv": DEFAULTS,
          "pool": {"stride": None, "padding": 0, "dilation": 1,
                   "ceil_mode": 0},
          "transposed": {**DEFAULTS, "output_padding": 0}}


class FormulaError(SuperFencesException, PluginError):
    """A conv-formula fence with bad parameters: superfences passes it on,
    MkDocs prints it as one line."""


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
    tex = {"conv": conv_output_tex, "pool": pool_output_tex,
           "transposed": transposed_output_tex}
    return tex[layer](axis, **numbers)


def conv_formula(source: str, language: str, css_class: str, options: dict,
                 md, **kwargs) -> str:
    """pymdownx.superfences formatter for the conv-formula fence."""
    try:
        tex = fence_tex(source)
    except (TypeError, ValueError) as error:
        raise FormulaError(f"conv-formula {source.strip()!r}: {error}") from None
    return display_math(tex, css_class)

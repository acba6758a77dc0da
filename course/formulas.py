"""The ``conv-formula`` fence: the output-size formula with a lesson's numbers.

A lesson writes

    ```conv-formula
    axis=H size=16 kernel=5 padding=0
    ```

and the page shows the formula with those numbers substituted and the result
computed by ``snippets/convshape.py``, so no number in a formula is typed by
hand. ``conv_formula`` is a pymdownx.superfences custom fence (mkdocs.yml
names it), so it runs wherever Python-Markdown does. Bad parameters stop
the build with the fence's text.
"""

from __future__ import annotations

import importlib.util

from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

from course.includes import ROOT
from course.mathml import to_mathml

# snippets/ is the lessons' code, not a package: load the one file we need.
_spec = importlib.util.spec_from_file_location(
    "convshape", ROOT / "snippets" / "convshape.py")
convshape = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(convshape)

DEFAULTS = {"stride": 1, "padding": 0, "dilation": 1}


class FormulaError(SuperFencesException, PluginError):
    """A conv-formula fence with bad parameters: superfences passes it on,
    MkDocs prints it as one line."""


def formula_tex(axis: str, size: int, kernel: int, stride: int = 1,
                padding: int = 0, dilation: int = 1) -> str:
    """TeX of the output-size formula with the numbers put in."""
    out = convshape.conv_output_size(size, kernel, stride, padding, dilation)
    numerator = size + 2 * padding - dilation * (kernel - 1) - 1
    return (rf"{axis}_\text{{out}} = \left\lfloor \frac{{{size} + 2 \cdot "
            rf"{padding} - {dilation} \cdot ({kernel} - 1) - 1}}{{{stride}}}"
            rf"\right\rfloor + 1 = \left\lfloor \frac{{{numerator}}}"
            rf"{{{stride}}} \right\rfloor + 1 = {out}")


def fence_tex(source: str) -> str:
    """TeX for the text of a conv-formula fence (shared with the notebooks).

    Bad fields raise TypeError or ValueError.
    """
    fields = dict(pair.split("=", 1) for pair in source.split())
    axis = fields.pop("axis", "H")
    numbers = {**DEFAULTS, **{k: int(v) for k, v in fields.items()}}
    return formula_tex(axis, **numbers)


def conv_formula(source: str, language: str, css_class: str, options: dict,
                 md, **kwargs) -> str:
    """pymdownx.superfences formatter for the conv-formula fence."""
    try:
        tex = fence_tex(source)
    except (TypeError, ValueError) as error:
        raise FormulaError(f"conv-formula {source.strip()!r}: {error}") from None
    # tabindex: a formula wider than the screen scrolls, so keyboards must
    # reach it (axe-core's scrollable-region-focusable).
    return (f'<div class="{css_class}" tabindex="0">'
            f'{to_mathml(tex, block=True)}</div>')

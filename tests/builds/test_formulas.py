"""The conv-formula fence (course/markdown/formulas.py): numbers substituted, results
equal to PyTorch's, bad fields stopping the build naming the fence (MkDocs
names the page: "Error reading page '...'")."""

from __future__ import annotations

import re

import pytest
import torch
from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException
from torch import nn

from course.markdown import formulas
from course.markdown.formulas import fence_tex


def result(tex: str) -> int:
    """The number after the formula's last '='."""
    return int(re.search(r"= (-?\d+)(?: \\quad.*)?$", tex)[1])


def test_conv_fence_is_unchanged():
    assert fence_tex("axis=W size=64 kernel=5 stride=2 padding=2") == (
        r"W_\text{out} = \left\lfloor \frac{64 + 2 \cdot 2 - 1 \cdot (5 - 1) "
        r"- 1}{2}\right\rfloor + 1 = \left\lfloor \frac{63}{2} \right\rfloor "
        r"+ 1 = 32")


@pytest.mark.parametrize("fields, layer", [
    (dict(size=5, kernel=2), nn.MaxPool2d(2)),
    (dict(size=5, kernel=2, ceil_mode=1), nn.MaxPool2d(2, ceil_mode=True)),
    (dict(size=7, kernel=3, stride=2, padding=1),
     nn.AvgPool2d(3, 2, 1)),
    (dict(size=9, kernel=3, stride=2, padding=1, dilation=2, ceil_mode=1),
     nn.MaxPool2d(3, 2, 1, dilation=2, ceil_mode=True)),
    (dict(size=3, kernel=2, stride=2, padding=1, ceil_mode=1),  # last window
     nn.MaxPool2d(2, 2, 1, ceil_mode=True)),  # would start in the padding
])
def test_pool_fence_substitutes_and_computes_torchs_size(fields, layer):
    source = "layer=pool " + " ".join(f"{k}={v}" for k, v in fields.items())
    tex = fence_tex(source)
    stride = fields.get("stride", fields["kernel"])
    bracket = r"\lceil" if fields.get("ceil_mode") else r"\lfloor"
    assert rf"\left{bracket} \frac{{{fields['size']} + 2 \cdot " \
           rf"{fields.get('padding', 0)} - {fields.get('dilation', 1)} \cdot " \
           rf"({fields['kernel']} - 1) - 1}}{{{stride}}}" in tex
    size = fields["size"]
    assert result(tex) == layer(torch.zeros(1, 1, size, size)).shape[-1]


def test_pool_fence_says_when_the_last_window_is_dropped():
    tex = fence_tex("layer=pool size=3 kernel=2 stride=2 padding=1 ceil_mode=1")
    assert tex.endswith(r"\right\rceil + 1 - 1 = 2 \quad \text{(window 3 "
                        r"would start past the input)}")
    assert "window" not in fence_tex("layer=pool size=5 kernel=2 ceil_mode=1")


@pytest.mark.parametrize("size, kernel, stride, padding, dilation, extra", [
    (16, 3, 2, 1, 1, 1), (16, 3, 2, 1, 1, 0), (5, 4, 2, 1, 1, 0),
    (7, 3, 1, 0, 2, 1), (4, 5, 3, 2, 1, 2),
])
def test_transposed_fence_substitutes_and_computes_torchs_size(
        size, kernel, stride, padding, dilation, extra):
    tex = fence_tex(f"layer=transposed axis=W size={size} kernel={kernel} "
                    f"stride={stride} padding={padding} dilation={dilation} "
                    f"output_padding={extra}")
    assert tex.startswith(
        rf"W_\text{{out}} = ({size} - 1) \cdot {stride} - 2 \cdot {padding} + "
        rf"{dilation} \cdot ({kernel} - 1) + {extra} + 1 = ")
    layer = nn.ConvTranspose2d(1, 1, kernel, stride, padding, extra,
                               dilation=dilation)
    assert result(tex) == layer(torch.zeros(1, 1, size, size)).shape[-1]


@pytest.mark.parametrize("source, message", [
    ("layer=pool size=5 kernel=3 padding=2", "pad should be at most half"),
    ("layer=pool size=2 kernel=3", "Output size is too small"),
    ("layer=pool size=5 kernel=2 ceil_mode=yes", "invalid literal"),
    ("layer=pool size=5 kernel=2 ceil_mode=2", "ceil_mode must be 0 or 1"),
    ("layer=transposed size=5 kernel=3 stride=2 output_padding=2",
     "output padding must be smaller than either stride or dilation"),
    ("layer=transposed size=1 kernel=1 padding=1", "not positive"),
    ("size=5 kernel=3 ceil_mode=1", "unknown field 'ceil_mode' for layer=conv"),
    ("layer=pool size=5 kernel=3 output_padding=1", "unknown field"),
    ("layer=pooling size=5 kernel=3", "layer must be one of conv, pool"),
    ("size 5 kernel=3", "expected name=value fields, got 'size'"),
])
def test_bad_fields_stop_the_build_naming_the_fence(source, message):
    with pytest.raises(SuperFencesException) as error:
        formulas.conv_formula(source, "conv-formula", "conv-formula", {}, None)
    assert str(error.value).startswith(f"conv-formula {source!r}: ")
    assert message in str(error.value)


def test_a_formula_that_would_show_tex_stops_the_build():
    """latex2mathml keeps ``\\_`` inside ``\\text`` as text: the reader would
    see a backslash (the transposed lesson's formula did)."""
    from course.markdown.mathml import MathError, to_mathml

    assert "<mtext>output_padding</mtext>" in to_mathml(r"\text{output_padding}")
    with pytest.raises(MathError, match=re.escape(
            r"would show 'output\\_padding' to the reader")):
        to_mathml(r"\text{output\_padding}", block=True)
    assert issubclass(MathError, PluginError)  # MkDocs: one line, exit 1

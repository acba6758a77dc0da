"""The tracer page's list of the layers it knows (docs/tools/tracer.md, "It
knows ...") names every layer of the shape model, and only those: the
Python model's LAYERS, which tests/model/test_signatures.py holds equal to
the JavaScript's that the tracer runs."""

from __future__ import annotations

import re
from pathlib import Path

from shapes.layers import LAYERS

PAGE = Path(__file__).parents[2] / "docs" / "tools" / "tracer.md"


def test_the_tracer_page_lists_every_layer_the_model_knows():
    text = PAGE.read_text(encoding="utf-8")
    listed = text[text.index("It knows "):text.index("with their arguments")]
    names = re.findall(r"`(\w+)`", listed)
    assert len(names) == len(set(names)), names
    assert sorted(names) == sorted(LAYERS)

"""Math on the notebook pages, as MathML, with no MathJax from a CDN.

mkdocs-jupyter's pages load the MathJax script its ``custom_mathjax_url``
names; mkdocs.yml names course/theme/assets/javascripts/notebook-math.js
instead, which swaps each ``$...$`` and ``$$...$$`` of a page's Markdown
cells for the MathML computed here at build time (course/markdown/mathml.py, as on
the lesson pages) and published as ``notebook-math.json`` beside it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from nbformat import NotebookNode

from course.markdown.mathml import display_math, to_mathml

TABLE = "assets/javascripts/notebook-math.json"
MATH = re.compile(r"\$\$(?P<block>.+?)\$\$|\$(?P<inline>[^$\n]+?)\$", re.S)


def key(marks: str, tex: str) -> str:
    """How the page script looks a formula up (notebook-math.js: ``key``)."""
    return marks + " ".join(tex.split())


def math_table(notebooks: Iterable[NotebookNode]) -> str:
    """JSON: each formula of the notebooks' Markdown cells -> its MathML."""
    table = {}
    for notebook in notebooks:
        for cell in notebook.cells:
            if cell.cell_type != "markdown":
                continue
            for match in MATH.finditer(cell.source):
                block = match["block"] is not None
                tex = match["block"] if block else match["inline"]
                table[key("$$" if block else "$", tex)] = (
                    display_math(tex.strip()) if block else to_mathml(tex.strip()))
    return json.dumps(table, sort_keys=True)

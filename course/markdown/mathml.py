"""``$...$`` and ``$$...$$`` math as MathML, when the page is converted.

A Python-Markdown extension (``course.markdown.mathml`` in mkdocs.yml): browsers draw
MathML with no script, no web font and no request to a CDN.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as etree

from latex2mathml.converter import convert
from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from mkdocs.exceptions import PluginError

# $...$ not touching a space inside, and not a price like $5 or \$.
INLINE = r"(?<![\\$\w])\$(?=\S)(?P<tex>[^$\n]+?)(?<=\S)\$(?![\w$])"


class MathError(PluginError):
    """A formula that would show TeX to the reader: MkDocs prints it as one
    line."""


@functools.cache  # practice and solutions notebooks repeat the formulas
def to_mathml(tex: str, block: bool = False) -> str:
    """MathML for one TeX formula; MathError where latex2mathml keeps a
    backslash as text (``\\text{output\\_padding}`` shows ``output\\_padding``:
    inside ``\\text`` write ``output_padding``, which MathJax reads too)."""
    mathml = convert(tex, display="block" if block else "inline")
    shown = [node.text for node in etree.fromstring(mathml).iter()
             if node.text and "\\" in node.text]
    if shown:
        raise MathError(f"the formula ${tex}$ would show {shown[0]!r} to "
                        "the reader: a TeX command latex2mathml does not read")
    return mathml


def display_math(tex: str, css_class: str = "math") -> str:
    """A display formula in a box of its own, which scrolls sideways when
    the formula is wider than the screen (course.css) rather than the page.
    tabindex: keyboards must reach a box that scrolls to scroll it (axe-core's
    scrollable-region-focusable)."""
    return (f'<div class="{css_class}" tabindex="0">'
            f"{to_mathml(tex, block=True)}</div>")


class InlineMath(InlineProcessor):
    def handleMatch(self, match, data):  # noqa: N802 (Markdown's name)
        html = to_mathml(match["tex"])
        return self.md.htmlStash.store(html), match.start(0), match.end(0)


class BlockMath(BlockProcessor):
    """A paragraph that is one ``$$ ... $$`` formula."""

    def test(self, parent, block: str) -> bool:
        text = block.strip()
        return len(text) > 4 and text.startswith("$$") and text.endswith("$$")

    def run(self, parent, blocks: list[str]) -> None:
        tex = blocks.pop(0).strip()[2:-2].strip()
        # A paragraph of one stashed block of HTML is replaced by that HTML.
        paragraph = etree.SubElement(parent, "p")
        paragraph.text = self.parser.md.htmlStash.store(display_math(tex))


class MathExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        # After code spans (190), before backslash escapes (180).
        md.inlinePatterns.register(InlineMath(INLINE, md), "course-math", 185)
        md.parser.blockprocessors.register(BlockMath(md.parser),
                                           "course-math", 95)


def makeExtension(**kwargs) -> MathExtension:  # noqa: N802 (Markdown's name)
    return MathExtension(**kwargs)

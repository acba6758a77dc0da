"""Render TeX math as MathML when the site is built.

pymdownx.arithmatex (generic mode) marks ``$...$`` and ``$$...$$``; this
hook swaps each mark for native MathML, which browsers draw with no script,
no web font and no request to a CDN.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\\[(\[](?P<tex>.*?)\\[)\]]</(?P=tag)>',
    re.DOTALL)


def to_mathml(tex: str, block: bool = False) -> str:
    """MathML for one TeX formula."""
    return convert(tex, display="block" if block else "inline")


def on_page_content(content: str, **kwargs) -> str:
    """MkDocs hook: replace every arithmatex mark of a page with MathML."""
    return ARITHMATEX.sub(
        lambda mark: to_mathml(html.unescape(mark["tex"]), mark["tag"] == "div"),
        content)

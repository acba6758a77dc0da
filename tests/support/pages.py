"""The course's pages and their code blocks, as the tests need them."""

from __future__ import annotations

import re
from pathlib import Path

from course.includes import ROOT, expand
from course.lesson_markdown import Fence, fences, parse

DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"


def relative(path: Path) -> str:
    return path.resolve().relative_to(ROOT).as_posix()


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def snippet_files() -> list[Path]:
    return sorted(SNIPPETS.glob("*.py"))


def page_fences(page: Path) -> list[Fence]:
    """Every fenced block of a page, with includes expanded, admonitions
    included: the structure the notebooks are made from."""
    source = relative(page)
    return list(fences(parse(expand(page.read_text(encoding="utf-8"), source),
                             source)))


def python_fences(page: Path) -> list[Fence]:
    return [fence for fence in page_fences(page) if fence.info == "python"]


def prose(page: Path) -> str:
    """A page's text outside code fences."""
    text = page.read_text(encoding="utf-8")
    return re.sub(r"^(\s*)(`{3,}).*?^\1\2", "", text, flags=re.M | re.S)

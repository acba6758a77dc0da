"""The course's pages and their code blocks, as the tests need them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lesson_markdown
from includes import ROOT, expand

DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
SECTION = re.compile(r"--8<-- \[start:(?P<name>[\w-]+)\]")
INCLUDE = re.compile(r'--8<-- "(?P<file>[^":]+)(?::(?P<section>[\w-]+))?"')
GPU_MARK = "pytest.mark.gpu"


@dataclass
class Fence:
    page: Path
    line: int  # line of the opening fence in the page's source
    info: str
    code: str  # after include expansion
    gpu: bool = False  # marked <!--pytest.mark.gpu-->: needs a CUDA device

    @property
    def where(self) -> str:
        return f"{relative(self.page)}:{self.line}"


def relative(path: Path) -> str:
    return path.resolve().relative_to(ROOT).as_posix()


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def snippet_files() -> list[Path]:
    return sorted(SNIPPETS.glob("*.py"))


def fences(page: Path) -> list[Fence]:
    """Every fenced block of a page, with includes expanded, admonitions
    included: the structure hooks/lesson_markdown.py gives the notebooks."""
    lines = expand(page.read_text(encoding="utf-8"), relative(page))
    return [Fence(page, fence.line, fence.info,
                  "".join(text + "\n" for _, text in fence.body),
                  gpu=GPU_MARK in fence.marks)
            for fence in _walk(lesson_markdown.parse(lines))]


def _walk(nodes: list) -> Iterator[lesson_markdown.Fence]:
    for node in nodes:
        if isinstance(node, lesson_markdown.Fence):
            yield node
        elif isinstance(node, lesson_markdown.Admonition):
            yield from _walk(node.children)


def python_fences(page: Path) -> list[Fence]:
    return [fence for fence in fences(page) if fence.info == "python"]


def prose(page: Path) -> str:
    """A page's text outside code fences."""
    text = page.read_text(encoding="utf-8")
    return re.sub(r"^(\s*)(`{3,}).*?^\1\2", "", text, flags=re.M | re.S)

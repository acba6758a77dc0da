"""The course's pages and their code blocks, as the tests need them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from includes import ROOT, expand

DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
FENCE = re.compile(r"^(?P<indent>\s*)(?P<ticks>`{3,}|~{3,})(?P<info>.*)$")
SECTION = re.compile(r"--8<-- \[start:(?P<name>[\w-]+)\]")
INCLUDE = re.compile(r'--8<-- "(?P<file>[^":]+)(?::(?P<section>[\w-]+))?"')
GPU_MARK = "<!--pytest.mark.gpu-->"


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
    """Every fenced block of a page, with includes expanded."""
    lines = expand(page.read_text(encoding="utf-8"), relative(page))
    found, index, previous = [], 0, ""  # previous: last non-blank line
    while index < len(lines):
        source_line, text = lines[index]
        opening = FENCE.match(text)
        index += 1
        if not opening:
            previous = text.strip() or previous
            continue
        ticks, indent = opening["ticks"], len(opening["indent"])
        body = []
        while index < len(lines) and not lines[index][1].strip().startswith(ticks):
            body.append(lines[index][1][indent:])
            index += 1
        index += 1
        found.append(Fence(page, source_line, opening["info"].strip(),
                           "".join(line + "\n" for line in body),
                           gpu=previous == GPU_MARK))
        previous = ""
    return found


def python_fences(page: Path) -> list[Fence]:
    return [fence for fence in fences(page) if fence.info == "python"]


def prose(page: Path) -> str:
    """A page's text outside code fences."""
    text = page.read_text(encoding="utf-8")
    return re.sub(r"^(\s*)(`{3,}).*?^\1\2", "", text, flags=re.M | re.S)

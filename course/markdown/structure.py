"""The structure of a lesson page: prose lines, fences, admonitions.

It works on the lesson's lines after include expansion, each paired with
the number of the source line it came from, so a fence knows which snippet
sections it includes and an error can name the lesson line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# ~~~ fences too: pytest-codeblocks skips them, so the contract tests must see them.
FENCE = re.compile(r"^(?P<indent> *)(?P<ticks>`{3,}|~{3,})(?P<info>[^`~]*)$")
ADMONITION = re.compile(
    r'^(?P<mark>!!!|\?\?\?\+?) (?P<kind>[\w-]+)(?: +"(?P<title>[^"]*)")?\s*$')
MARKER = re.compile(r"^\s*<!--\s*(?P<mark>pytest[^>]*?)\s*-->\s*$")
INCLUDE = re.compile(r'--8<-- "(?P<file>[^":]+):(?P<section>[\w-]+)"')

Lines = list[tuple[int, str]]  # (line in the lesson source, text)


@dataclass
class Fence:
    """A fenced block: its opening line, info string, lines and the
    ``<!--pytest...-->`` marks before it."""

    line: int
    info: str
    body: Lines
    marks: list[str]
    source: str = ""  # the file it is in, for messages
    shown: str | None = None  # the expected output shown after it, if read

    @property
    def code(self) -> str:
        return "\n".join(text for _, text in self.body)

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"

    @property
    def gpu(self) -> bool:
        """Marked ``<!--pytest.mark.gpu-->``: needs a CUDA device."""
        return "pytest.mark.gpu" in self.marks


@dataclass
class Admonition:
    kind: str
    title: str | None
    children: list


def parse(lines: Lines, source: str = "") -> list:
    """Prose lines, fences and admonitions of (dedented) Markdown lines of
    the file ``source``."""
    nodes, marks, index = [], [], 0
    while index < len(lines):
        number, text = lines[index]
        index += 1
        if marker := MARKER.match(text):
            marks.append(marker["mark"])
        elif fence := FENCE.match(text):
            indent, ticks = len(fence["indent"]), fence["ticks"]
            body = []
            while index < len(lines) and lines[index][1].strip() != ticks:
                body.append((lines[index][0], lines[index][1][indent:]))
                index += 1
            index += 1  # the closing fence
            nodes.append(Fence(number, fence["info"].strip(), body, marks, source))
            marks = []
        elif admonition := ADMONITION.match(text):
            body = []
            while index < len(lines) and (lines[index][1].startswith("    ")
                                          or not lines[index][1].strip()):
                body.append((lines[index][0], lines[index][1][4:]))
                index += 1
            while body and not body[-1][1].strip():
                body.pop()
            nodes.append(Admonition(admonition["kind"], admonition["title"],
                                    parse(body, source)))
        else:
            nodes.append((number, text))
            marks = [] if text.strip() else marks
    return nodes


def numbered(text: str) -> Lines:
    """The lines of ``text``, each with its number, as ``parse`` takes them."""
    return list(enumerate(text.splitlines(), start=1))


def fences(nodes: list) -> Iterator[Fence]:
    """Every fence of parsed nodes, those inside admonitions too, in order."""
    for node in nodes:
        if isinstance(node, Fence):
            yield node
        elif isinstance(node, Admonition):
            yield from fences(node.children)


def included(fence: Fence, raw: list[str]) -> dict[int, tuple[str, str]]:
    """Lesson line -> (snippet file, section) for each include of a fence."""
    found = {}
    for number in {number for number, _ in fence.body}:
        if match := INCLUDE.search(raw[number - 1]):
            found[number] = (match["file"], match["section"])
    return found

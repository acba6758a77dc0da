"""The course's pages and their code blocks, as the tests need them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from course.markdown.includes import expand, section
from course.markdown.structure import Admonition, Fence, numbered, parse
from workbench.repository import ROOT, include_options, includes_config

DOCS = ROOT / "docs"
EXPECTED_OUTPUT = "pytest-codeblocks:expected-output"


def relative(path: Path) -> str:
    return path.resolve().relative_to(ROOT).as_posix()


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def snippet_files() -> list[Path]:
    """The files pages include from: lesson code and the shape model."""
    return sorted(path for base in includes_config()["base_path"]
                  for path in (ROOT / base).glob("*.py"))


def snippet_section(file: str, name: str) -> str:
    """Section ``name`` of ``file``, as this course's pages include it."""
    return section(file, name, include_options())


def page_fences(page: Path) -> list[Fence]:
    """Every fenced block of a page, with includes expanded, admonitions
    included (the structure the notebooks are made from), each with the
    expected output the page shows right after it, if any."""
    source = relative(page)
    nodes = parse(expand(page.read_text(encoding="utf-8"), source,
                         include_options()), source)
    return list(_with_outputs(nodes))


def _with_outputs(nodes: list) -> Iterator[Fence]:
    for index, node in enumerate(nodes):
        if isinstance(node, Fence):
            output = _output_after(nodes[index + 1:])
            yield replace(node, shown=output.code + "\n" if output else None)
        elif isinstance(node, Admonition):
            yield from _with_outputs(node.children)


def _output_after(nodes: list) -> Fence | None:
    for node in nodes:
        if isinstance(node, tuple) and not node[1].strip():
            continue  # blank lines
        if isinstance(node, Fence) and node.info == "text" \
                and EXPECTED_OUTPUT in node.marks:
            return node
        return None
    return None


def python_fences(page: Path) -> list[Fence]:
    return [fence for fence in page_fences(page) if fence.info == "python"]


def prose(page: Path) -> str:
    """A page's text outside code fences."""
    return "\n".join(_prose(parse(numbered(page.read_text(encoding="utf-8")))))


def _prose(nodes: list) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, Admonition):
            yield node.title or ""
            yield from _prose(node.children)
        elif not isinstance(node, Fence):
            yield node[1]

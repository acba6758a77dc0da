"""Turn a lesson page into its two notebooks: practice and solutions.

The lesson Markdown, its includes expanded, is the one source: prose becomes
Markdown cells, ``python`` fences become code cells. The exercise fence (the
one that includes a ``blank`` section, then its ``check``) becomes a starter
cell plus a check cell; the solutions notebook swaps the blank for the
``solution`` section.
Output fences are dropped (the notebook shows real outputs), except after
a fence it shows without running (GPU-only code, code that needs an
optional package); admonitions become plain Markdown, ``conv-formula``
fences become ``$$`` math, and relative links point to the published site
so a downloaded notebook works.
"""

from __future__ import annotations

import base64
import mimetypes
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import nbformat

from course.lessons import VARIANTS, Lesson, LessonError
from course.markdown.formulas import fence_tex
from course.markdown.structure import Admonition, Fence, included, parse

LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)\)")
# A relative link of the page's raw HTML (one whose #fragment is a widget's
# state, which MkDocs would check as an anchor): relative to the page's URL.
HREF = re.compile(r'href="(?P<target>[^"#:]+(?:#[^"]*)?)"')
# The first code cell: as it is, it runs in Jupyter with torch installed and
# on Google Colab, whose torch (with CUDA) it must not replace by a pip line.
SETUP = '''\
# Run on a GPU when there is one, else on the CPU. On Google Colab, for a
# GPU: Runtime > Change runtime type, pick a GPU, then run from the top.
# The cells print shapes, which are the same on both. TF32 off keeps GPU
# float32 sums close to the CPU's (the order of additions still differs,
# so the last digits can).
import torch
torch.set_default_device("cuda" if torch.cuda.is_available() else "cpu")
torch.backends.cudnn.allow_tf32 = False
print("Running on", torch.get_default_device())'''
# Marks of a python fence the notebooks show without running it: a pytest
# mark (a block that needs a CUDA device) or a package that Colab, where the
# notebooks must run as they are, lacks (``importorskip(torchinfo)``).
NOT_RUN = ("pytest.mark", "pytest-codeblocks:importorskip")
KERNELSPEC = {"name": "python3", "display_name": "Python 3",
              "language": "python"}

def new_cell(kind: str, source: str) -> nbformat.NotebookNode:
    """A cell, without the schema check of nbformat.v4.new_*_cell (it cost
    a third of the build time)."""
    fields = {"outputs": [], "execution_count": None} if kind == "code" else {}
    return nbformat.from_dict({"cell_type": kind, "id": "", "metadata": {},
                               "source": source, **fields})


@dataclass
class Builder:
    """Cells of one notebook variant, built node by node."""

    lesson: Lesson
    variant: str
    raw: list[str]
    cells: list = field(default_factory=list)
    prose: list[str] = field(default_factory=list)
    attachments: dict = field(default_factory=dict)
    shown_only: bool = False  # the last python fence is shown, not run

    def markdown(self, text: str, quote: bool) -> None:
        if text.startswith("#") and any(line.strip() for line in self.prose):
            self.flush()  # each section starts a cell of its own
        text = self.links(text)
        self.prose.append(("> " + text).rstrip() if quote else text)

    def flush(self) -> None:
        lines = [line for index, line in enumerate(self.prose)
                 if line not in ("", ">") or index == 0
                 or self.prose[index - 1] not in ("", ">")]  # one blank at most
        text = "\n".join(lines).strip()
        if text:
            cell = new_cell("markdown", text)
            used = {name: data for name, data in self.attachments.items()
                    if f"attachment:{name}" in text}
            if used:
                cell.attachments = used
            self.cells.append(cell)
        self.prose = []

    def code(self, source: str, line: int | None = None,
             tag: str | None = None) -> None:
        self.flush()
        cell = new_cell("code", source.strip("\n"))
        if line:  # where an error in this cell comes from
            cell.metadata["lesson_line"] = f"{self.lesson.source}:{line}"
        if tag:
            cell.metadata["tags"] = [tag]
        self.cells.append(cell)

    def links(self, text: str) -> str:
        """Point relative links at the site; embed local images."""
        def rewrite(link: re.Match) -> str:
            target = link["target"]
            if re.match(r"^([a-z]+:|#)", target):
                return link[0]
            path, _, anchor = target.partition("#")
            docs_path = posixpath.normpath(posixpath.join(
                posixpath.dirname(self.lesson.uri), path))
            image = self.lesson.docs / docs_path
            if link["bang"] and image.is_file():
                return f"![{link['text']}]({self.attach(image)})"
            url = self.lesson.url(docs_path) + (f"#{anchor}" if anchor else "")
            return f"{link['bang']}[{link['text']}]({url})"
        page = self.lesson.url(self.lesson.uri)
        return HREF.sub(lambda link: f'href="{urljoin(page, link["target"])}"',
                        LINK.sub(rewrite, text))

    def attach(self, image: Path) -> str:
        mime = mimetypes.guess_type(image.name)[0] or "application/octet-stream"
        data = base64.b64encode(image.read_bytes()).decode()
        self.attachments[image.name] = {mime: data}
        return f"attachment:{image.name}"

    def add(self, nodes: list, quote: bool = False) -> None:
        for node in nodes:
            if isinstance(node, Fence):
                self.fence(node, quote)
            elif isinstance(node, Admonition):
                self.admonition(node, quote)
            else:
                self.markdown(node[1], quote)

    def admonition(self, node: Admonition, quote: bool) -> None:
        fences = [child for child in node.children if isinstance(child, Fence)]
        solution = any(map(self.shows_solution, fences))
        if solution and self.variant == "practice":
            self.markdown(f"*The solution is in the [solutions notebook]"
                          f"({self.lesson.notebook_url('solutions')}).*", quote)
            return
        self.markdown("", quote)
        self.markdown(f"**{node.title or node.kind.capitalize()}**", True)
        self.markdown("", True)
        # The solution's code is already in the exercise cells above.
        children = [child for child in node.children
                    if not (isinstance(child, Fence)
                            and self.shows_solution(child))]
        self.add(children, quote=True)
        self.markdown("", quote)

    def fence(self, node: Fence, quote: bool) -> None:
        runs = node.info == "python" and not any(
            mark.startswith(NOT_RUN) for mark in node.marks)
        if runs:
            self.python(node)
        elif node.info == "conv-formula":
            try:
                tex = fence_tex(node.code)
            except (TypeError, ValueError) as error:
                raise LessonError(f"{self.lesson.source}:{node.line}: conv-formula "
                                  f"{node.code.strip()!r}: {error}") from None
            self.markdown(f"$$\n{tex}\n$$", quote)
        elif not (node.info == "text" and not self.shown_only and
                  "pytest-codeblocks:expected-output" in node.marks):
            # Shown, not run: shell commands, other output, code the
            # notebook does not run, and the output the page shows for it.
            for text in [f"```{node.info}", *node.code.splitlines(), "```"]:
                self.markdown(text, quote)
        if node.info == "python":
            self.shown_only = not runs

    def shows_solution(self, fence: Fence) -> bool:
        return any(name == "solution"
                   for _, name in included(fence, self.raw).values())

    def python(self, node: Fence) -> None:
        sections = included(node, self.raw)
        blanks = {number for number, (_, name) in sections.items()
                  if name == "blank"}
        if not blanks:
            self.code(node.code, node.line)
            return
        checks = {number for number, (_, name) in sections.items()
                  if name == "check"}
        if not checks:
            raise LessonError(f"{self.lesson.source}:{node.line}: the exercise "
                              "block includes a blank but no check section")
        lines, check, swapped = [], [], set()
        for number, text in node.body:
            if number in checks:
                check.append(text)
            elif number not in blanks or self.variant == "practice":
                lines.append(text)
            elif number not in swapped:  # the whole section, once
                swapped.add(number)
                lines += self.lesson.section("solution").splitlines()
        self.code("\n".join(lines), node.line, tag="exercise")
        # A cell of its own: run it again after each try in the cell above.
        self.code("\n".join(["# Check your answer", *check]), min(checks),
                  tag="check")


INTRO = {
    "practice": "Lesson [{title}]({page}) as a notebook, to practise: run the "
                "cells from the top. In the exercise, replace the `...`, then "
                "run the check cell after it. The answers are in the "
                "[solutions notebook]({other}).",
    "solutions": "Lesson [{title}]({page}) as a notebook, with the exercise "
                 "solved. To try it yourself first, take the "
                 "[practice notebook]({other}).",
}


def notebooks(lesson: Lesson) -> dict[str, nbformat.NotebookNode]:
    """The practice and solutions notebooks of a lesson."""
    text = lesson.page.read_text(encoding="utf-8")
    title, heading = lesson.title, (lesson.title_line, f"# {lesson.title}")
    # The title becomes the notebooks' own headings.
    nodes = [node for node in parse(lesson.expanded()) if node != heading]
    return {variant: build(lesson, variant, title, text.splitlines(), nodes)
            for variant in VARIANTS}


def build(lesson: Lesson, variant: str, title: str, raw: list[str],
          nodes: list) -> nbformat.NotebookNode:
    builder = Builder(lesson, variant, raw)
    other = lesson.notebook_url(VARIANTS[variant == "practice"])
    builder.markdown(f"# {title} — {variant}", False)
    builder.markdown("", False)
    builder.markdown(INTRO[variant].format(
        title=title, page=lesson.url(lesson.uri),
        other=other), False)
    builder.code(SETUP)
    builder.add(nodes)
    builder.flush()
    for index, cell in enumerate(builder.cells):
        cell.id = f"cell-{index}"  # stable ids: same lesson, same bytes
    return nbformat.from_dict({  # the tests validate it; builds need not
        "nbformat": 4, "nbformat_minor": 5, "cells": builder.cells,
        "metadata": {"kernelspec": KERNELSPEC, "language_info": {"name": "python"},
                     "conv2d_course": {"lesson": lesson.source,
                                       "variant": variant}}})

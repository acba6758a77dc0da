"""Contracts between docs/, snippets/ and the test runner.

Each test fails with the page and line to fix.
"""

from __future__ import annotations

import code
import contextlib
import io
import re

import pytest

from course.includes import IncludeError, expand, sections
from course.lesson_markdown import INCLUDE
from course.lessons import UNPUBLISHED
from support.pages import (
    page_fences,
    pages,
    prose,
    python_fences,
    relative,
    snippet_files,
)

# `python` runs; `text` and `console` are shown only (outputs, shell
# commands); `conv-formula` is computed by course/formulas.py at build time.
ALLOWED_FENCES = {"python", "text", "console", "conv-formula"}
SHAPE = re.compile(r"\((\d+(?:, \d+){3})\)")


def all_python_fences():
    return [fence for page in pages() for fence in python_fences(page)]


def test_every_fence_uses_a_tested_language():
    bad = [f"{fence.where}: ```{fence.info}" for page in pages()
           for fence in page_fences(page) if fence.info not in ALLOWED_FENCES]
    assert not bad, ("pytest-codeblocks silently skips these fences; use "
                     "`python` (runs) or `text`/`console` (shown only):\n"
                     + "\n".join(bad))


def test_every_snippet_section_is_included():
    included = {(match["file"], match["section"]) for page in pages()
                for match in INCLUDE.finditer(page.read_text())}
    unused = [f"snippets/{path.name}:{name}" for path in snippet_files()
              for name in sections(path)
              if (path.name, name) not in included and name not in UNPUBLISHED]
    assert not unused, "sections no page includes:\n" + "\n".join(unused)


@pytest.mark.parametrize("broken, message", [
    ('--8<-- "chanels.py:conv"', "Snippet at path 'chanels.py' could not be found"),
    ('--8<-- "channels.py:no_such"', "Snippet section 'no_such' could not be located"),
])
def test_a_broken_include_names_file_and_line(broken, message):
    page = f"# Page\n\n```python\n{broken}\n```\n"
    with pytest.raises(IncludeError, match=re.escape(f"docs/x.md:4: {message}")):
        expand(page, "docs/x.md")


def test_every_python_block_is_self_contained_and_pastes_into_a_repl(
        torch_device):
    failures = []
    for fence in all_python_fences():
        if fence.gpu and torch_device != "cuda":
            continue  # needs CUDA: pasted in the --device cuda run
        error = repl_paste(fence.code)
        if error:
            failures.append(f"{fence.where}:\n{error}")
    assert not failures, "\n\n".join(failures)


def repl_paste(source: str) -> str:
    """Feed ``source`` line by line to a fresh REPL; return what went wrong."""
    console = code.InteractiveConsole({"__name__": "__main__"})
    errors = io.StringIO()
    console.write = errors.write  # tracebacks and syntax errors land here
    with contextlib.redirect_stdout(io.StringIO()):
        for line in source.splitlines():
            console.push(line)
        if console.push(""):  # an indented block still open at the end
            return "block never closed"
    return errors.getvalue()


def test_every_shape_in_the_prose_is_checked_by_a_block():
    """A shape like (4, 16, 12, 12) in the text must appear in a block."""
    missing = []
    for page in pages():
        checked = " ".join(fence.code for fence in page_fences(page))
        checked = checked.replace("torch.Size([", "(").replace("])", ")")
        missing += [f"{relative(page)}: ({shape})"
                    for shape in SHAPE.findall(prose(page))
                    if f"({shape})" not in checked]
    assert not missing, ("shapes stated but computed nowhere:\n"
                         + "\n".join(missing))


def test_repl_paste_catches_a_blank_line_inside_a_block():
    assert repl_paste("for i in range(2):\n    a = i\n\n    b = a\n")

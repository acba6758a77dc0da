"""Contracts between docs/, snippets/ and the test runner.

Each test fails with the page and line to fix.
"""

from __future__ import annotations

import code
import contextlib
import io
import re
import warnings
from pathlib import Path

import pytest
import torch

from course.lessons import UNPUBLISHED
from course.markdown.includes import IncludeError, expand, sections
from course.markdown.structure import INCLUDE
from shapes.rewordings import as_printed_by
from support.exercises import BLANK
from support.pages import (
    DOCS,
    page_fences,
    pages,
    prose,
    python_fences,
    relative,
    snippet_files,
)
from workbench.repository import ROOT, course_lessons, include_options, mkdocs_config

# `python` runs; `text` and `console` are shown only (outputs, shell
# commands); `conv-formula` is computed by course/markdown/formulas.py at build time.
ALLOWED_FENCES = {"python", "text", "console", "conv-formula"}
# (4, 16, 12, 12), (3, 16, 16), [16, 4, 3, 3], padding=(1, 2), and Conv3d's
# (2, 8, 16, 32, 32)
SHAPE = re.compile(r"[(\[](\d+(?:, \d+){1,4})[)\]]")
SIZE = re.compile(r"\b(\d+) × (\d+)\b")  # 27 × 27: H × W, or a kernel
LINK = re.compile(r"\]\((?P<target>[^)#\s]+\.md)(?:#[^)]*)?\)")
# A row of the course map: | [2. Padding](lessons/padding.md) | ... |
MAP_ROW = re.compile(r"^\| \[(?P<title>[^\]]+)\]\((?P<page>lessons/[\w-]+\.md)\) \|",
                     re.M)


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
    unused = [f"{relative(path)}:{name}" for path in snippet_files()
              for name in sections(path)
              if (path.name, name) not in included and name not in UNPUBLISHED]
    assert not unused, "sections no page includes:\n" + "\n".join(unused)


def test_an_include_of_a_missing_file_names_file_and_line():
    """A missing section is the build's case (builds/test_site.py)."""
    broken = '--8<-- "chanels.py:conv"'
    message = "Snippet at path 'chanels.py' could not be found"
    page = f"# Page\n\n```python\n{broken}\n```\n"
    with pytest.raises(IncludeError, match=re.escape(f"docs/x.md:4: {message}")):
        expand(page, "docs/x.md", include_options())


def test_every_python_block_is_self_contained_and_pastes_into_a_repl(
        torch_device):
    """Pasted into a fresh ``python -i``, a block runs and prints what the
    page shows after it (in the installed torch's words); with no output
    shown, what it prints as a script (so the REPL echoes no value, such as
    a Parameter's repr)."""
    failures = []
    for fence in all_python_fences():
        if fence.gpu and torch_device != "cuda":
            continue  # needs CUDA: pasted in the --device cuda run
        printed, error = repl_paste(fence.code)
        expected = (as_printed_by(fence.shown, torch.__version__)
                    if fence.shown is not None else script(fence.code))
        if error:
            failures.append(f"{fence.where}:\n{error}")
        elif printed.rstrip("\n") != expected.rstrip("\n"):
            failures.append(f"{fence.where}: pasted into python -i it prints\n"
                            f"{printed}but the page shows\n{expected}")
    assert not failures, "\n\n".join(failures)


def repl_paste(source: str) -> tuple[str, str]:
    """Feed ``source`` line by line to a fresh REPL: (what it printed,
    echoes included; what went wrong, warnings included: PyTorch's
    once-per-session warnings are asked for every time, as a fresh
    session would print them)."""
    console = code.InteractiveConsole({"__name__": "__main__"})
    errors, printed = io.StringIO(), io.StringIO()
    console.write = errors.write  # tracebacks and syntax errors land here
    warned_always = torch.is_warn_always_enabled()
    torch.set_warn_always(True)
    try:
        with contextlib.redirect_stdout(printed), warnings.catch_warnings(
                record=True, action="always") as caught:
            for line in source.splitlines():
                console.push(line)
            if console.push(""):  # an indented block still open at the end
                return printed.getvalue(), "block never closed"
    finally:
        torch.set_warn_always(warned_always)
    return printed.getvalue(), errors.getvalue() + "".join(
        f"{warning.category.__name__}: {warning.message}\n" for warning in caught)


def script(source: str) -> str:
    """What ``source`` prints run as a script (no echo of values)."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(source, "<block>", "exec"), {"__name__": "__main__"})
    return printed.getvalue()


def test_every_shape_in_the_prose_is_checked_by_a_block():
    """A shape like (4, 16, 12, 12) or a size like 27 × 27 in the text,
    solutions included, must appear in a block of the page, or of a page it
    links to (the course map states what its lessons compute)."""
    missing = []
    for page in pages():
        checked = checked_text(page)
        text = prose(page)
        missing += [f"{relative(page)}: ({shape})"
                    for shape in SHAPE.findall(text)
                    if f"({shape})" not in checked and f"[{shape}]" not in checked]
        missing += [f"{relative(page)}: {height} × {width}"
                    for height, width in SIZE.findall(text)
                    if not any(form in checked
                               for form in size_forms(height, width))]
    assert not missing, ("shapes stated but computed nowhere:\n"
                         + "\n".join(missing))


def checked_text(page: Path) -> str:
    """The code and shown output of the blocks of ``page`` and of the pages
    it links to, shapes written as tuples."""
    linked = [(page.parent / link["target"]).resolve()
              for link in LINK.finditer(page.read_text(encoding="utf-8"))]
    text = " ".join(fence.code + (fence.shown or "")
                    for source in [page, *linked] if source.is_file()
                    for fence in page_fences(source))
    return text.replace("torch.Size([", "(").replace("])", ")")


def size_forms(height: str, width: str) -> list[str]:
    """How a block writes an H × W size or an kh × kw kernel."""
    forms = [f"{height}, {width}", f"{height} x {width}", f"{height}x{width}"]
    if height == width:
        forms.append(f"kernel_size={height}")
    return forms


def test_sizes_and_shapes_are_found_in_prose():
    text = ("gives 27 × 27, then (8, 16, 22, 18) and [16, 4, 3, 3], "
            "a clip (2, 3, 16, 64, 64)")
    assert SIZE.findall(text) == [("27", "27")]
    assert SHAPE.findall(text) == ["8, 16, 22, 18", "16, 4, 3, 3",
                                   "2, 3, 16, 64, 64"]
    assert "27 x 27" in size_forms("27", "27")


def test_prose_keeps_the_text_between_fences(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("a\n\n```python\nx = 1\n```\n\nb 27 × 27\n\n"
                    "    ```text\n    y\n    ```\n")
    assert prose(page).split() == ["a", "b", "27", "×", "27"]


def test_repl_paste_catches_a_blank_line_inside_a_block():
    assert repl_paste("for i in range(2):\n    a = i\n\n    b = a\n")[1]


def test_repl_paste_sees_a_warning_a_fresh_session_prints():
    source = ("import torch\nconv = torch.nn.Conv2d(1, 1, 2, padding='same')\n"
              "y = conv(torch.ones(1, 1, 4, 4))\n")
    for _ in range(2):  # PyTorch warns once per session, the test every time
        assert "UserWarning: Using padding='same'" in repl_paste(source)[1]


def test_repl_paste_sees_an_echoed_value():
    source = "import torch\nx = torch.zeros(1)\ntorch.nn.init.ones_(x)\n"
    assert repl_paste(source) == ("tensor([1.])\n", "")
    assert script(source) == ""


def repository_links(text: str) -> list[str]:
    """Paths of the repository's files that ``text`` links to, read from
    mkdocs.yml's edit_uri (https://github.com/OWNER/REPO/edit/BRANCH/docs/)."""
    repository, _, rest = mkdocs_config()["edit_uri"].partition("/edit/")
    branch = rest.split("/")[0]
    link = re.compile(re.escape(f"{repository}/") + r"(?:blob|tree|raw)/"
                      + re.escape(f"{branch}/") + r"(?P<path>[^)\s\"'#?]+)")
    return [match["path"] for match in link.finditer(text)]


def test_every_link_into_the_repository_names_a_file_it_has():
    broken = [f"{relative(page)}: {path}" for page in pages()
              for path in repository_links(page.read_text(encoding="utf-8"))
              if not (ROOT / path).exists()]
    assert not broken, "links to files the repository lacks:\n" + "\n".join(broken)


# A repository path in prose, unless it is the text of a link ([path](url)).
REPOSITORY_FILE = re.compile(
    r"(?<![\w/\[-])`?(?P<path>(?:snippets|shapes|tests|hooks)/[\w./-]+\.\w+)`?(?!\]\()")


def test_a_repository_file_named_in_prose_is_a_link():
    """A reader who meets ``shapes/conv.py`` can open it: the site
    publishes docs/ only, so a bare name leads nowhere."""
    bare = [f"{relative(page)}: {match['path']}" for page in pages()
            for match in REPOSITORY_FILE.finditer(prose(page))]
    assert not bare, ("files named without a link to the repository:\n"
                      + "\n".join(bare))


def test_repository_file_names_are_found_unless_linked():
    assert [m["path"] for m in REPOSITORY_FILE.finditer(
        "see `snippets/a.py` and [snippets/b.py](https://x/b.py)")] == [
        "snippets/a.py"]


def test_repository_links_are_found():
    base = "https://github.com/conv2d-shapes/course/blob/main/"
    assert repository_links(f"[a]({base}shapes/conv.py) "
                            f"[b]({base}snippets/nope.py#L3)") == [
        "shapes/conv.py", "snippets/nope.py"]


def test_every_exercise_block_checks_the_answer_where_it_is_written():
    """A block with a blank (``name = ...``) ends with its check: run as it
    stands, it says the answer is missing, as the page shows."""
    starters = [fence for page in pages() for fence in python_fences(page)
                if BLANK.search(fence.code)]
    assert starters, "no exercise found"
    silent = [fence.where for fence in starters
              if not (fence.shown or "").startswith("Missing:")]
    assert not silent, "exercise blocks with no check:\n" + "\n".join(silent)


def nav_titles(nav: list) -> dict[str, str]:
    """Each page of mkdocs.yml's nav (``lessons/padding.md``) -> its title."""
    titles = {}
    for entry in nav:
        for title, target in (entry.items() if isinstance(entry, dict) else ()):
            if isinstance(target, list):
                titles |= nav_titles(target)
            else:
                titles[target] = title
    return titles


def test_the_course_map_lists_every_lesson_of_the_nav():
    """docs/index.md has one row per lesson, in the nav's order and with
    its nav title: a new lesson needs its row."""
    titles = nav_titles(mkdocs_config()["nav"])
    rows = [(row["page"], row["title"]) for row in
            MAP_ROW.finditer((DOCS / "index.md").read_text(encoding="utf-8"))]
    lessons = [(lesson.uri, titles[lesson.uri]) for lesson in course_lessons()]
    assert rows == lessons, (
        "docs/index.md: the course map needs one row per lesson of the nav, "
        "in its order, linked under its nav title; rows missing: "
        f"{[row for row in lessons if row not in rows]}, rows not in the nav: "
        f"{[row for row in rows if row not in lessons]}")

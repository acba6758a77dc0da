"""What readers see is what CI runs: every python block the docs tests run
is a Python code block of the built page, with the same code, in the same
order, and no Markdown the build left as text (a fence, an include, a
pytest marker, an admonition line) shows on a page.

Markdown pages only: the notebook pages, rendered by mkdocs-jupyter from
notebooks made of the same lessons, hold cells, not fences.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import markdown
import pytest

from course.markdown.includes import expand
from course.markdown.structure import ADMONITION, FENCE
from support.block_source import page_blocks
from support.pages import pages, relative
from support.rendered import RenderedPage, built_file, read
from workbench.repository import include_options

INCLUDE_MARK = "--8<--"
COMMENT = "<!--"  # shown as text only when the build escaped it


def unshown_blocks(page: Path, source: str, shown: RenderedPage) -> list[str]:
    """The python blocks of ``page`` (named ``source``) that the built page
    does not show as Python code, and the code blocks no fence made."""
    blocks = [block for _, block in page_blocks(page, source, include_options())]
    codes = [block.code for block in blocks]
    matcher = difflib.SequenceMatcher(None, codes, shown.python_blocks,
                                      autojunk=False)
    problems = []
    for tag, start, stop, shown_start, shown_stop in matcher.get_opcodes():
        if tag == "equal":
            continue
        problems += [f"{source}:{block.fence}: this python block is not a "
                     f"Python code block of the built page:\n{block.code}"
                     for block in blocks[start:stop]]
        problems += [f"{source}: the built page shows a Python code block "
                     f"that no python fence of the page makes:\n{code}"
                     for code in shown.python_blocks[shown_start:shown_stop]]
    return problems


def is_machinery(line: str) -> bool:
    """A line of Markdown syntax that a correct build never shows."""
    text = line.strip()
    return bool(FENCE.match(text) or ADMONITION.match(text)
                or INCLUDE_MARK in text or COMMENT in text)


def shown_machinery(page: Path, source: str, shown: RenderedPage) -> list[str]:
    """Each line of Markdown syntax the built page shows, at the line of
    ``page`` it comes from."""
    lines = shown.lines
    wrong = [index for index, line in enumerate(lines) if is_machinery(line)]
    if not wrong:
        return []
    origins = markdown_origins(expand(page.read_text(encoding="utf-8"), source,
                                          include_options()),
                               lines)
    return [f"{source}:{origins[index]}: the built page shows "
            f"{lines[index].strip()!r}" for index in wrong]


def markdown_origins(markdown_lines: list[tuple[int, str]],
                     shown: list[str]) -> list[int]:
    """For each shown line, the Markdown line it comes from: the line of the
    same text where difflib aligns the two, else the last aligned line
    before it (1 when none is)."""
    matcher = difflib.SequenceMatcher(
        None, [text.strip() for _, text in markdown_lines],
        [text.strip() for text in shown], autojunk=False)
    aligned = {}
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            aligned[block.b + offset] = markdown_lines[block.a + offset][0]
    origins, last = [], 1
    for index in range(len(shown)):
        last = aligned.get(index, last)
        origins.append(last)
    return origins


@pytest.fixture(scope="module")
def built_pages(site_dir) -> list[tuple[Path, str, RenderedPage]]:
    """Each Markdown page of docs/, its name and its built page, read once."""
    site = site_dir
    return [(page, relative(page), read(built_file(page, site)))
            for page in pages()]


def test_every_python_block_is_shown_as_python_code(built_pages):
    problems = [problem for page, source, shown in built_pages
                for problem in unshown_blocks(page, source, shown)]
    assert not problems, ("CI runs these blocks, readers do not see them as "
                          "code (check the indentation around them):\n\n"
                          + "\n\n".join(problems))


def test_no_markdown_syntax_shows_on_a_page(built_pages):
    problems = [problem for page, source, shown in built_pages
                for problem in shown_machinery(page, source, shown)]
    assert not problems, ("Markdown the build left as text (check the "
                          "indentation around it):\n" + "\n".join(problems))


BROKEN = '''# Page

??? success "Solution"
    Some prose that runs over
a line without its indent.

    ```python
    print(1)
    ```

    <!--pytest-codeblocks:expected-output-->
    ```text
    1
    ```
'''


def render(text: str, html: Path) -> RenderedPage:
    """``text`` rendered with the extensions the site's blocks go through."""
    html.write_text(markdown.markdown(
        text, extensions=["admonition", "pymdownx.details",
                          "pymdownx.superfences", "pymdownx.highlight"],
        extension_configs={"pymdownx.highlight": {"pygments_lang_class": True}}))
    return read(html)


def test_a_block_that_falls_out_of_its_admonition_is_named(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text(BROKEN)
    shown = render(BROKEN, tmp_path / "page.html")
    assert unshown_blocks(page, "docs/page.md", shown) == [
        "docs/page.md:7: this python block is not a Python code block of "
        "the built page:\nprint(1)\n"]
    assert shown_machinery(page, "docs/page.md", shown) == [
        "docs/page.md:7: the built page shows '```python'",
        "docs/page.md:9: the built page shows '```'",
        "docs/page.md:11: the built page shows "
        "'<!--pytest-codeblocks:expected-output-->'",
        "docs/page.md:12: the built page shows '```text'",
        "docs/page.md:14: the built page shows '```'",
    ]


def test_the_same_page_indented_shows_its_block_and_no_syntax(tmp_path: Path):
    fixed = BROKEN.replace("\na line", "\n    a line")
    page = tmp_path / "page.md"
    page.write_text(fixed)
    shown = render(fixed, tmp_path / "page.html")
    assert shown.python_blocks == ["print(1)\n"]
    assert unshown_blocks(page, "docs/page.md", shown) == []
    assert shown_machinery(page, "docs/page.md", shown) == []

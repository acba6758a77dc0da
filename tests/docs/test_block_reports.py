"""Docs-block failures name the lines an author edits (tests/plugins/docs_blocks.py).

Each test runs an inner pytest session (pytester, in-process) over a tiny
course: a mkdocs.yml enabling course.markdown.includes, docs/page.md and
snippets/demo.py.
"""

from __future__ import annotations

import ast
import inspect

import pytest
import torch

import device
from support import assertion_rewriting

MKDOCS = """site_name: t
markdown_extensions:
  - course.markdown.includes:
      base_path: [snippets]
      check_paths: true
      dedent_subsections: true
"""
DEMO = '''"""Sections for the pages of these tests."""

# --8<-- [start:assert]
sizes = [2, 3]
print(sizes)
assert sizes == [2, 4]
# --8<-- [end:assert]

# --8<-- [start:raise]
def check(size):
    if size < 0:
        raise ValueError(f"size {size} is negative")
check(-1)
# --8<-- [end:raise]

# --8<-- [start:prints]
print("one")
print("two")
# --8<-- [end:prints]

# --8<-- [start:unclosed]
sizes = (2,
# --8<-- [end:unclosed]

# --8<-- [start:fine]
total = 1 + 1
# --8<-- [end:fine]
'''


def line(text: str, start: str) -> int:
    """The number of the first line of ``text`` that starts with ``start``."""
    return next(number for number, written in
                enumerate(text.splitlines(), start=1) if written.startswith(start))


def course(pytester: pytest.Pytester, page: str, **pages: str) -> None:
    """A tiny course: ``page`` as docs/page.md, ``pages`` beside it."""
    pytester.makefile(".yml", mkdocs=MKDOCS)
    pytester.mkdir("snippets").joinpath("demo.py").write_text(DEMO)
    docs = pytester.mkdir("docs")
    for name, text in {"page": page, **pages}.items():
        docs.joinpath(f"{name}.md").write_text(text)


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_inprocess(
        "--disable-plugin-autoload", "-p", "docs_blocks", *args)


def fence(*lines: str) -> str:
    return "```python\n" + "".join(f"{text}\n" for text in lines) + "```\n"


PAGE = "# Page\n\nSome prose.\n\n" + fence('--8<-- "demo.py:assert"')
INCLUDE = line(PAGE, "--8<--")


@pytest.fixture(autouse=True)
def not_on_github(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def test_a_failing_assert_names_the_snippet_and_markdown_lines_and_both_values(
        pytester):
    course(pytester, PAGE)
    result = run(pytester)
    result.assert_outcomes(failed=1)
    failing = line(DEMO, "assert sizes")
    result.stdout.fnmatch_lines([
        "*_ docs/page.md::assert _*",
        f"snippet:  snippets/demo.py:{failing}",
        f"Markdown: docs/page.md:{INCLUDE} (includes demo.py:assert)",
        "",
        f"snippets/demo.py:{failing}: in <module>",
        "    assert sizes == [2, 4]",
        "E   assert [2, 3] == [2, 4]",
        "*At index 1 diff: 3 != 4*",
    ])
    assert (pytester.path / "snippets/demo.py").read_text() == DEMO


def test_a_raised_exception_shows_its_frames_in_the_snippet_lines_only(pytester):
    course(pytester, fence('--8<-- "demo.py:raise"'))
    result = run(pytester)
    raised, called = line(DEMO, "        raise"), line(DEMO, "check(-1)")
    result.stdout.fnmatch_lines([
        f"snippet:  snippets/demo.py:{raised}",
        "Markdown: docs/page.md:2 (includes demo.py:raise)",
        "",
        f"snippets/demo.py:{called}: in <module>",
        "    check(-1)",
        f"snippets/demo.py:{raised}: in check",
        '    raise ValueError(f"size {size} is negative")',
        "E   ValueError: size -1 is negative",
    ])
    frames = [text for text in result.outlines if ": in " in text]
    assert len(frames) == 2, frames  # none of the plugin's or pytest's


def test_a_line_written_in_the_page_is_reported_there(pytester):
    page = "# Page\n\n" + fence("import os", "sizes = [2, 3]",
                                "assert len(sizes) == 3")
    course(pytester, page)
    result = run(pytester)
    failing = line(page, "assert")
    result.stdout.fnmatch_lines([
        "*_ docs/page.md::line 3 _*",
        f"Markdown: docs/page.md:{failing}",
        "",
        f"docs/page.md:{failing}: in <module>",
        "E   assert 2 == 3",
        "E    +  where 2 = len([2, 3])",
    ])


def test_an_output_mismatch_shows_a_diff_and_the_text_block_line(pytester):
    page = (fence('--8<-- "demo.py:prints"')
            + "\n<!--pytest-codeblocks:expected-output-->\n"
              "```text\none\nthree\n```\n")
    course(pytester, page)
    result = run(pytester)
    result.assert_outcomes(failed=1)
    text = line(page, "```text")
    one, two = line(DEMO, 'print("one")'), line(DEMO, 'print("two")')
    result.stdout.fnmatch_lines([
        f"Markdown: docs/page.md:{text} (the expected output of the block "
        "at line 1)",
        f"snippet:  snippets/demo.py:{one}-{two} (demo.py:prints)",
        "",
        f"E   the block printed something else than docs/page.md:{text} shows;"
        " pytest --update-outputs writes what it printed there",
        f"E   --- shown at docs/page.md:{text}",
        "E   +++ printed",
        "E   @@ -1,2 +1,2 @@",
        "E    one",
        "E   -three",
        "E   +two",
    ])


def test_a_syntax_error_in_a_snippet_is_shown_at_its_line(pytester):
    course(pytester, fence('--8<-- "demo.py:unclosed"'))
    result = run(pytester)
    unclosed = line(DEMO, "sizes = (2,")
    result.stdout.fnmatch_lines([
        f"snippet:  snippets/demo.py:{unclosed}",
        "Markdown: docs/page.md:2 (includes demo.py:unclosed)",
        "",
        f'E     File "snippets/demo.py", line {unclosed}',
        "E       sizes = (2,",
        "E               ^",
        "E   SyntaxError: '(' was never closed",
    ])


def test_a_missing_section_names_the_include_and_the_closest_sections(pytester):
    course(pytester, PAGE.replace("demo.py:assert", "demo.py:asert"))
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*_ docs/page.md::asert _*",
        f"Markdown: docs/page.md:{INCLUDE}: Snippet section 'asert' could not "
        "be located",
        f"snippet:  snippets/demo.py:{line(DEMO, '# --8<-- [start:assert]')}: "
        "section 'assert'",
    ])


def test_on_github_actions_each_failure_is_an_annotation_at_its_line(
        pytester, monkeypatch):
    page = PAGE + "\n" + fence("assert 1 == 2")
    course(pytester, page)
    result = run(pytester)
    assert not [text for text in result.outlines if text.startswith("::")]
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run(pytester)
    result.assert_outcomes(failed=2)
    annotations = [text for text in result.outlines if text.startswith("::")]
    written = line(page, "assert 1")
    assert annotations == [
        f"::error file=snippets/demo.py,line={line(DEMO, 'assert sizes')},"
        "title=docs/page.md%3A%3Aassert::assert [2, 3] == [2, 4]",
        f"::error file=docs/page.md,line={written},"
        f"title=docs/page.md%3A%3Aline {written - 1}::assert 1 == 2"]


def outputs_page(first: str, second: str) -> str:
    """Two blocks that print "one" and "two", and the outputs shown after
    them; the second block in an admonition (its lines indented)."""
    return ('```python\n--8<-- "demo.py:prints"\n```\n\n'
            "<!--pytest-codeblocks:expected-output-->\n"
            f"```text\n{first}```\n\n"
            "!!! note\n\n"
            '    ```python\n    --8<-- "demo.py:prints"\n    ```\n\n'
            "    <!--pytest-codeblocks:expected-output-->\n"
            f"    ```text\n{second}    ```\n")


FRESH = outputs_page("one\ntwo\n", "    one\n    two\n")


def test_update_outputs_rewrites_stale_outputs_and_only_those(pytester):
    stale = outputs_page("one\n", "    zero\n    one\n    two\n    three\n")
    course(pytester, stale, passing=FRESH, failing=fence("assert False")
           + "\n<!--pytest-codeblocks:expected-output-->\n```text\nnot run\n```\n")
    docs = pytester.path / "docs"
    before = {path.name: path.read_bytes() for path in docs.iterdir()}
    run(pytester).assert_outcomes(passed=2, failed=3)
    assert {path.name: path.read_bytes() for path in docs.iterdir()} == before

    result = run(pytester, "--update-outputs")
    result.assert_outcomes(passed=4, failed=1)
    assert (docs / "page.md").read_text() == FRESH
    assert (docs / "passing.md").read_bytes() == before["passing.md"]
    assert (docs / "failing.md").read_bytes() == before["failing.md"]
    result.stdout.fnmatch_lines([
        "*= expected outputs updated: 2 =*",
        f"docs/page.md:{line(FRESH, '```text')}: the output of prints",
        f"docs/page.md:{line(FRESH, '    ```text')}: the output of prints-2",
    ])
    run(pytester).assert_outcomes(passed=4, failed=1)


def test_ids_name_the_included_sections_and_select_with_k(pytester):
    page = (fence('--8<-- "demo.py:fine"') + fence("total = 2")
            + fence("import os", "", '--8<-- "demo.py:fine"',
                    '--8<-- "demo.py:prints"')
            + fence('--8<-- "demo.py:fine"'))
    course(pytester, page)
    result = run(pytester, "--collect-only", "-q")
    assert result.outlines[:4] == [
        "docs/page.md::fine", "docs/page.md::line 4",
        "docs/page.md::fine+prints", "docs/page.md::fine-2"]
    run(pytester, "-k", "prints").assert_outcomes(passed=1)


def test_blocks_run_on_the_device_asked_for(pytester, monkeypatch):
    """Faked as in test_device_option.py: "cuda" is the meta device."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(device, "ACCELERATOR", "meta")
    page = (fence("import torch", "assert torch.zeros(1).device.type == 'meta'")
            + fence("import torch", "x = torch.zeros(1, device='cpu')"))
    course(pytester, page)
    result = run(pytester, "-p", "device", "--device", "cuda")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "Markdown: docs/page.md:5",
        "",
        "ran with --device meta, but zeros returned a tensor on another "
        "device: *"])


def test_pytest_still_rewrites_asserts_as_the_docs_blocks_expect():
    """``rewrite_asserts`` is private to pytest: a release that changes its
    signature or what it does fails here, not in a contributor's report."""
    assert list(inspect.signature(
        assertion_rewriting.rewrite_asserts).parameters) == [
        "mod", "source", "module_path", "config"]
    source = "values = [1, 2]\nassert values == [1, 3]\n"
    module = ast.parse(source)
    assertion_rewriting.rewrite(module, source, None, "block")
    with pytest.raises(AssertionError) as raised:
        exec(compile(module, "block", "exec"), {})
    assert str(raised.value).startswith("assert [1, 2] == [1, 3]")

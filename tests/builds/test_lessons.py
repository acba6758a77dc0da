"""The lesson model (course/lessons.py): a lesson is one page, one snippet
file and one nav line, everything else is derived from it, and a lesson
that cannot be built says which file and line to fix."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from course.lessons import LessonError, discover
from support.extra_lesson import NAME, PAGE, SNIPPETS


def lesson_site(tmp_path: Path, page: str, snippets: str) -> tuple[Path, Path]:
    (tmp_path / "docs" / "lessons").mkdir(parents=True)
    (tmp_path / "snippets").mkdir()
    (tmp_path / "docs" / "lessons" / f"{NAME}.md").write_text(page)
    (tmp_path / "snippets" / f"{NAME}.py").write_text(snippets)
    return tmp_path / "docs", tmp_path / "snippets"


def test_discovery_reads_the_exercise_of_a_new_lesson(tmp_path):
    [lesson] = discover(*lesson_site(tmp_path, PAGE, SNIPPETS),
                        [{"Extra": f"lessons/{NAME}.md"}], "https://x.org/")
    assert (lesson.name, lesson.title, lesson.uri) == (
        NAME, "5. Extra", f"lessons/{NAME}.md")
    assert lesson.preset == {"n": 2, "c": 3, "h": 7, "w": 7}
    assert lesson.notebook_url("practice") == "https://x.org/notebooks/extra-practice/"


@pytest.mark.parametrize("page, snippets, message", [
    (PAGE.replace(f'--8<-- "{NAME}.py:blank"\n', ""), SNIPPETS,
     f"docs/lessons/{NAME}.md:1: no exercise: snippets/{NAME}.py needs"),
    (PAGE, SNIPPETS.replace("[start:check]", "[start:verify]"),
     f"snippets/{NAME}.py:13: the exercise has no check section"),
    (PAGE.replace("# 5. Extra", "Extra"), SNIPPETS,
     f"docs/lessons/{NAME}.md:1: no '# Title' line"),
], ids=["no exercise", "no check", "no title"])
def test_a_lesson_that_cannot_be_built_names_file_and_line(tmp_path, page,
                                                           snippets, message):
    with pytest.raises(LessonError, match=re.escape(message)):
        discover(*lesson_site(tmp_path, page, snippets), None, "")


def test_a_nav_line_without_its_page_says_so(tmp_path):
    docs, snippets = lesson_site(tmp_path, PAGE, SNIPPETS)
    with pytest.raises(LessonError, match=re.escape(
            "the nav lists docs/lessons/nope.md, which does not exist")):
        discover(docs, snippets, [{"Nope": "lessons/nope.md"}], "")


def test_one_page_one_snippet_file_one_nav_line_make_a_lesson(extra_lesson_build):
    """The extra lesson gets its notebooks, its explorer embed and its
    tests, with nothing else changed (tests/support/extra_lesson.py)."""
    build = extra_lesson_build
    site = build.built_site()
    for variant in ("practice", "solutions"):
        stem = f"{NAME}-{variant}"
        assert (site / "notebooks" / stem / "index.html").is_file()
        assert (site / "notebooks" / stem / f"{stem}.ipynb").is_file()
    page = (site / "lessons" / NAME / "index.html").read_text()
    assert 'data-preset="n=2&amp;c=3&amp;h=7&amp;w=7"' in page
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "--noconftest",
         "tests/docs/test_exercises.py", "tests/builds/test_notebooks.py",
         "tests/builds/test_explorer_embed.py", f"docs/lessons/{NAME}.md"],
        cwd=build.project, capture_output=True, text=True, timeout=600)
    tests = [line for line in collected.stdout.splitlines() if NAME in line]
    for expected in ("test_solution_passes_the_check[extra]",
                     "test_wrong_answer_fails_the_check[extra-",
                     "test_practice_notebook_passes_with_the_solution_filled_in[extra]",
                     "test_preset_is_the_exercise_input_and_no_layer[extra]",
                     f"docs/lessons/{NAME}.md::demo"):
        assert any(expected in test for test in tests), (
            expected, collected.stdout[-3000:])


def test_the_plugin_adds_to_a_lesson_in_reading_order(site_dir):
    """Under the title the notebook links, then the stamp; the explorer
    last, after the exercise's solution."""
    page = (site_dir / "lessons" / "channels" / "index.html").read_text()
    marks = ["</h1>", 'class="lesson-notebooks"', 'class="verified"',
             "Solution", "data-conv-explorer", 'import("./']
    at = [page.find(mark) for mark in marks]
    assert -1 not in at and at == sorted(at), dict(zip(marks, at, strict=True))

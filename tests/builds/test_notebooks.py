"""The lesson notebooks: they run in a real kernel, their checks really
check, and the built site serves each one as a page and as a download.

One kernel runs every notebook (starting one and importing torch is the
slow part); each run starts from an empty namespace. The site build has
run every solutions notebook already (a raising cell fails it), so the
tests read its outputs: filled in with the solution, a practice notebook is
the first cells of its solutions notebook, so the check's "Correct" is read
from the build's run (on another --device than the build's, the test runs
it). Each practice notebook runs here once in full, proving two things:
as it comes, it runs to the end and each check says the answer is missing;
and an attempt whose answer raises, run right before the exercise, gets a
check that names the missing answer, not a layer an earlier cell left. Wrong answers
are test_exercises.py's, in-process; here one shows the check's message.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import nbformat
import pytest
import torch
from nbformat.v4 import new_code_cell

from course.lessons import VARIANTS
from course.notebooks.convert import notebooks
from course.notebooks.kernel import Kernel, NotebookError
from support.exercises import MISSING, TOLD, blank_name, wrong_answers
from workbench.repository import course_lessons

LESSONS = {lesson.name: lesson for lesson in course_lessons()}
# A script, stylesheet, image, frame or font fetched from another host
# (a canonical <link> or an <a href> is no fetch).
EXTERNAL = re.compile(
    r"<(?:script|img|iframe)\b[^>]*\bsrc=\"(?:https?:)?//"
    r"|<link\b(?=[^>]*\brel=\"(?:stylesheet|preload|modulepreload|icon)\")"
    r"[^>]*\bhref=\"(?:https?:)?//|import\(\"https?:|url\([\"']?https?:")
# nbconvert's page template imports mermaid from a CDN only when the page
# holds a diagram (a .jp-Mermaid element); on a page without one that
# import never runs (the site tour checks the requests really made).
MERMAID_LOADER = re.compile(
    r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded",'
    r' async \(\) => \{\s*const diagrams = document\.querySelectorAll\('
    r'"\.jp-Mermaid > pre\.mermaid"\);\s*// do not load mermaidjs if not needed'
    r'\s*if \(!diagrams\.length\) \{\s*return;.*?</script>', re.S)


def fetched_elsewhere(page: str) -> list[str]:
    """What a page loads from another host when it is viewed."""
    if 'class="jp-Mermaid' not in page:
        page = MERMAID_LOADER.sub("", page)
    return EXTERNAL.findall(page)


@pytest.fixture(scope="session")
def kernel():
    with Kernel() as started:
        yield started


@pytest.fixture(scope="session")
def generated() -> dict[str, dict[str, nbformat.NotebookNode]]:
    return {name: notebooks(lesson) for name, lesson in LESSONS.items()}


@pytest.fixture(scope="session")
def run(kernel, torch_device):
    """Run a copy of a notebook on the session's device (--device)."""
    def run(notebook, name: str, allow_errors: bool = False):
        notebook = copy.deepcopy(notebook)
        # After the notebook's own device cell: what --device asks for.
        first_code = next(index for index, cell in enumerate(notebook.cells)
                          if cell.cell_type == "code")
        notebook.cells.insert(first_code + 1, new_code_cell(
            f"torch.set_default_device({torch_device!r})"))
        kernel.run(notebook, name, allow_errors=allow_errors)
        del notebook.cells[first_code + 1]
        return notebook
    return run


def cells(notebook, tag: str) -> list[int]:
    return [index for index, cell in enumerate(notebook.cells)
            if tag in cell.metadata.get("tags", [])]


def code_sources(notebook) -> list[str]:
    return [cell.source.strip() for cell in notebook.cells
            if cell.cell_type == "code"]


def errors(notebook) -> dict[int, str]:
    """Cell index -> "Name: message" of each cell that raised."""
    return {index: f"{output.ename}: {output.evalue}"
            for index, cell in enumerate(notebook.cells)
            for output in cell.get("outputs", [])
            if output.output_type == "error"}


def answered(practice, lesson: str, answer: str):
    """The practice notebook with ``answer`` written over the blank."""
    notebook = copy.deepcopy(practice)
    blank = LESSONS[lesson].section("blank")
    for index in cells(notebook, "exercise"):
        source = notebook.cells[index].source + "\n"
        assert blank in source, f"cell {index} lost the blank {blank!r}"
        notebook.cells[index].source = source.replace(blank, answer + "\n")
    return notebook


def printed_by(notebook, index: int) -> str:
    return "".join(output.get("text", "")
                   for output in notebook.cells[index].outputs)


@pytest.mark.parametrize("lesson", LESSONS)
def test_practice_notebook_says_missing_and_a_failed_answer_is_missing(
        generated, run, lesson):
    """Run from the top as it comes, the practice notebook runs to the end
    and each check says the answer is missing. In the same run, a failed
    attempt goes right before the exercise, where the lesson's cells have
    left layers named ``conv`` behind: when the learner's line raises, the
    check names the missing answer instead of checking one of them."""
    practice = generated[lesson]["practice"]
    checks = cells(practice, "check")
    assert checks, "every exercise gets a check cell"
    [exercise], [check] = cells(practice, "exercise"), checks
    name = blank_name(LESSONS[lesson])
    failed = answered(practice, lesson, f"{name} = nn.Conv2d(3)  # raises")
    notebook = copy.deepcopy(practice)
    notebook.cells[exercise:exercise] = [failed.cells[exercise],
                                         failed.cells[check]]
    ran = run(notebook, f"{lesson}-practice.ipynb", allow_errors=True)
    attempt = [ran.cells.pop(exercise) for _ in range(2)]  # back as it comes
    raised = [[f"{output.ename}: {output.evalue}" for output in cell.outputs
               if output.output_type == "error"] for cell in attempt]
    assert len(raised[0]) == 1 and raised[0][0].startswith("TypeError"), raised
    assert raised[1] == [f"NameError: name '{name}' is not defined"], raised
    assert not errors(ran)
    for index in checks:
        assert printed_by(ran, index).startswith(MISSING)


@pytest.mark.parametrize("lesson", LESSONS)
def test_practice_notebook_passes_with_the_solution_filled_in(
        generated, run, served_solutions, build_device, torch_device, lesson):
    """Filled in, the practice notebook is the solutions notebook's first
    cells, which the site build ran on its device (a raising cell fails the
    build): on that device the test reads the build's run, on another one
    it runs the notebook here."""
    practice = generated[lesson]["practice"]
    solved = answered(practice, lesson, LESSONS[lesson].section("solution"))
    if torch_device != build_device:
        run(solved, f"{lesson}-practice.ipynb, solved")  # raises if not
        return
    built = served_solutions(lesson)
    solved_code = code_sources(solved)
    assert solved_code == code_sources(built)[:len(solved_code)]
    assert not errors(built)
    [check] = cells(built, "check")
    assert printed_by(built, check).startswith("Correct: ")


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_wrong_answer_fails_the_check_saying_what_is_wrong(generated, run,
                                                            lesson):
    notebook = answered(generated[lesson]["practice"], lesson,
                        wrong_answers(LESSONS[lesson])[0])
    # The device cell, the exercise and its check are enough here.
    device = next(cell for cell in notebook.cells if cell.cell_type == "code")
    notebook.cells = [device] + [
        notebook.cells[index] for index in
        sorted(cells(notebook, "exercise") + cells(notebook, "check"))]
    ran = run(notebook, f"{lesson}-practice.ipynb", allow_errors=True)
    [(index, message)] = errors(ran).items()
    assert index in cells(ran, "check")
    assert TOLD.fullmatch(message.removeprefix("AssertionError: ")), message


@pytest.mark.parametrize("lesson", LESSONS)
def test_notebooks_hold_no_mkdocs_syntax(generated, lesson):
    """Includes expanded, markers and admonitions gone, links absolute
    (raw HTML's too)."""
    leftovers = re.compile(r"--8<--|<!--\s*pytest|^\s*(?:!!!|\?\?\?)|"
                           r"\]\((?!https?:|#|attachment:)[^)]*\)|```conv-formula|"
                           r'href="(?!https?:|#)', re.M)
    for variant, notebook in generated[lesson].items():
        for index, cell in enumerate(notebook.cells):
            found = leftovers.search(cell.source)
            assert not found, f"{lesson}-{variant}, cell {index}: {found[0]!r}"


def test_a_missing_kernel_says_so():
    with pytest.raises(NotebookError, match="no Jupyter kernel named 'nope'"):
        with Kernel("nope"):
            pass


def test_a_cell_that_never_returns_times_out(kernel):
    notebook = nbformat.v4.new_notebook(cells=[
        new_code_cell("import time\ntime.sleep(30)")])
    with pytest.raises(NotebookError, match="slow.ipynb, cell 0: no result "
                                            "after 1 s"):
        kernel.run(notebook, "slow.ipynb", timeout=1)


@pytest.fixture(scope="session")
def site(site_dir) -> Path:
    return site_dir


@pytest.fixture(scope="session")
def build_device() -> str:
    """Where the build ran the solutions notebooks: their setup cell picks
    CUDA when torch sees it (course.notebooks.convert.SETUP)."""
    return "cuda" if torch.cuda.is_available() else "cpu"


@pytest.fixture(scope="session")
def served_solutions(site):
    """A lesson's solutions notebook as the build ran and served it."""
    def served(lesson: str) -> nbformat.NotebookNode:
        stem = f"{lesson}-solutions"
        return nbformat.read(site / "notebooks" / stem / f"{stem}.ipynb", 4)
    return served


@pytest.mark.parametrize("lesson", LESSONS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_site_serves_the_notebook_as_page_and_download(site, generated,
                                                       lesson, variant):
    stem = f"{lesson}-{variant}"
    page = (site / "notebooks" / stem / "index.html").read_text()
    assert re.search(rf'class="md-button notebook-download" download\s+'
                     rf'href="{stem}.ipynb"', page), "no download button"
    assert not fetched_elsewhere(page), "the page fetches from another host"
    served = nbformat.read(site / "notebooks" / stem / f"{stem}.ipynb", 4)
    nbformat.validate(served)
    fresh = generated[lesson][variant]
    assert [cell.source for cell in served.cells] == \
        [cell.source for cell in fresh.cells], "stale: rebuild the site"
    if variant == "practice":  # shown unexecuted
        assert not any(cell.get("outputs") for cell in served.cells)
    else:  # run at build time: every code cell ran, none raised
        code = [cell for cell in served.cells if cell.cell_type == "code"]
        assert all(cell.execution_count for cell in code)
        assert not errors(served)


def test_notebook_stylesheet_fetches_nothing(site):
    css = site / "assets" / "stylesheets" / "notebooks.css"
    assert not EXTERNAL.findall(css.read_text())


def test_search_leaves_notebooks_to_their_lessons(site):
    """The notebooks repeat the lessons' text: search lists the lesson (and
    the Notebooks page, which links to them)."""
    index = json.loads((site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert "notebooks/" in locations
    assert not [location for location in locations
                if re.match(r"notebooks/[^/#]+/", location)]


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_search_for_the_exercise_lands_beside_its_notebooks(site, lesson):
    """Search leaves the notebooks out, so the lesson's section a search
    for the exercise's name finds points to the lesson's notebook line,
    which links both notebook pages, saying why."""
    index = json.loads((site / "search" / "search_index.json").read_text())
    name = blank_name(LESSONS[lesson])
    found = [doc for doc in index["docs"]
             if doc["location"].startswith(f"lessons/{lesson}/")
             and re.search(rf"\b{name} = \.\.\.", doc["text"])]
    assert len(found) == 1, [doc["location"] for doc in found]
    assert ("This exercise is also in the lesson's notebooks, at the top of "
            "the page. The site's search shows this page for them"
            in found[0]["text"]), found[0]["location"]
    page = (site / "lessons" / lesson / "index.html").read_text()
    paragraph = re.search(r'<p class="exercise-notebooks">(.*?)</p>', page)[1]
    assert re.findall(r'href="([^"]+)"', paragraph) == ["#lesson-notebooks"]
    line = re.search(r'<p class="lesson-notebooks" id="lesson-notebooks">(.*?)</p>',
                     page)[1]
    for variant in VARIANTS:
        assert f'href="../../notebooks/{lesson}-{variant}/"' in line, variant


def test_a_block_needing_an_optional_package_is_shown_with_its_output():
    """The notebooks run on Colab as they are, and Colab lacks torchinfo: the
    cost lesson's blocks that import it are shown with the page's output,
    not run."""
    for variant, notebook in notebooks(LESSONS["cost"]).items():
        cells = {kind: "\n".join(cell.source for cell in notebook.cells
                                 if cell.cell_type == kind)
                 for kind in ("code", "markdown")}
        assert "torchinfo" not in cells["code"], variant
        assert "from torchinfo import summary" in cells["markdown"], variant
        assert "bias=True: 38,010,880 mult-adds" in cells["markdown"], variant

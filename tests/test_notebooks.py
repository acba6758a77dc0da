"""The lesson notebooks: they run in a real kernel, their checks really
check, and the built site serves each one as a page and as a download.

One kernel runs every notebook (starting one and importing torch is the
slow part); each run starts from an empty namespace.
"""

from __future__ import annotations

import copy
import json
import os
import re
import sys
import sysconfig
import tempfile
from pathlib import Path

import nbformat
import pytest
from mkdocs.exceptions import PluginError
from nbformat.v4 import new_code_cell

from includes import ROOT, mkdocs_config
from lesson_notebooks import DOCS, VARIANTS, Lesson, notebooks
from notebook_runner import Kernel, NotebookError
from notebooks import run_solutions
from test_exercises import (
    MISSING,
    TOLD,
    blank_name,
    exercise_lessons,
    section,
    wrong_answers,
)

pytestmark = pytest.mark.notebook

SITE_URL = mkdocs_config()["site_url"]
LESSONS = {page.stem: Lesson(page, SITE_URL)
           for page in sorted((DOCS / "lessons").glob("*.md"))}
EXERCISES = [name for name in LESSONS if name in exercise_lessons()]
# A script, stylesheet, image, frame or font fetched from another host
# (a canonical <link> or an <a href> is no fetch).
EXTERNAL = re.compile(
    r"<(?:script|img|iframe)\b[^>]*\bsrc=\"(?:https?:)?//"
    r"|<link\b(?=[^>]*\brel=\"(?:stylesheet|preload|modulepreload|icon)\")"
    r"[^>]*\bhref=\"(?:https?:)?//|import\(\"https?:|url\([\"']?https?:")


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


@pytest.fixture(scope="session")
def solved(generated, run) -> dict[str, nbformat.NotebookNode]:
    """Every solutions notebook, run once for the tests that read outputs."""
    return {name: run(variants["solutions"], f"{name}-solutions.ipynb")
            for name, variants in generated.items()}


def cells(notebook, tag: str) -> list[int]:
    return [index for index, cell in enumerate(notebook.cells)
            if tag in cell.metadata.get("tags", [])]


def errors(notebook) -> dict[int, str]:
    """Cell index -> "Name: message" of each cell that raised."""
    return {index: f"{output.ename}: {output.evalue}"
            for index, cell in enumerate(notebook.cells)
            for output in cell.get("outputs", [])
            if output.output_type == "error"}


def answered(practice, lesson: str, answer: str):
    """The practice notebook with ``answer`` written over the blank."""
    notebook = copy.deepcopy(practice)
    blank = section(lesson, "blank")
    for index in cells(notebook, "exercise"):
        source = notebook.cells[index].source + "\n"
        assert blank in source, f"cell {index} lost the blank {blank!r}"
        notebook.cells[index].source = source.replace(blank, answer + "\n")
    return notebook


@pytest.mark.parametrize("lesson", LESSONS)
def test_solutions_notebook_runs_without_error(solved, lesson):
    assert not errors(solved[lesson])


def printed_by(notebook, index: int) -> str:
    return "".join(output.get("text", "")
                   for output in notebook.cells[index].outputs)


@pytest.mark.parametrize("lesson", LESSONS)
def test_practice_notebook_says_missing_at_its_checks(generated, run, lesson):
    """Run from the top as it comes, the practice notebook runs to the end
    and each check says the answer is missing."""
    practice = generated[lesson]["practice"]
    checks = cells(practice, "check")
    assert bool(checks) == (lesson in EXERCISES), \
        "a lesson with an exercise gets a check cell, and only then"
    ran = run(practice, f"{lesson}-practice.ipynb", allow_errors=True)
    assert not errors(ran)
    for index in checks:
        assert printed_by(ran, index).startswith(MISSING)


@pytest.mark.parametrize("lesson", EXERCISES)
def test_a_failed_answer_is_missing_not_an_earlier_layer(generated, run,
                                                          lesson):
    """The lesson's cells leave layers named ``conv`` behind; when the
    learner's line raises, the check names the missing answer instead of
    checking one of them."""
    notebook = answered(generated[lesson]["practice"], lesson,
                        f"{blank_name(lesson)} = nn.Conv2d(3)  # raises")
    ran = run(notebook, f"{lesson}-practice.ipynb", allow_errors=True)
    [exercise], [check] = cells(ran, "exercise"), cells(ran, "check")
    assert errors(ran)[exercise].startswith("TypeError")
    assert errors(ran)[check] == \
        f"NameError: name '{blank_name(lesson)}' is not defined"


@pytest.mark.parametrize("lesson", EXERCISES)
def test_practice_notebook_passes_with_the_solution_filled_in(generated, run,
                                                              lesson):
    practice = generated[lesson]["practice"]
    run(answered(practice, lesson, section(lesson, "solution")),
        f"{lesson}-practice.ipynb, solved")  # raises NotebookError if not


@pytest.mark.parametrize("lesson", EXERCISES)
def test_a_wrong_answer_fails_the_check_saying_what_is_wrong(generated, run,
                                                            lesson):
    notebook = answered(generated[lesson]["practice"], lesson,
                        wrong_answers(lesson)[0])
    # The device cell, the exercise and its check are enough here.
    device = next(cell for cell in notebook.cells if cell.cell_type == "code")
    notebook.cells = [device] + [
        notebook.cells[index] for index in
        sorted(cells(notebook, "exercise") + cells(notebook, "check"))]
    ran = run(notebook, f"{lesson}-practice.ipynb", allow_errors=True)
    [(index, message)] = errors(ran).items()
    assert index in cells(ran, "check")
    assert TOLD.fullmatch(message.removeprefix("AssertionError: "))


@pytest.mark.parametrize("lesson", LESSONS)
def test_notebooks_hold_no_mkdocs_syntax(generated, lesson):
    """Includes expanded, markers and admonitions gone, links absolute."""
    leftovers = re.compile(r"--8<--|<!--\s*pytest|^\s*(?:!!!|\?\?\?)|"
                           r"\]\((?!https?:|#|attachment:)[^)]*\)|```conv-formula",
                           re.M)
    for variant, notebook in generated[lesson].items():
        for index, cell in enumerate(notebook.cells):
            found = leftovers.search(cell.source)
            assert not found, f"{lesson}-{variant}, cell {index}: {found[0]!r}"


def test_a_raising_cell_stops_the_build_naming_notebook_and_cell(tmp_path,
                                                                 kernel):
    notebook = nbformat.v4.new_notebook(cells=[
        new_code_cell("x = 1"), new_code_cell("y = x / 0")])
    notebook.cells[1].metadata["lesson_line"] = "docs/lessons/bad.md:7"
    with pytest.raises(NotebookError, match=re.escape(
            "notebooks/bad-solutions.ipynb, cell 1 (from docs/lessons/bad.md:7):"
            " ZeroDivisionError: division by zero")):
        run_solutions({"notebooks/bad-solutions.ipynb": notebook}, tmp_path,
                      kernel)
    assert issubclass(NotebookError, PluginError)  # MkDocs: message, exit 1


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
def site(site_builds) -> Path:
    return site_builds["site"].built_site()


@pytest.mark.parametrize("lesson", LESSONS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_site_serves_the_notebook_as_page_and_download(site, generated, solved,
                                                       lesson, variant):
    stem = f"{lesson}-{variant}"
    page = (site / "notebooks" / stem / "index.html").read_text()
    assert re.search(rf'class="md-button notebook-download" download\s+'
                     rf'href="{stem}.ipynb"', page), "no download button"
    assert not EXTERNAL.findall(page), "the page fetches from another host"
    served = nbformat.read(site / "notebooks" / stem / f"{stem}.ipynb", 4)
    nbformat.validate(served)
    fresh = generated[lesson][variant]
    assert [cell.source for cell in served.cells] == \
        [cell.source for cell in fresh.cells], "stale: rebuild the site"
    if variant == "practice":  # shown unexecuted
        assert not any(cell.get("outputs") for cell in served.cells)
    else:  # run at build time; shapes only, so the same as our run here
        assert printed(served) == printed(solved[lesson])


def printed(notebook) -> list[str]:
    """What each code cell printed (warnings on stderr aside)."""
    return ["".join(output.get("text", "") for output in cell.outputs
                    if output.get("name") != "stderr")
            for cell in notebook.cells if cell.cell_type == "code"]


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_page_links_its_notebooks(site, lesson):
    page_dir = site / "lessons" / lesson
    page = (page_dir / "index.html").read_text()
    links = re.search(r"Download this lesson as a notebook:(.*?)</p>", page)
    assert links, "no download paragraph"
    targets = re.findall(r'href="([^"]+)"', links[1])
    assert len(targets) == 2 * len(VARIANTS)
    for target in targets:
        path = (page_dir / target).resolve()
        assert (path / "index.html" if target.endswith("/") else path
                ).is_file(), f"{target} is not in the built site"


def test_notebook_stylesheet_fetches_nothing(site):
    css = site / "assets" / "stylesheets" / "notebooks.css"
    assert not EXTERNAL.findall(css.read_text())


def test_search_leaves_notebooks_to_their_lessons(site):
    """The notebooks repeat the lessons' text: search lists the lesson."""
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert not [doc["location"] for doc in index["docs"]
                if doc["location"].startswith("notebooks/")]


def build_machine_paths() -> set[str]:
    """Absolute paths of the machine that builds the site: the repository,
    the Python environment, the temporary directory the builds go to."""
    paths = {str(ROOT), sys.prefix, sys.base_prefix,
             sysconfig.get_paths()["purelib"]}
    return ({path for given in paths for path in (given, os.path.realpath(given))}
            | {"site-packages", tempfile.gettempdir().rstrip("/") + "/"})


def leaks(text: str) -> list[str]:
    """The build machine's paths and warnings found in ``text``."""
    return sorted({found for found in build_machine_paths() | {"Warning:"}
                   if found in text})


def test_published_pages_and_notebooks_hold_no_build_path_or_warning(site):
    """Outputs of the build (notebook cells, the pages rendering them, the
    lessons) show what a reader's run prints: no path of the machine that
    built them, no warning it printed on the way."""
    found = {}
    for path in sorted([*site.rglob("*.html"), *site.rglob("*.ipynb")]):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            notebook = nbformat.reads(text, 4)
            text = json.dumps([cell.get("outputs", []) for cell in notebook.cells])
            if any(output.get("name") == "stderr" for cell in notebook.cells
                   for output in cell.get("outputs", [])):
                found[str(path.relative_to(site))] = ["output on stderr"]
        if problems := leaks(text):
            found.setdefault(str(path.relative_to(site)), []).extend(problems)
    assert not found, "\n".join(f"{name}: {problems}"
                                for name, problems in found.items())


def test_a_leaked_path_or_warning_is_found():
    purelib = sysconfig.get_paths()["purelib"]
    found = leaks(f"{purelib}/torch/utils/_device.py:122: UserWarning: Using")
    assert {purelib, "site-packages", "Warning:"} <= set(found)
    assert leaks(f"{ROOT}/docs") == [str(ROOT)]
    assert leaks("torch.Size([4, 16, 12, 12])\nUserWarning") == []

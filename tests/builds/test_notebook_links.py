"""Where learners find and run the notebooks: every lesson's two notebooks
are reached three ways (read on the site, download the .ipynb, open in
Colab) from the lesson page and from the Notebooks page; the sidebar lists
the Notebooks page once and no notebook; and a notebook runs on Colab as it
is. That the Colab links open the notebooks the Pages workflow pushes, byte
for byte as built, is tests/repository/test_workflows.py's end-to-end test.
"""

from __future__ import annotations

import ast
import posixpath
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
import torch

from course.lessons import VARIANTS
from course.notebooks.convert import notebooks
from workbench.repository import course_lessons

LESSONS = {lesson.name: lesson for lesson in course_lessons()}
# Colab's address of a notebook in a GitHub repository.
COLAB = re.compile(r"https://colab\.research\.google\.com/github/"
                   r"(?P<repository>[\w.-]+/[\w.-]+)/blob/(?P<branch>[\w.-]+)/"
                   r"(?P<path>[\w.-]+\.ipynb)")
NOTEBOOKS_PAGE = "notebooks/"
# What a notebook may import on Colab without installing anything.
ON_COLAB = {"torch", "numpy"} | sys.stdlib_module_names


@dataclass
class Link:
    href: str
    attributes: dict[str, str | None]
    text: str = ""


class _Links(HTMLParser):
    """Each <a> of a page, with its attributes and text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[Link] = []
        self.open: Link | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "a" and dict(attrs).get("href"):
            self.open = Link(dict(attrs)["href"], dict(attrs))
            self.links.append(self.open)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.open = None

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open.text += data


def links(site: Path, page: str) -> list[Link]:
    parser = _Links()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return parser.links


def target(page: str, href: str) -> str:
    """A relative link of ``page`` as a path from the site's root."""
    path = posixpath.normpath(posixpath.join(page, href))
    return path + "/" if href.endswith("/") else path


@pytest.fixture(scope="module")
def site(site_dir) -> Path:
    return site_dir


@pytest.mark.parametrize("page", ["", "lessons/channels/", NOTEBOOKS_PAGE,
                                  "notebooks/channels-practice/"])
def test_the_sidebar_lists_the_notebooks_page_once_and_no_notebook(site, page):
    sidebar = [link for link in links(site, page)
               if "md-nav__link" in (link.attributes.get("class") or "")
               and not link.href.startswith("#")]  # not the page's contents
    pages = [target(page, link.href) for link in sidebar]
    named = [link.text.strip() for link in sidebar]
    assert named.count("Notebooks") == 1 and NOTEBOOKS_PAGE in pages
    assert not [path for path in pages
                if path.startswith(NOTEBOOKS_PAGE) and path != NOTEBOOKS_PAGE]
    assert len(named) == len(set(named)) > len(LESSONS)


@pytest.mark.parametrize("page", ["lesson", "the Notebooks page"])
@pytest.mark.parametrize("lesson", LESSONS)
def test_each_notebook_three_ways(site, lesson, page):
    """Read its page, download its .ipynb, open it in Colab: one link each,
    named, to a file of the built site or to Colab with this notebook."""
    page = f"lessons/{lesson}/" if page == "lesson" else NOTEBOOKS_PAGE
    found = links(site, page)
    for variant in VARIANTS:
        stem = f"{lesson}-{variant}"
        read = [link for link in found
                if target(page, link.href) == f"notebooks/{stem}/"]
        download = [link for link in found if "download" in link.attributes
                    and target(page, link.href) == f"notebooks/{stem}/{stem}.ipynb"]
        colab = [link for link in found if (match := COLAB.fullmatch(link.href))
                 and match["path"] == f"{stem}.ipynb"]
        assert [len(read), len(download), len(colab)] == [1, 1, 1], stem
        assert (site / "notebooks" / stem / "index.html").is_file()
        assert (site / "notebooks" / stem / f"{stem}.ipynb").is_file()
        assert all(re.search(r"\w", link.text) for link in read + download + colab)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("lesson", LESSONS)
def test_a_notebook_page_opens_its_notebook_in_colab(site, lesson, variant):
    stem = f"{lesson}-{variant}"
    colab = [match["path"] for link in links(site, f"notebooks/{stem}/")
             if (match := COLAB.fullmatch(link.href))]
    assert colab == [f"{stem}.ipynb"]


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_notebook_runs_on_colab_as_it_is(lesson):
    """No pip line or shell escape (Colab's torch, built for its GPUs, stays),
    and nothing imported that Colab lacks: torch, NumPy, the standard
    library. Its first code cell says how to ask Colab for a GPU."""
    for variant, notebook in notebooks(LESSONS[lesson]).items():
        code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
        assert "Runtime > Change runtime type" in code[0], variant
        for source in code:
            assert not re.search(r"^\s*[!%]|pip install", source, re.M), source
            imported = {name.split(".")[0] for node in ast.walk(ast.parse(source))
                        if isinstance(node, ast.Import | ast.ImportFrom)
                        for name in ([node.module] if isinstance(node, ast.ImportFrom)
                                     else [alias.name for alias in node.names])}
            assert imported <= ON_COLAB, (variant, imported - ON_COLAB)


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_first_cell_runs_the_notebook_on_the_gpu_it_finds(site, lesson):
    """The build ran the solutions where torch found a GPU, if any, and the
    first cell says where: on Colab with a GPU runtime, "cuda:0"."""
    stem = f"{lesson}-solutions"
    served = nbformat.read(site / "notebooks" / stem / f"{stem}.ipynb", 4)
    first = next(cell for cell in served.cells if cell.cell_type == "code")
    device = "cuda:0" if torch.cuda.is_available() else "cpu"
    assert [output.text for output in first.outputs] == [f"Running on {device}\n"]

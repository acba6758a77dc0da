"""The three ways to a lesson's notebook: read it on the site, download its
.ipynb, open it in Google Colab. The lesson page's notebook line and the
Notebooks page (the page holding ``LIST_MARKER``) both offer them, from here.

Colab opens a notebook from a GitHub repository: the Pages workflow
publishes the notebooks the build wrote to a branch of their own
(course/notebooks/publish.py), which mkdocs.yml names once, in the course
plugin's ``notebooks_repository`` and ``notebooks_branch``. A Colab link is
a plain link: a page being viewed requests nothing from Colab or GitHub.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from course.lessons import VARIANTS, Lesson

COLAB = "https://colab.research.google.com/github"
# Where the Notebooks page lists every lesson's notebooks.
LIST_MARKER = "<div data-notebook-list></div>"
LINE_ID = "lesson-notebooks"  # the lesson page's notebook line


@dataclass(frozen=True)
class NotebookBranch:
    """The GitHub branch that holds the built notebooks, each under its
    file name (``Lesson.notebook_file``)."""

    repository: str  # owner/name
    name: str

    def colab_url(self, lesson: Lesson, variant: str) -> str:
        return (f"{COLAB}/{self.repository}/blob/{self.name}/"
                f"{lesson.notebook_file(variant)}")


def read_link(lesson: Lesson, variant: str, page_url: str, label: str) -> str:
    """A link from the page at ``page_url`` to the notebook's page."""
    download = lesson.download_uri(variant)
    read = download.removesuffix(lesson.notebook_file(variant))  # its folder
    return f'<a href="{get_relative_url(read, page_url)}">{label}</a>'


def ways(lesson: Lesson, variant: str, page_url: str,
         branch: NotebookBranch) -> list[str]:
    """Links from the page at ``page_url`` to the notebook's page, its
    .ipynb and Colab."""
    download = lesson.download_uri(variant)
    return [read_link(lesson, variant, page_url, "read"),
            f'<a href="{get_relative_url(download, page_url)}" download>'
            "download</a>",
            f'<a href="{branch.colab_url(lesson, variant)}">'
            "open&nbsp;in&nbsp;Colab</a>"]  # kept on one line


def lesson_line(lesson: Lesson, page_url: str, branch: NotebookBranch) -> str:
    """The lesson page's paragraph of its two notebooks."""
    practice, solutions = (", ".join(ways(lesson, variant, page_url, branch))
                           for variant in VARIANTS)
    return (f'<p class="lesson-notebooks" id="{LINE_ID}">This lesson as a notebook: '
            f"<strong>practice</strong>, the exercise left for you: {practice}; "
            f"<strong>solutions</strong>: {solutions}.</p>")


def exercise_line() -> str:
    """The paragraph under the exercise's heading, where a search for the
    exercise lands: it points to the lesson's notebook line, which offers each
    notebook once. The site's search leaves the notebooks out: they repeat
    the lesson, and every page loads the search index."""
    return ('<p class="exercise-notebooks">This exercise is also in '
            f'<a href="#{LINE_ID}">the lesson\'s notebooks</a>, at the top of '
            "the page. The site's search shows this page for them: they repeat "
            "its text.</p>")


def notebook_table(lessons: list[Lesson], src_uri: str, page_url: str,
                   branch: NotebookBranch) -> str:
    """The Notebooks page's table: a row per lesson, a column per notebook
    (``src_uri`` and ``page_url``: the page's, for relative links)."""
    here = posixpath.dirname(src_uri) or "."
    rows = ["| Lesson | " + " | ".join(v.capitalize() for v in VARIANTS) + " |",
            "| --- " * (1 + len(VARIANTS)) + "|"]
    for lesson in lessons:
        link = f"[{lesson.title}]({posixpath.relpath(lesson.uri, here)})"
        cells = (" · ".join(ways(lesson, variant, page_url, branch))
                 for variant in VARIANTS)
        rows.append(f"| {link} | " + " | ".join(cells) + " |")
    return "\n".join(rows)

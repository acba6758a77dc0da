"""The course plugin: what the build adds that needs the whole site.

Registered as ``course`` (pyproject.toml's ``mkdocs.plugins`` entry point)
and listed in mkdocs.yml. It discovers the lessons once (lessons.py) and
adds, from that one model: each lesson's practice and solutions notebooks
(files of the build, which mkdocs-jupyter's plugin, listed after this one,
renders; pages out of the nav, which the Notebooks page lists instead), the
"Verified" stamp, the links to the notebooks and the explorer embed; and
the theme's templates of course/theme/. Features that
only transform Markdown (includes, formulas, math) are Python-Markdown
extensions, named in mkdocs.yml's ``markdown_extensions``.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import BasePlugin

from course import explorer, widgets
from course.config import CourseConfig
from course.lessons import VARIANTS, Lesson, blank_include, discover
from course.markdown.includes import EXTENSION, absolute
from course.markdown.structure import fences, numbered, parse
from course.notebooks.files import notebook_files
from course.notebooks.links import (
    LIST_MARKER,
    NotebookBranch,
    exercise_line,
    lesson_line,
    notebook_table,
)
from course.verified import load_results, stamp_line

THEME = Path(__file__).parent / "theme"


class CoursePlugin(BasePlugin[CourseConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.cache = root / self.config.cache
        self.results = load_results(root)
        lessons = self.site_lessons(config)
        self.lessons: dict[str, Lesson] = {lesson.uri: lesson for lesson in lessons}
        self.notebooks: dict[str, tuple[Lesson, str]] = {
            lesson.notebook_uri(variant): (lesson, variant)
            for lesson in lessons for variant in VARIANTS}
        self.branch = self.notebook_branch()
        config.theme.dirs.insert(0, str(THEME))
        return config

    def site_lessons(self, config) -> list[Lesson]:
        """The lessons of the site ``config`` (mkdocs.yml, loaded) builds."""
        root = Path(config.config_file_path).parent
        includes = absolute(config.mdx_configs.get(EXTENSION, {}), root)
        return discover(Path(config.docs_dir), root / self.config.snippets,
                        config.nav, config.site_url or "", includes)

    def notebook_branch(self) -> NotebookBranch:
        """Where the built notebooks are published, for Colab to open."""
        return NotebookBranch(self.config.notebooks_repository,
                              self.config.notebooks_branch)

    def on_files(self, files, config):
        for file in notebook_files(list(self.lessons.values()), self.cache, config):
            files.append(file)
        return files

    def on_page_markdown(self, markdown, page, config, files):
        """Everything the course adds to a page, in reading order."""
        if notebook := self.notebooks.get(page.file.src_uri):
            lesson, _ = notebook
            if page.edit_url:  # edit the lesson, the notebook's one source
                page.edit_url = (page.edit_url.removesuffix(page.file.src_uri)
                                 + lesson.uri)
            return markdown  # a notebook's JSON: mkdocs-jupyter renders it
        source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        # Errors of the includes extension name the page it converts.
        config.mdx_configs.setdefault(EXTENSION, {})["source"] = source
        if LIST_MARKER in markdown:  # the Notebooks page
            markdown = markdown.replace(LIST_MARKER, notebook_table(
                list(self.lessons.values()), page.file.src_uri, page.url,
                self.branch))
        lesson = self.lessons.get(page.file.src_uri)
        if lesson:
            markdown = under_heading(markdown,
                                     blank_include(lesson.snippets.name),
                                     exercise_line())
        under_title = [
            lesson_line(lesson, page.url, self.branch) if lesson else "",
            stamp_line(markdown, source, self.results),
        ]
        preset = lesson.preset if lesson else None
        at_end = [explorer.embed(preset, page.url) if preset else ""]
        at_end += widgets.module_scripts(at_end[0] + markdown, page.url)
        return insert(markdown, under_title, at_end)

    def on_page_content(self, html, page, config, files):
        if notebook := self.notebooks.get(page.file.src_uri):
            # Search finds the lesson, whose exercise links here; the same
            # text again would only repeat it and grow the index every page
            # loads (set here: reading the source resets meta).
            page.meta["search"] = {"exclude": True}
            page.meta["colab_url"] = self.branch.colab_url(*notebook)  # main.html
        return html


def under_heading(markdown: str, marker: str, block: str) -> str:
    """``markdown`` with ``block`` under the heading above the first fence
    holding ``marker`` (a ``#`` line inside a fence is code, not a heading)."""
    nodes = parse(numbered(markdown))
    at = next(fence.line for fence in fences(nodes)
              if any(marker in text for _, text in fence.body))
    heading = max(node[0] for node in nodes if isinstance(node, tuple)
                  and node[0] < at and re.match(r"#{1,6} ", node[1]))
    lines = markdown.split("\n")
    lines[heading:heading] = ["", block, ""]  # heading: the line after it, 0-based
    return "\n".join(lines)


def insert(markdown: str, under_title: list[str], at_end: list[str]) -> str:
    """``markdown`` with blocks under its ``# Title`` line and at its end."""
    lines = markdown.split("\n")
    title = next((index + 1 for index, line in enumerate(lines)
                  if line.startswith("# ")), 0)
    blocks = [block for block in under_title if block]
    lines[title:title] = [line for block in blocks for line in ("", block, "")]
    return "\n".join([*lines, *(f"\n{block}" for block in at_end if block)])

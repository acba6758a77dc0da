"""The course plugin: what the build adds that needs the whole site.

Registered as ``course`` (pyproject.toml's ``mkdocs.plugins`` entry point)
and listed in mkdocs.yml. It discovers the lessons once (lessons.py) and
adds, from that one model: each lesson's practice and solutions notebooks
(files of the build, which mkdocs-jupyter's plugin, listed after this one,
renders; and their nav), the "Verified" stamp, the download links and the
explorer embed; and the theme's templates of course/theme/. Features that
only transform Markdown (includes, formulas, math) are Python-Markdown
extensions, named in mkdocs.yml's ``markdown_extensions``.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.plugins import BasePlugin

from course import explorer
from course.lessons import VARIANTS, Lesson, blank_include, discover
from course.notebooks import (
    add_nav_section,
    download_links,
    exercise_links,
    notebook_files,
)
from course.verified import load_results, stamp_line

THEME = Path(__file__).parent / "theme"


class CourseConfig(base.Config):
    snippets = options.Type(str, default="snippets")  # next to mkdocs.yml
    cache = options.Type(str, default=".cache/notebooks")


class CoursePlugin(BasePlugin[CourseConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.cache = root / self.config.cache
        self.results = load_results(root)
        lessons = discover(Path(config.docs_dir), root / self.config.snippets,
                           config.nav, config.site_url or "")
        self.lessons: dict[str, Lesson] = {lesson.uri: lesson for lesson in lessons}
        self.notebooks: dict[str, Lesson] = {
            lesson.notebook_uri(variant): lesson
            for lesson in lessons for variant in VARIANTS}
        add_nav_section(config.nav, lessons)
        config.theme.dirs.insert(0, str(THEME))
        return config

    def on_files(self, files, config):
        for file in notebook_files(list(self.lessons.values()), self.cache, config):
            files.append(file)
        return files

    def on_page_markdown(self, markdown, page, config, files):
        """Everything the course adds to a page, in reading order."""
        if lesson := self.notebooks.get(page.file.src_uri):
            if page.edit_url:  # edit the lesson, the notebook's one source
                page.edit_url = (page.edit_url.removesuffix(page.file.src_uri)
                                 + lesson.uri)
            return markdown  # a notebook's JSON: mkdocs-jupyter renders it
        source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        # Errors of the includes extension name the page it converts.
        config.mdx_configs.setdefault("course.includes", {})["source"] = source
        lesson = self.lessons.get(page.file.src_uri)
        if lesson:
            markdown = under_heading(markdown,
                                     blank_include(lesson.snippets.name),
                                     exercise_links(lesson, page.url))
        under_title = [
            download_links(lesson, page.url) if lesson else "",
            stamp_line(markdown, source, self.results),
        ]
        preset = lesson.preset if lesson else None
        at_end = [explorer.embed(preset, page.url) if preset else ""]
        if preset or explorer.MARKER in markdown:
            at_end.append(explorer.module_script(page.url))
        return insert(markdown, under_title, at_end)

    def on_page_content(self, html, page, config, files):
        if page.file.src_uri in self.notebooks:
            # Search finds the lesson, whose exercise links here; the same
            # text again would only repeat it and grow the index every page
            # loads (set here: reading the source resets meta).
            page.meta["search"] = {"exclude": True}
        return html


def under_heading(markdown: str, marker: str, block: str) -> str:
    """``markdown`` with ``block`` under the heading above the first line
    holding ``marker``."""
    lines = markdown.split("\n")
    at = next(index for index, line in enumerate(lines) if marker in line)
    heading = max(index for index in range(at)
                  if re.match(r"#{1,6} ", lines[index]))
    lines[heading + 1:heading + 1] = ["", block, ""]
    return "\n".join(lines)


def insert(markdown: str, under_title: list[str], at_end: list[str]) -> str:
    """``markdown`` with blocks under its ``# Title`` line and at its end."""
    lines = markdown.split("\n")
    title = next((index + 1 for index, line in enumerate(lines)
                  if line.startswith("# ")), 0)
    blocks = [block for block in under_title if block]
    lines[title:title] = [line for block in blocks for line in ("", block, "")]
    return "\n".join([*lines, *(f"\n{block}" for block in at_end if block)])

"""Includes: ``--8<-- "file.py:section"`` lines, expanded and checked.

One Python-Markdown extension (``course.markdown.includes`` in mkdocs.yml, taking
pymdownx.snippets' options) expands every include of a page with
pymdownx.snippets' own preprocessor, one line at a time, so a typo in a
path or a section name fails with ``file:line`` of the include, never an
empty block. The test suite expands pages with the same ``expand``, so
MkDocs and the tests see the same code blocks; ``section`` is the one
reader of a snippet section.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError
from pymdownx.snippets import SnippetMissingError

EXTENSION = __name__  # as mkdocs.yml's markdown_extensions names it
BLOCK_MARKER = re.compile(r"^\s*-+8<-+\s*$")
SECTION_MARKER = re.compile(r"--8<-- \[(?P<kind>start|end):(?P<name>[\w-]+)\]")
SNIPPET_OPTIONS = ("base_path", "check_paths", "dedent_subsections")


class IncludeError(PluginError):
    """An include that names a missing file or section, at ``source:line``."""

    def __init__(self, source: str, line: int, reason: str) -> None:
        super().__init__(f"{source}:{line}: {reason}")
        self.source, self.line, self.reason = source, line, reason


def absolute(options: dict, root: Path) -> dict:
    """The includes' options with their folders (relative to ``root``, the
    folder of mkdocs.yml) made absolute."""
    return {**options, "base_path": [str(root / base)
                                     for base in options.get("base_path", [])]}


@functools.cache
def _snippet_preprocessor(base_paths: tuple[str, ...], check_paths: bool,
                          dedent_subsections: bool) -> Preprocessor:
    options = {"base_path": list(base_paths), "check_paths": check_paths,
               "dedent_subsections": dedent_subsections}
    markdown = Markdown(extensions=["pymdownx.snippets"],
                        extension_configs={"pymdownx.snippets": options})
    return markdown.preprocessors["snippet"]


def expand(text: str, source: str, options: dict) -> list[tuple[int, str]]:
    """Expand every include of ``text`` into ``(source line, line)`` pairs.

    ``options`` are pymdownx.snippets'. Lines are expanded one at a time so
    each expanded line keeps the number of the source line it came from.
    """
    snippets = _snippet_preprocessor(tuple(options["base_path"]),
                                     options.get("check_paths", False),
                                     options.get("dedent_subsections", False))
    expanded = []
    for number, line in enumerate(text.splitlines(), start=1):
        if BLOCK_MARKER.match(line):
            raise IncludeError(source, number, "use the one-line form "
                               '--8<-- "file.py:section"')
        try:
            lines = snippets.run([line])
        except SnippetMissingError as error:
            raise IncludeError(source, number, str(error)) from None
        expanded.extend((number, piece) for piece in lines)
    return expanded


def section(file: str, name: str, options: dict) -> str:
    """Section ``name`` of ``file`` as a page including ``--8<-- "file:name"``
    gets it with the includes' ``options`` (each line ending in a newline)."""
    return "".join(text + "\n" for _, text in expand(
        f'--8<-- "{file}:{name}"', f"snippets/{file}", options))


def sections(path: Path) -> dict[str, int]:
    """The sections a snippet file defines: name -> line of its start."""
    return {match["name"]: number for number, line in
            enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            for match in SECTION_MARKER.finditer(line)
            if match["kind"] == "start"}


class IncludesPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, options: dict) -> None:
        super().__init__(md)
        self.options = options

    def run(self, lines: list[str]) -> list[str]:
        source = self.options["source"] or "the page"
        options = {key: self.options[key] for key in SNIPPET_OPTIONS}
        return [text for _, text in expand("\n".join(lines), source, options)]


class IncludesExtension(Extension):
    """pymdownx.snippets' includes, with errors naming ``file:line``."""

    def __init__(self, **kwargs) -> None:
        self.config = {
            "base_path": [["."], "folders the includes are read from"],
            "check_paths": [False, "a missing file is an error"],
            "dedent_subsections": [False, "dedent each included section"],
            "source": ["", "the file being converted, named in errors (the "
                           "course plugin sets it per page)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        # Before pymdownx.snippets (32), so a bad include never reaches it.
        md.preprocessors.register(
            IncludesPreprocessor(md, self.getConfigs()), "course-includes", 33)


def makeExtension(**kwargs) -> IncludesExtension:  # noqa: N802 (Markdown's name)
    return IncludesExtension(**kwargs)

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

import yaml
from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError
from pymdownx.snippets import SnippetMissingError

ROOT = Path(__file__).resolve().parents[2]  # the repository
BLOCK_MARKER = re.compile(r"^\s*-+8<-+\s*$")
SECTION_MARKER = re.compile(r"--8<-- \[(?P<kind>start|end):(?P<name>[\w-]+)\]")
SNIPPET_OPTIONS = ("base_path", "check_paths", "dedent_subsections")


class IncludeError(PluginError):
    """An include that names a missing file or section, at ``source:line``."""

    def __init__(self, source: str, line: int, reason: str) -> None:
        super().__init__(f"{source}:{line}: {reason}")
        self.source, self.line, self.reason = source, line, reason


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without importing the ``!!python/name:`` objects."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                    lambda loader, suffix, node: None)


@functools.cache
def mkdocs_config(root: Path = ROOT) -> dict:
    """mkdocs.yml as plain data (Python tags become None), read once per
    process: pure-Python YAML costs ~60 ms a read. Do not mutate it."""
    return yaml.load((root / "mkdocs.yml").read_text(), Loader=_ConfigLoader)


def includes_config(root: Path = ROOT) -> dict:
    """The ``course.markdown.includes`` options of mkdocs.yml."""
    for extension in mkdocs_config(root)["markdown_extensions"]:
        if isinstance(extension, dict) and "course.markdown.includes" in extension:
            return extension["course.markdown.includes"]
    raise LookupError("mkdocs.yml does not enable course.markdown.includes")


def project_options(root: Path = ROOT) -> dict:
    """The ``course.markdown.includes`` options of ``root``/mkdocs.yml, its folders
    made absolute."""
    options = includes_config(root)
    return {**options, "base_path": [str(root / base)
                                     for base in options["base_path"]]}


@functools.cache
def _snippet_preprocessor(base_paths: tuple[str, ...], check_paths: bool,
                          dedent_subsections: bool) -> Preprocessor:
    options = {"base_path": list(base_paths), "check_paths": check_paths,
               "dedent_subsections": dedent_subsections}
    markdown = Markdown(extensions=["pymdownx.snippets"],
                        extension_configs={"pymdownx.snippets": options})
    return markdown.preprocessors["snippet"]


def expand(text: str, source: str,
           options: dict | None = None) -> list[tuple[int, str]]:
    """Expand every include of ``text`` into ``(source line, line)`` pairs.

    ``options`` are pymdownx.snippets' (default: those of mkdocs.yml, paths
    from the repository root). Lines are expanded one at a time so each
    expanded line keeps the number of the source line it came from.
    """
    if options is None:
        options = project_options()
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


def folder_options(folder: Path) -> dict:
    """mkdocs.yml's include options, reading the lessons' code (the first
    base path) from ``folder`` and the rest from this repository."""
    options = project_options()
    return {**options, "base_path": [str(folder), *options["base_path"][1:]]}


def section(file: str, name: str, folder: Path | None = None) -> str:
    """Section ``name`` of ``file`` in ``folder`` (default: mkdocs.yml's
    snippets), as a page including ``--8<-- "file:name"`` gets it (each line
    ending in a newline)."""
    options = None if folder is None else folder_options(folder)
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

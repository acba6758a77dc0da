"""Expand and check the ``--8<--`` includes of a Markdown page.

MkDocs (through pymdownx.snippets) and the test suite expand includes with
this one function, so both see the same code blocks. A typo in a path or a
section name fails with ``file:line`` of the include, never an empty block.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml
from markdown import Markdown
from mkdocs.exceptions import PluginError
from pymdownx.snippets import SnippetMissingError

ROOT = Path(__file__).resolve().parent.parent
BLOCK_MARKER = re.compile(r"^\s*-+8<-+\s*$")


class IncludeError(PluginError):
    """An include that names a missing file or section."""


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without importing the ``!!python/name:`` objects."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                    lambda loader, suffix, node: None)


@functools.cache
def mkdocs_config() -> dict:
    """mkdocs.yml as plain data (Python tags become None), read once per
    process: pure-Python YAML costs ~60 ms a read. Do not mutate it."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_ConfigLoader)


def snippets_config() -> dict:
    """The pymdownx.snippets options of mkdocs.yml."""
    for extension in mkdocs_config()["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            return extension["pymdownx.snippets"]
    raise LookupError("mkdocs.yml does not enable pymdownx.snippets")


@functools.cache
def _snippet_preprocessor(base_paths: tuple[str, ...], check_paths: bool,
                          dedent_subsections: bool):
    options = {"base_path": [str(ROOT / base) for base in base_paths],
               "check_paths": check_paths,
               "dedent_subsections": dedent_subsections}
    markdown = Markdown(extensions=["pymdownx.snippets"],
                        extension_configs={"pymdownx.snippets": options})
    return markdown.preprocessors["snippet"]


def expand(text: str, source: str,
           options: dict | None = None) -> list[tuple[int, str]]:
    """Expand every include of ``text`` into ``(source line, line)`` pairs.

    ``options`` are pymdownx.snippets' (default: those of mkdocs.yml). Lines
    are expanded one at a time so each expanded line keeps the number of the
    source line it came from.
    """
    options = options or snippets_config()
    snippets = _snippet_preprocessor(tuple(options["base_path"]),
                                     options.get("check_paths", False),
                                     options.get("dedent_subsections", False))
    expanded = []
    for number, line in enumerate(text.splitlines(), start=1):
        if BLOCK_MARKER.match(line):
            raise IncludeError(f"{source}:{number}: use the one-line form "
                               '--8<-- "file.py:section"')
        try:
            lines = snippets.run([line])
        except SnippetMissingError as error:
            raise IncludeError(f"{source}:{number}: {error}") from None
        expanded.extend((number, piece) for piece in lines)
    return expanded


def snippet_section(file: str, name: str) -> list[str]:
    """The lines of section ``name`` of ``snippets/<file>``, as a page
    including ``--8<-- "file:name"`` gets them."""
    return [text for _, text in
            expand(f'--8<-- "{file}:{name}"', f"snippets/{file}")]


def on_page_markdown(markdown: str, page, config, **kwargs) -> str:
    """MkDocs hook: check a page's includes before pymdownx expands them."""
    expand(Path(page.file.abs_src_path).read_text(encoding="utf-8"),
           f"docs/{page.file.src_uri}", config.mdx_configs["pymdownx.snippets"])
    return markdown

"""This repository as the tests and the benchmarks read it: its root,
mkdocs.yml as data, the includes' options and the lessons."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from course.lessons import Lesson, discover
from course.markdown.includes import EXTENSION, absolute

ROOT = Path(__file__).resolve().parents[1]


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
    """The includes' options as mkdocs.yml writes them."""
    for extension in mkdocs_config(root)["markdown_extensions"]:
        if isinstance(extension, dict) and EXTENSION in extension:
            return extension[EXTENSION]
    raise LookupError(f"mkdocs.yml does not enable {EXTENSION}")


def include_options(root: Path = ROOT) -> dict:
    """The includes' options of ``root``/mkdocs.yml, its folders absolute."""
    return absolute(includes_config(root), root)


@functools.cache
def course_lessons() -> tuple[Lesson, ...]:
    """The lessons of this repository, as the build finds them."""
    config = mkdocs_config()
    return tuple(discover(ROOT / "docs", ROOT / "snippets", config.get("nav"),
                          config.get("site_url") or "", include_options()))

"""Twins of the course: the same generated sources without our code, for
the benchmarks to compare against."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from course.markdown.includes import expand
from workbench.repository import ROOT, include_options, mkdocs_config


class PythonName(str):
    """A ``!!python/name:`` tag of mkdocs.yml, kept as written."""


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:",
    lambda loader, suffix, node: PythonName(suffix))
_Dumper.add_representer(PythonName, lambda dumper, name: dumper.represent_scalar(
    f"tag:yaml.org,2002:python/name:{name}", ""))


def markdown_extensions() -> list:
    """mkdocs.yml's Markdown extensions but the includes (twins' pages are
    expanded already), with their ``!!python/name:`` tags."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loader)
    return [extension for extension in config["markdown_extensions"]
            if "course.markdown.includes" not in extension]


def dump(config: dict) -> str:
    return yaml.dump(config, Dumper=_Dumper)


def bare_site(workdir: Path) -> Path:
    """The same pages, includes expanded, with plain material and nothing else."""
    # The pages' images too, so the bare pages load what the Markdown shows.
    shutil.copytree(ROOT / "docs", workdir / "docs",
                    ignore=shutil.ignore_patterns("*.md"))
    for page in (ROOT / "docs").rglob("*.md"):
        target = workdir / "docs" / page.relative_to(ROOT / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = expand(page.read_text(), str(page), include_options())
        target.write_text("".join(line + "\n" for _, line in lines))
    (workdir / "mkdocs.yml").write_text(
        f"site_name: bare\nnav: {mkdocs_config()['nav']!r}\n"
        "theme: {name: material}\nplugins: []\n")
    return workdir

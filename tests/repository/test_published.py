"""The published site shows what a reader's run prints: no path of the
machine that built it, no warning printed on the way, in any page or
notebook."""

from __future__ import annotations

import json
import os
import sys
import sysconfig
import tempfile

import nbformat

from workbench.repository import ROOT


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


def test_published_pages_and_notebooks_hold_no_build_path_or_warning(
        site_dir):
    """Outputs of the build (notebook cells, the pages rendering them, the
    lessons) show what a reader's run prints: no path of the machine that
    built them, no warning it printed on the way."""
    site = site_dir
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
    # (a clone under the temporary directory also matches that one)
    assert str(ROOT) in leaks(f"{ROOT}/docs")
    assert leaks("torch.Size([4, 16, 12, 12])\nUserWarning") == []

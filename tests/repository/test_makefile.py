"""The Makefile's promises: `make serve` rebuilds the served site when
anything the build reads changes, not only docs/ and mkdocs.yml, at the
address the README and the Makefile give."""

from __future__ import annotations

import re
import shlex
import subprocess
from itertools import pairwise
from pathlib import Path

import course
from course.verified import DIRECTORY
from workbench.repository import ROOT, includes_config
from workbench.served_site import base_path

LOCAL_URL = re.compile(r"http://127\.0\.0\.1[^\s>)`]*")


def read_by_the_build() -> set[str]:
    """The top-level paths the build reads beyond docs/ and mkdocs.yml
    (which `mkdocs serve` watches anyway): the course package (plugin,
    extensions, theme templates), the snippets and the test results."""
    package = Path(course.__file__).parent.relative_to(ROOT)
    return ({package.parts[0], DIRECTORY}
            | {Path(base).parts[0] for base in includes_config()["base_path"]})


def serve_recipe() -> list[list[str]]:
    """The commands `make serve` runs (not running them)."""
    dry_run = subprocess.run(["make", "-n", "serve"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
    # A recipe line may go on after a backslash (the install step, printed
    # when pyproject.toml is newer than the venv).
    return [shlex.split(line) for line in
            dry_run.replace("\\\n", " ").splitlines()]


def serve_command(recipe: list[list[str]]) -> list[str]:
    serve, = [command for command in recipe
              if command[0].endswith("mkdocs") and command[1] == "serve"]
    return serve


def test_make_serve_watches_everything_the_build_reads():
    recipe = serve_recipe()
    serve = serve_command(recipe)
    watched = {value for option, value in pairwise(serve) if option == "--watch"}
    assert read_by_the_build() <= watched
    # mkdocs serve refuses to watch a missing path, and a fresh clone has
    # no test results yet: their folder is made first.
    assert recipe.index(["mkdir", "-p", DIRECTORY]) < recipe.index(serve)


def test_the_readme_and_the_makefile_give_the_served_url():
    """MkDocs serves the site under the path of site_url (/course/): the
    address alone redirects there, and /lessons/... is not found."""
    address = dict(pairwise(serve_command(serve_recipe())))["--dev-addr"]
    served = f"http://{address}{base_path()}"
    for name in ("README.md", "Makefile"):
        urls = LOCAL_URL.findall((ROOT / name).read_text())
        assert urls, f"{name} does not say where make serve serves the site"
        assert set(urls) == {served}, f"{name}: {urls}, served at {served}"

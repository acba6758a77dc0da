"""The widgets the build embeds: docs/javascripts/widgets.json names each
widget (its module is javascripts/<name>.js) with the marker of the element
it builds in, and the explorer's URL keys; the scripts import the same file,
so the two sides cannot drift apart."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.utils import get_relative_url

SCRIPTS = Path(__file__).resolve().parents[1] / "docs" / "javascripts"
WIDGETS = json.loads((SCRIPTS / "widgets.json").read_text(encoding="utf-8"))


def module_script(name: str, page_url: str) -> str:
    """A widget's module, loaded once the page has loaded: it must not delay
    the text (DOMContentLoaded and load, benchmarks/pages.py)."""
    script = get_relative_url(f"javascripts/{name}.js", page_url)
    return (f'<script type="module">addEventListener("load", () => '
            f'import("./{script}"))</script>\n')


def module_scripts(html: str, page_url: str) -> list[str]:
    """The module of each widget whose marker ``html`` holds."""
    return [module_script(name, page_url) for name, widget in WIDGETS.items()
            if widget["marker"] in html]

"""The explorer's weight budget (benchmarks/explorer.py) counts every module
explorer.js loads, and holds."""

from __future__ import annotations

import posixpath
import re

from benchmarks.explorer import ASSET_BUDGET, ASSETS
from workbench.repository import ROOT

# An import over several lines counts too, and a JSON module (`with {type: "json"}`).
IMPORT = re.compile(r'^import [^;]*? from "(\.{1,2}/[\w/.-]+\.js(?:on)?)"[^;]*;$',
                    re.MULTILINE)


def loaded_modules(name: str) -> set[str]:
    """``name`` and the modules it imports, transitively, as paths under
    docs/javascripts."""
    found = {name}
    text = (ROOT / "docs" / "javascripts" / name).read_text(encoding="utf-8")
    for imported in IMPORT.findall(text):
        found |= loaded_modules(posixpath.normpath(
            posixpath.join(posixpath.dirname(name), imported)))
    return found


def test_the_budget_counts_every_module_and_the_stylesheet():
    modules = {f"docs/javascripts/{name}" for name in loaded_modules("explorer.js")}
    assert set(ASSETS) == modules | {"docs/stylesheets/explorer.css"}


def test_the_explorer_s_js_and_css_fit_the_budget():
    total = sum((ROOT / asset).stat().st_size for asset in ASSETS)
    assert total <= ASSET_BUDGET, f"{total} bytes, budget {ASSET_BUDGET}"

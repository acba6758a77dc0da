"""One scaffold for every widget (docs/javascripts/widget.js): the build and
the scripts read each widget's marker from docs/javascripts/widgets.json, the
plugin adds every widget's module the same way, and only the scaffold reads
the URL hash or mounts a stylesheet."""

from __future__ import annotations

import re

from course.widgets import WIDGETS, module_script
from workbench.repository import ROOT

SCRIPTS = ROOT / "docs" / "javascripts"


def test_each_widget_is_a_module_of_its_name():
    for name in WIDGETS:
        text = (SCRIPTS / f"{name}.js").read_text(encoding="utf-8")
        assert f'mount("{name}", build);' in text, name


def test_only_the_scaffold_reads_the_hash_or_mounts_a_stylesheet():
    # Setting location.hash (a new history entry) is a widget's own choice.
    own = re.compile(r"location\.hash(?! = )|hashchange|history\.replaceState|"
                     r'"stylesheet"')
    for path in SCRIPTS.rglob("*.js"):
        if path.name != "widget.js":
            assert not own.findall(path.read_text(encoding="utf-8")), path.name


def test_no_page_loads_a_widget_itself():
    for path in (ROOT / "docs").rglob("*.md"):
        assert "<script" not in path.read_text(encoding="utf-8"), path


def test_the_plugin_adds_each_widget_s_module_once_where_its_marker_is(site_dir):
    site = site_dir
    pages = {"explorer": "explorer", "tracer": "tools/tracer",
             "solver": "tools/solver", "practice": "practice"}
    assert set(pages) == set(WIDGETS)
    for name, url in pages.items():
        page = (site / url / "index.html").read_text(encoding="utf-8")
        for other in WIDGETS:
            script = module_script(other, f"{url}/")
            assert page.count(script) == (other == name), (url, other)

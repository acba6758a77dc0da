"""hooks/palette.py: the built palette stylesheet has no "switching" rule,
and a theme without one stops the strict build instead of passing unseen."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import palette

RULE = ("[data-md-color-switching] *,[data-md-color-switching] :after"
        "{transition-duration:0s!important}")


def build(site: Path, css: str) -> Path:
    sheet = site / "assets" / "stylesheets" / "palette.0123abcd.min.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(css)
    palette.on_post_build(SimpleNamespace(theme={"palette": [{}]}, site_dir=site))
    return sheet


def test_the_switching_rule_goes_and_the_palette_stays(tmp_path):
    sheet = build(tmp_path, f"a{{color:red}}{RULE}[data-md-color-scheme=slate]{{}}")
    assert sheet.read_text() == "a{color:red}[data-md-color-scheme=slate]{}"


def test_a_theme_without_the_rule_is_reported(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.palette"):
        build(tmp_path, "a{color:red}")
    assert "no [data-md-color-switching] rule" in caplog.text


def test_the_site_is_built_without_it(site_builds):
    site = site_builds["site"].built_site()
    sheets = list((site / "assets" / "stylesheets").glob("palette.*.min.css"))
    assert sheets and all("switching" not in sheet.read_text() for sheet in sheets)

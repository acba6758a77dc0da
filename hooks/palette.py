"""MkDocs hook: the theme's palette stylesheet without its "switching" rule.

Material marks ``<body data-md-color-switching>`` while it applies a
palette, at every page load too, and its palette.css holds a rule that
matches every element under that attribute (no transitions while
switching). Setting and removing the attribute at startup so restyles the
whole page twice, before DOMContentLoaded: in headless Chromium that was
about a third of a lesson's style time (Performance.getMetrics). Without the
rule the attribute matches nothing and costs nothing; the price is that
colours fade (the theme's 125 ms transitions) when a reader switches the
palette.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.palette")
SWITCHING_RULE = re.compile(r"\[data-md-color-switching\][^{}]*\{[^{}]*\}")


def on_post_build(config, **kwargs) -> None:
    if not config.theme.get("palette"):
        return
    stylesheets = Path(config.site_dir, "assets", "stylesheets")
    for sheet in stylesheets.glob("palette.*.min.css"):
        lean, removed = SWITCHING_RULE.subn("", sheet.read_text(encoding="utf-8"))
        if removed:
            sheet.write_text(lean, encoding="utf-8")
            return
    # A warning, so `mkdocs build --strict` stops: the theme has changed.
    log.warning("%s/palette.*.min.css: no [data-md-color-switching] rule to "
                "remove; check hooks/palette.py against this mkdocs-material",
                stylesheets)

"""Inner pytest sessions over small Markdown pages, for the tests of the
suite's own plugins (--device, the verification results)."""

from __future__ import annotations

import pytest


def run(pytester: pytest.Pytester, *args: str, **pages: str):
    """An inner session over Markdown ``pages`` (name=text) with ``args``."""
    pytester.makefile(".md", **pages)
    # Only the plugins under test: autoloaded ones (hypothesis...) would be
    # imported again by every inner session.
    return pytester.runpytest_inprocess(
        "--disable-plugin-autoload", "-p", "pytest_codeblocks.plugin",
        "-p", "device", "--codeblocks", "-rs", *args)

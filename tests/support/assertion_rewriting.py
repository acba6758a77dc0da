"""pytest's assertion rewriting, for code that is not an importable module.

pytest rewrites the asserts of the test modules it imports, so that a
failing ``assert a == b`` shows both values. A docs block is compiled from
its page instead, and pytest has no public interface for that:
``_pytest.assertion.rewrite.rewrite_asserts`` is what its import hook calls
(ipytest and others call it too). This module is its one user in the
course; tests/docs/test_block_reports.py fails if a pytest release changes it.
Only the executed copy is rewritten: the published code keeps its asserts.
"""

from __future__ import annotations

import ast

import pytest
from _pytest.assertion.rewrite import rewrite_asserts


def rewrite(module: ast.Module, source: str, config: pytest.Config,
            name: str) -> None:
    """Rewrite the asserts of ``module``, parsed from ``source`` (``name``
    in warnings), in place, as pytest rewrites a test file's."""
    rewrite_asserts(module, source.encode(), name, config)

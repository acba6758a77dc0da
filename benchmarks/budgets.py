"""The budgets of budgets.toml, every benchmark's and the README's one source."""

from __future__ import annotations

import tomllib
from pathlib import Path

TABLE = Path(__file__).with_name("budgets.toml")
BUDGETS: dict[str, dict[str, dict]] = tomllib.loads(TABLE.read_text(encoding="utf-8"))


def budget(benchmark: str, name: str) -> float:
    """Budget ``name`` of ``benchmark`` (its module's name)."""
    return BUDGETS[benchmark][name]["budget"]

"""One budgets table: every benchmark judges by benchmarks/budgets.toml and
README.md states each of its budgets."""

from __future__ import annotations

import re

import pytest

from benchmarks.budgets import BUDGETS
from workbench.repository import ROOT

README = re.sub(r"\s+", " ", (ROOT / "README.md").read_text(encoding="utf-8"))
STATED = [(benchmark, name, entry) for benchmark, table in BUDGETS.items()
          for name, entry in table.items()]
# A budget written in a benchmark: a number given to a BUDGET name.
WRITTEN = re.compile(r"BUDGET\w*(?:, *\w+)* *= *[\d.]")


@pytest.mark.parametrize("benchmark, name, entry", STATED,
                         ids=[f"{b}.{n}" for b, n, _ in STATED])
def test_readme_states_each_budget_of_the_table(benchmark, name, entry):
    assert entry["readme"].format(entry["budget"]) in README, (
        f"README.md does not state budgets.toml's {benchmark}.{name}: "
        f"{entry['readme'].format(entry['budget'])!r}")


def test_each_table_is_a_benchmark_that_reads_it():
    for benchmark in BUDGETS:
        source = (ROOT / "benchmarks" / f"{benchmark}.py").read_text()
        assert f'budget("{benchmark}", ' in source, benchmark


def test_no_benchmark_writes_a_budget_of_its_own():
    written = [f"{path.name}: {line.strip()}"
               for path in sorted((ROOT / "benchmarks").glob("*.*js"))
               + sorted((ROOT / "benchmarks").glob("*.py"))
               for line in path.read_text().splitlines() if WRITTEN.search(line)]
    assert not written, "budgets belong in benchmarks/budgets.toml:\n" + "\n".join(
        written)


def test_no_benchmark_imports_a_test_module():
    imports = re.compile(r"^\s*(?:from|import) (?:tests|support)\b", re.M)
    importing = [path.name for path in (ROOT / "benchmarks").glob("*.py")
                 if imports.search(path.read_text())]
    assert not importing, importing

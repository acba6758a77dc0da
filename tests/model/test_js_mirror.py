"""docs/javascripts/shapes/ mirrors the package shapes/ file for file: each
module's public functions have twins of the same name (snake_case in Python,
camelCase in JavaScript), so a function added on one side only fails here.

The differences the model means to keep are listed below, each with its
reason; an entry that no longer differs fails too, so the lists stay true.
"""

from __future__ import annotations

import importlib
import inspect
import re

import pytest

from support.node import exports
from workbench.repository import ROOT

MIRROR = ROOT / "docs" / "javascripts" / "shapes"
MODULES = sorted(path.stem for path in (ROOT / "shapes").glob("[!_]*.py"))

# The browser shows no formula, so the functions writing a formula's TeX for
# the pages (names ending in _tex) have no twin.
TEX = re.compile(r"_tex$")

# Python only: the lessons' own functions, included in their pages, taking
# one axis or a whole shape and raising a ValueError a reader understands;
# the widgets take every size from explore() and layer_output(), whose twins
# exist. stack_output's twin is the tracer's trace() (stacktrace.js), which
# also reads and formats what the reader types.
PYTHON_ONLY = {
    "conv": {"conv_output_size", "conv_input_sizes", "conv2d_output_shape",
             "pair"},
    "window": {"pool_output_size", "transposed_output_size", "adaptive_windows"},
    "layers": {"stack_output"},
}
# JavaScript only: what Python has built in (raise, str() of a list, a tuple or
# a float, int and bool types, math.prod, keyword defaults), and the cells the
# explorer's picture greys out, which only the browser draws (the tests check
# them against PyTorch itself, tests/model/test_unseen_cells.py), and the older
# words the tracer writes under a reworded message, which pages state in
# prose (tests/model/test_rewordings.py checks that they do).
JS_ONLY = {
    "domain": {"refuse", "list", "isInt", "isBool", "prod", "numberOf",
               "pyNumber", "pyTuple"},
    "layers": {"withDefaults"},
    "conv": {"unseenCells", "sourceCell"},
    "rewordings": {"olderWordings"},
}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def python_functions(module: str) -> set[str]:
    imported = importlib.import_module(f"shapes.{module}")
    return {name for name, value in inspect.getmembers(imported, inspect.isfunction)
            if value.__module__ == imported.__name__ and not name.startswith("_")}


@pytest.fixture(scope="module")
def js_exports() -> dict[str, list[str]]:
    """Each module's exported functions, classes left out (Python raises
    TorchError, JavaScript throws Refusal or Outside: the same answers, each
    language's way)."""
    kinds = exports(f"shapes/{module}.js" for module in MODULES)
    return {module: [name for name, kind in exported.items() if kind == "function"]
            for module, exported in zip(MODULES, kinds, strict=True)}


def test_every_python_module_has_its_javascript_twin_and_no_more():
    assert sorted(path.stem for path in MIRROR.glob("*.js")) == MODULES


@pytest.mark.parametrize("module", MODULES)
def test_the_two_sides_export_the_same_functions(module, js_exports):
    python = {name for name in python_functions(module) if not TEX.search(name)}
    shared = {camel(name) for name in python - PYTHON_ONLY.get(module, set())}
    javascript = set(js_exports[module]) - JS_ONLY.get(module, set())
    assert sorted(shared - javascript) == [], f"shapes/{module}.py only"
    assert sorted(javascript - shared) == [], f"shapes/{module}.js only"


@pytest.mark.parametrize("module", MODULES)
def test_the_listed_differences_still_differ(module, js_exports):
    python, javascript = python_functions(module), set(js_exports[module])
    for name in PYTHON_ONLY.get(module, set()):
        assert name in python and camel(name) not in javascript, name
    for name in JS_ONLY.get(module, set()):
        assert name in javascript and name not in {camel(n) for n in python}, name

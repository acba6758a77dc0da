"""The layers' signatures in the JavaScript model (each subject module's
LAYERS, merged by docs/javascripts/shapes/layers.js), which the tracer's
parser binds a call's arguments with, are torch's own: every parameter of
``nn.<type>.__init__`` in order, with its default and kind, and the class
named in Python's TypeError. The Python model takes every layer the
JavaScript one does."""

from __future__ import annotations

import inspect
import json
import shutil
import subprocess

import pytest
from torch import nn

from shapes.features import same_shape
from shapes.layers import LAYERS as PYTHON_LAYERS
from workbench.repository import ROOT

SIGNATURES = """
const { LAYERS } = await import(process.argv[1]);
console.log(JSON.stringify(Object.fromEntries(Object.entries(LAYERS).map(
  ([type, { params, keywordOnly = [], forward = [], init = type }]) =>
    [type, { params, keywordOnly, forward, init }]))));
"""


@pytest.fixture(scope="module")
def signatures() -> dict:
    if not shutil.which("node"):
        pytest.fail("node is missing: the JavaScript model's tests need Node.js")
    layers = ROOT / "docs" / "javascripts" / "shapes" / "layers.js"
    run = subprocess.run(["node", "--input-type=module", "-e", SIGNATURES,
                          layers.as_uri()], capture_output=True, text=True,
                         timeout=60, check=True)
    return json.loads(run.stdout)


def python_default(value):
    """A JS default as Python: {"float": x} to a float."""
    return float(value["float"]) if isinstance(value, dict) else value


def test_both_models_know_the_same_layers(signatures):
    assert list(signatures) == list(PYTHON_LAYERS)


def test_each_signature_is_torch_s(signatures):
    for kind, signature in signatures.items():
        init = getattr(nn, kind).__init__
        if signature["params"] == "*":  # Identity takes anything
            assert "args" in inspect.signature(init).parameters, kind
            continue
        parameters = list(inspect.signature(init).parameters.values())[1:]
        owner = init.__qualname__.split(".")[0]
        if init is nn.Module.__init__:  # it refuses any argument, named as kind
            parameters, owner = [], kind
        ours = [(p, inspect.Parameter.POSITIONAL_OR_KEYWORD)
                for p in signature["params"]] + [
                (p, inspect.Parameter.KEYWORD_ONLY)
                for p in signature["keywordOnly"]]
        assert [(p[0], kind_) for p, kind_ in ours] == [
            (p.name, p.kind) for p in parameters], kind
        for (name, *default), parameter in zip(
                [p for p, _ in ours], parameters, strict=True):
            expected = parameter.default
            if expected is inspect.Parameter.empty:
                assert default == [], (kind, name)
            else:
                assert default and python_default(default[0]) == expected, \
                    (kind, name)
        assert signature["init"] == owner, kind
    assert signatures["Sigmoid"]["params"] == []


def test_only_transposed_convolutions_take_a_forward_argument(signatures):
    for kind, signature in signatures.items():
        forward = list(inspect.signature(getattr(nn, kind).forward).parameters)
        assert [name for name, _ in signature["forward"]] == forward[2:], kind


def test_the_python_rules_take_torch_s_arguments_with_its_defaults():
    """cost.py fills in a layer's defaults from its Python rule."""
    for kind, rule in PYTHON_LAYERS.items():
        init = getattr(nn, kind).__init__
        if rule is same_shape:  # an activation: no argument changes a shape
            continue
        ours = {name: parameter.default for name, parameter in
                list(inspect.signature(rule).parameters.items())[1:]
                if parameter.kind != inspect.Parameter.VAR_KEYWORD
                and not (kind.startswith("ConvTranspose")  # the forward's
                         and name == "output_size")}
        torch = {name: parameter.default for name, parameter in
                 list(inspect.signature(init).parameters.items())[1:]
                 if name not in ("device", "dtype")}
        assert ours == torch, kind

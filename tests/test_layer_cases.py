"""snippets/layershape.py (with windowshape.py) against the stored PyTorch
answers of tests/cases/layers.json, which also check layershape.js
(tests/js/layershape.test.mjs): Python, JavaScript and PyTorch agree."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import torch

from convshape import TorchError
from layershape import LAYERS, layer_output
from support.layer_oracle import layer_answer, python_layer

CASES = json.loads((Path(__file__).parent / "cases" / "layers.json").read_text())


def python_answer(case: dict) -> dict:
    try:
        return layer_output(python_layer(case["layer"]), case["input"])
    except TorchError as error:
        return {"error": {"type": error.kind, "message": str(error)}}


def test_the_python_model_matches_every_stored_case():
    mismatches = [(case, python_answer(case)) for case in CASES["cases"]
                  if python_answer(case) != case["torch"]]
    assert not mismatches, f"{len(mismatches)} differ, first: {mismatches[:2]}"


def test_stored_cases_are_what_this_torch_says():
    """After a PyTorch upgrade: rerun tests/cases/generate.py."""
    stale = [case for case in CASES["cases"]
             if layer_answer(case["input"], case["layer"]) != case["torch"]]
    assert not stale, (f"{len(stale)} cases differ under torch "
                       f"{torch.__version__} (stored: {CASES['torch_version']}); "
                       f"first: {stale[:2]}")


def test_every_layer_has_accepted_and_rejected_cases():
    outcomes = Counter((case["layer"]["type"], "error" in case["torch"])
                       for case in CASES["cases"])
    always_accepted = {"ReLU", "ReLU6", "LeakyReLU", "ELU", "SiLU", "Sigmoid",
                       "Tanh", "Hardswish", "Mish", "Identity", "LazyLinear"}
    for kind in LAYERS:
        assert outcomes[kind, False] >= 2, kind
        if kind not in always_accepted:
            assert outcomes[kind, True] >= 3, kind


def test_edge_cases_are_there():
    errors = {case["torch"]["error"]["message"].split(" (")[0]
              for case in CASES["cases"] if "error" in case["torch"]}
    for message in ["mat1 and mat2 shapes cannot be multiplied",
                    "running_mean should contain 3 elements not 4",
                    "output padding must be smaller than either stride or "
                    "dilation, but got output_padding_height: 1 "
                    "output_padding_width: 2 stride_height: 2 stride_width: "
                    "2 dilation_height: 1 dilation_width: 1",
                    "flatten() has invalid args: start_dim cannot come after "
                    "end_dim", "non-empty 3D or 4D", "stride should not be zero"]:
        assert any(error.startswith(message) for error in errors), message


def test_unbatched_images_are_in_the_cases_for_every_layer():
    """A (C, H, W) input: PyTorch runs the 2-D layers on it as one image
    (BatchNorm2d refuses it); the cases hold accepted and refused ones."""
    unbatched = Counter((case["layer"]["type"], "error" in case["torch"])
                        for case in CASES["cases"] if len(case["input"]) == 3)
    for kind in ("Conv2d", "ConvTranspose2d", "MaxPool2d", "AvgPool2d",
                 "AdaptiveAvgPool2d", "Flatten", "Linear", "Dropout", "ReLU"):
        assert unbatched[kind, False] >= 1, kind
    for kind in ("Conv2d", "ConvTranspose2d", "BatchNorm2d"):
        assert unbatched[kind, True] >= 3, kind
    assert unbatched["BatchNorm2d", False] == 0
    messages = {case["torch"]["error"]["message"] for case in CASES["cases"]
                if "error" in case["torch"]}
    assert ("Given groups=1, weight of size [16, 1, 3, 3], expected input[1, "
            "8, 28, 28] to have 1 channels, but got 8 channels instead"
            in messages)  # lesson 7's example

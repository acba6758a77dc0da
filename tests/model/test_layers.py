"""shapes/layers.py (with shapes/window.py) against the stored PyTorch
answers of tests/cases/layers.json, which also check shapes/layers.js
(tests/widgets/layershape.test.mjs): Python, JavaScript and PyTorch agree.

The cases hold the words of the release that wrote them (their
torch_version), the models the newest release's (shapes/rewordings.py):
each comparison puts the newer words into the older release's."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import torch

from shapes.conv import TorchError
from shapes.layers import LAYERS, layer_output
from shapes.rewordings import as_printed_by
from support.layer_oracle import in_words_of, layer_answer, python_layer

CASES = json.loads((Path(__file__).parents[1] / "cases" / "layers.json").read_text())


def python_answer(case: dict) -> dict:
    try:
        return layer_output(python_layer(case["layer"]), case["input"])
    except TorchError as error:
        return {"error": {"type": error.kind, "message": str(error)}}


def test_the_python_model_matches_every_stored_case():
    stored = CASES["torch_version"]
    mismatches = [(case, python_answer(case)) for case in CASES["cases"]
                  if in_words_of(python_answer(case), stored) != case["torch"]]
    assert not mismatches, f"{len(mismatches)} differ, first: {mismatches[:2]}"


def test_stored_cases_are_what_this_torch_says():
    """After a PyTorch upgrade: rerun tests/cases/generate.py. A newer
    torch's words, where rewordings.py lists them, count as the same."""
    stale = [case for case in CASES["cases"] if in_words_of(
        layer_answer(case["input"], case["layer"]), CASES["torch_version"])
        != case["torch"]]
    assert not stale, (f"{len(stale)} cases differ under torch "
                       f"{torch.__version__} (stored: {CASES['torch_version']}); "
                       f"first: {stale[:2]}")


def test_the_model_speaks_the_installed_torch_s_words():
    """Each reworded message the model gives, in the installed torch's
    words, is what that torch prints: the older words under the pinned
    torch, the newest themselves under the newest (torch-newest.yml)."""
    reworded = [case for case in CASES["cases"] if "error" in case["torch"]
                and as_printed_by(python_answer(case)["error"]["message"], "0.0")
                != python_answer(case)["error"]["message"]]
    assert {case["layer"]["args"].get("bias", True) for case in reworded} == \
        {True, False}  # addmm and mm
    wrong = [(case, python_answer(case)) for case in reworded
             if in_words_of(python_answer(case), torch.__version__)
             != layer_answer(case["input"], case["layer"])]
    assert not wrong, (f"{len(wrong)} of {len(reworded)} differ under torch "
                       f"{torch.__version__}; first: {wrong[:2]}")


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
    linear = "addmm: mat1 and mat2 shapes cannot be multiplied"
    for message in [as_printed_by(linear, CASES["torch_version"]),
                    "running_mean should contain 3 elements not 4",
                    "output padding must be smaller than either stride or "
                    "dilation, but got output_padding_height: 1 "
                    "output_padding_width: 2 stride_height: 2 stride_width: "
                    "2 dilation_height: 1 dilation_width: 1",
                    "flatten() has invalid args: start_dim cannot come after "
                    "end_dim", "non-empty 3D or 4D", "stride should not be zero",
                    "pad should be at most half of effective kernel size, but "
                    "got pad=2, kernel_size=3 and dilation=1",
                    "pad should be smaller than or equal to half of kernel "
                    "size, but got padW = 1, padH = 2, kW = 3, kH = 3",
                    "pad should be smaller than or equal to half of kernel "
                    "size, but got padW = 2, padH = 1, kW = 3, kH = 3"]:
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

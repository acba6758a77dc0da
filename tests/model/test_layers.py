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


def test_the_new_ranks_edge_cases_are_there():
    """Past two dimensions each rank keeps PyTorch's own words."""
    errors = {case["torch"]["error"]["message"] for case in CASES["cases"]
              if "error" in case["torch"]}
    for start in [
            "Expected 2D (unbatched) or 3D (batched) input to conv1d",
            "Expected 4D (unbatched) or 5D (batched) input to conv_transpose3d",
            "Calculated padded input size per channel: (2 x 8 x 8)",
            "Argument #8: Padding size should be less than",
            "output padding must be smaller than either stride or dilation, but "
            "got output_padding_height: 0 output_padding_width: 2",
            "output padding must be smaller than either stride or dilation, but "
            "got output_padding_depth: 1",
            "max_pool1d() Invalid computed output size: 0",
            "max_pool1d() padding should be at most half of kernel size",
            "Expected 2 to 3 dimensions, but got 4-dimensional tensor for "
            "argument #1 'self' (while checking arguments for avg_pool1d)",
            "input image (T: 2 H: 8 W: 8) smaller than kernel size",
            "pad should be smaller than or equal to half of kernel size, but got kT",
            "adaptive_max_pool3d(): Expected 4D or 5D tensor, but got:",
            "adaptive_avg_pool3d: output_size must be 3",
            "expected 2D or 3D input (got 4D input)", "expected 5D input",
            "either size or scale_factor should be defined",
            "only one of size or scale_factor should be defined",
            "align_corners option can only be set with the interpolating modes",
            "Got 3D input, but bilinear mode needs 4D input",
            "Input and output sizes should be greater than 0, but got input (W: 8) and",
            "Input and scale_factor must have the same number of spatial",
            "pixel_shuffle expects its input's 'channel' dimension to be divisible",
            "pixel_unshuffle expects height to be divisible by downscale_factor",
            "pixel_unshuffle expects a positive downscale_factor, but got 0",
            "Given input with spatial size (8, 6), kernel_size=(7, 7)",
            "kernel size should be greater than zero, but got kernel_height: 0"]:
        assert any(error.startswith(start) for error in errors), start


def test_unbatched_inputs_of_every_rank_are_in_the_cases():
    """(C, L) and (C, D, H, W): PyTorch runs the 1-D and 3-D layers on
    them as one sample; BatchNorm refuses them (BatchNorm1d reads (N, C))."""
    rank = {f"{kind}{dims}d": dims + 1 for dims in (1, 3) for kind in (
        "Conv", "ConvTranspose", "MaxPool", "AvgPool", "AdaptiveAvgPool",
        "AdaptiveMaxPool", "BatchNorm")}
    unbatched = Counter((case["layer"]["type"], "error" in case["torch"])
                        for case in CASES["cases"]
                        if len(case["input"]) == rank.get(case["layer"]["type"]))
    for kind in ("Conv1d", "Conv3d", "ConvTranspose1d", "ConvTranspose3d",
                 "MaxPool1d", "MaxPool3d", "AvgPool1d", "AvgPool3d",
                 "AdaptiveAvgPool1d", "AdaptiveMaxPool3d"):
        assert unbatched[kind, False] >= 1 and unbatched[kind, True] >= 1, kind
    assert unbatched["BatchNorm3d", False] == 0


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

"""Ask real PyTorch what a layer, or a stack of layers, does to a shape.

A layer is the layer model's (shapes/layers.py, shapes/layers.js):
``{"type": "Conv2d", "args": {...}}``, pairs as lists and floats as
``{"float": x}`` (JSON would turn 2.0 into the int 2, and PyTorch's
messages print them differently). Modules run in training mode, as a fresh
``nn.Sequential`` does.
"""

from __future__ import annotations

import warnings

import torch
from torch import nn

from shapes.rewordings import as_printed_by

ERRORS = (RuntimeError, ValueError, IndexError)


def python_value(value):
    """A JSON argument as Python: lists to tuples, {"float": x} to floats."""
    if isinstance(value, dict):
        return float(value["float"])
    if isinstance(value, list):
        return tuple(python_value(v) for v in value)
    return value


def python_layer(layer: dict) -> dict:
    """The layer with Python arguments, for the Python model."""
    return {"type": layer["type"],
            "args": {k: python_value(v) for k, v in layer["args"].items()}}


def in_words_of(answer: dict | None, version: str) -> dict | None:
    """A model's answer (its message in the newest release's words) as
    torch ``version`` would give it."""
    if answer is None or "error" not in answer:
        return answer
    error = answer["error"]
    return {**answer, "error": {**error, "message": as_printed_by(
        error["message"], version)}}


def _failure(error: Exception) -> dict:
    return {"error": {"type": type(error).__name__, "message": str(error)}}


def _params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def layer_answer(input_shape: list[int], layer: dict) -> dict:
    """What ``nn.<type>(**args)(torch.zeros(*input_shape))`` gives:
    {"shape", "params"} or {"error": {"type", "message"}}. A
    ConvTranspose's ``output_size`` goes to its forward."""
    args = python_layer(layer)["args"]
    forward = layer["type"].startswith("ConvTranspose") and "output_size" in args
    call = {"output_size": args.pop("output_size")} if forward else {}
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # lazy modules, zero-size init
            module = getattr(nn, layer["type"])(**args)
            shape = list(module(torch.zeros(*input_shape), **call).shape)
    except ERRORS as error:
        return _failure(error)
    return {"shape": shape, "params": _params(module)}


def stack_answer(input_shape: list[int], layers: list[dict]) -> list:
    """What ``nn.Sequential(*layers)(torch.zeros(*input_shape))`` gives, layer
    by layer: each layer's {"shape", "params"} up to the first refusal,
    {"error": ...}. The modules are built first, as the code would: a layer
    that refuses its arguments is the failing one even when an earlier
    layer would refuse its input; those between get None (not reached)."""
    modules, failure = [], None
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # lazy modules, zero-size init
        for layer in layers:
            try:
                modules.append(getattr(nn, layer["type"])(
                    **python_layer(layer)["args"]))
            except (*ERRORS, TypeError) as error:  # TypeError: the arguments
                failure = _failure(error)
                break
        answers = _run(input_shape, modules)
    if failure:
        reached = [a for a in answers if "shape" in a]
        answers = reached + [None] * (len(modules) - len(reached)) + [failure]
    return answers


def _run(input_shape: list[int], modules: list[nn.Module]) -> list[dict]:
    """Run the modules as one nn.Sequential, each output's shape caught by
    a forward hook; the error, if one is raised, last."""
    answers: list[dict] = []
    for module in modules:
        module.register_forward_hook(lambda module, args, output: answers.append(
            {"shape": list(output.shape), "params": _params(module)}))
    try:
        nn.Sequential(*modules)(torch.zeros(*input_shape))
    except ERRORS as error:
        answers.append(_failure(error))
    return answers

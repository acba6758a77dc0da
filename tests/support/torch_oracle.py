"""Ask real PyTorch what a Conv2d configuration does.

A configuration is the explorer's (course/explorer.py defines it). The
answer is what the explorer must show, straight from PyTorch: the output
shape, the weight shape and parameter count, or the exception raised.
"""

from __future__ import annotations

import warnings

import torch
from torch import nn

from course.explorer import conv2d_arguments


def torch_answer(config: dict) -> dict:
    """What ``conv(torch.randn(*input))`` gives, run as the reader would."""
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # zero-element init warnings
            x = torch.randn(*config["input"])
            conv = nn.Conv2d(**conv2d_arguments(config))
            shape = list(conv(x).shape)
    except (RuntimeError, ValueError) as error:
        return {"error": {"type": type(error).__name__, "message": str(error)}}
    return {"shape": shape, "weight": list(conv.weight.shape),
            "params": sum(p.numel() for p in conv.parameters())}

"""Ask PyTorch which input cells a Conv2d output reads, for the explorer's
2-D picture (docs/javascripts/explorer-grid.js).

A cell is read when the gradient there is not zero, with every weight 1
so that nothing cancels. Cells are (row, column) of the input, from 0.
"""

from __future__ import annotations

import warnings

import torch
import torch.nn.functional as F
from torch import nn

from .configurations import conv2d_arguments

Cells = set[tuple[int, int]]


def _nonzero(grad: torch.Tensor) -> Cells:
    """The (row, column) where a gradient, summed over batch and channels,
    is not zero."""
    where = grad.abs().sum(dim=(0, 1)).nonzero().tolist()
    return {(row, column) for row, column in where}


def _gradient(config: dict, pick: tuple[int, int] | None) -> torch.Tensor:
    x = torch.zeros(*config["input"], requires_grad=True)
    conv = nn.Conv2d(**conv2d_arguments(config))
    nn.init.ones_(conv.weight)
    with warnings.catch_warnings():  # "same" with an even kernel: a note
        warnings.simplefilter("ignore")  # on speed, not on the answer
        out = conv(x)
    (out if pick is None else out[:, :, pick[0], pick[1]]).sum().backward()
    return x.grad


def read_cells(config: dict, pick: tuple[int, int]) -> Cells:
    """The input cells output cell ``pick`` (row, column) depends on."""
    return _nonzero(_gradient(config, pick))


def unseen_grid(config: dict) -> Cells:
    """The input cells no output depends on."""
    height, width = config["input"][2:]
    seen = _nonzero(_gradient(config, None))
    return {(r, c) for r in range(height) for c in range(width)} - seen


def padding_sources(config: dict) -> dict[tuple[int, int], tuple[int, int]]:
    """Padded (row, column) -> the input cell F.pad copies there, for a
    non-zeros padding_mode and padding given as numbers."""
    (ph, pw), (height, width) = config["padding"], config["input"][2:]
    index = torch.arange(height * width, dtype=torch.float64)
    padded = F.pad(index.reshape(1, 1, height, width), (pw, pw, ph, ph),
                   mode=config["padding_mode"])[0, 0].long().tolist()
    return {(r, c): divmod(value, width)
            for r, row in enumerate(padded) for c, value in enumerate(row)
            if not (ph <= r < ph + height and pw <= c < pw + width)}

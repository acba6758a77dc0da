"""What docs/gpu.md says about devices, checked on a machine without a GPU:
PyTorch's "meta" device (shapes, no data) stands in as the second device.
The page's own blocks that mix devices need a GPU (see gpu.yml)."""

from __future__ import annotations

import pytest
import torch
from torch import nn


def test_a_cpu_tensor_without_axes_joins_a_tensor_on_another_device():
    elsewhere = torch.ones(3, device="meta")
    assert (elsewhere * torch.tensor(2.0, device="cpu")).device.type == "meta"
    for cpu_tensor in (torch.ones(3, device="cpu"), torch.ones(1, device="cpu")):
        with pytest.raises(RuntimeError, match="device"):
            elsewhere * cpu_tensor  # one axis, even of size 1: no exception


def test_to_returns_a_moved_copy_of_a_tensor_and_moves_a_layer_in_place():
    x = torch.ones(4, 3, 16, 16, device="cpu")
    moved = x.to("meta")
    assert (x.device.type, moved.device.type) == ("cpu", "meta")
    assert x.to("cpu") is x  # nothing to change: the tensor itself
    conv = nn.Conv2d(3, 16, kernel_size=3, device="cpu")
    assert conv.to("meta") is conv
    assert conv.weight.device.type == conv.bias.device.type == "meta"

"""pytest plugin: run every docs snippet on the device ``--device`` names.

``--device cpu`` (the default), ``cuda`` or ``auto`` (cuda when PyTorch sees
one, else cpu). On CUDA each snippet runs with ``torch.set_default_device``
set to it (CPU is torch's own default), so the same device-agnostic code is
checked on CPU and GPU.
On a non-CPU device every tensor a snippet's torch calls return must live on
that device: a snippet (or a regression of this plugin) that quietly falls
back to the CPU fails instead of passing as a CPU run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import torch
from pytest_codeblocks.plugin import TestBlock
from torch.overrides import TorchFunctionMode

CHOICES = ("cpu", "cuda", "auto")
# The torch device type --device cuda stands for. tests/docs/test_device_option.py swaps
# in "meta" to drive the whole machinery on a machine without a GPU.
ACCELERATOR = "cuda"
GPU_SKIP_REASON = "needs a CUDA device (run with --device cuda)"
DEVICE = pytest.StashKey[str]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--device", default="cpu", metavar="cpu|cuda|auto",
        help="device the docs snippets run on: cpu (default, the same result "
             "on every machine), cuda (fails at start without a GPU) or "
             "auto (cuda when available, else cpu)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "gpu: a code block that needs a CUDA device (skipped on CPU)")
    config.stash[DEVICE] = resolve(config.getoption("device"))
    # The suite's CPU tensors are tiny: one thread computes them fastest, and
    # torch's OpenMP threads would spin against the browser, the kernels and
    # the builds running beside the tests (3x slower on two cores).
    torch.set_num_threads(1)


def resolve(requested: str) -> str:
    """The device a session runs on; a usage error when it cannot."""
    if requested not in CHOICES:
        raise pytest.UsageError(
            f"--device {requested!r}: choose one of {', '.join(CHOICES)}")
    if requested == "cpu":
        return "cpu"
    if torch.cuda.is_available():
        return ACCELERATOR
    if requested == "auto":
        return "cpu"
    raise pytest.UsageError(
        f"--device cuda: torch {torch.__version__} sees no CUDA device "
        "(torch.cuda.is_available() is False); run on a GPU machine or "
        "use --device cpu")


@pytest.fixture(scope="session")
def torch_device(pytestconfig: pytest.Config) -> str:
    """The device of this session: "cpu" or "cuda" (for notebooks etc.)."""
    return pytestconfig.stash[DEVICE]


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("gpu") and item.config.stash[DEVICE] == "cpu":
        pytest.skip(GPU_SKIP_REASON)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    device = item.config.stash[DEVICE]
    if device == "cpu" or not (isinstance(item, TestBlock)
                               and item.obj.syntax == "python"):
        return (yield)  # CPU is torch's default: nothing to set or watch
    with default_device(device), TensorDevices() as made:
        result = yield
    # A gpu-marked block places its tensors itself (it teaches devices).
    strays = [] if item.get_closest_marker("gpu") else made.off(device)
    if strays:
        pytest.fail(f"ran with --device {device}, but {', '.join(strays)} "
                    "returned a tensor on another device: snippets must stay "
                    "device-agnostic (no device='cpu', no .cpu())",
                    pytrace=False)
    return result


@contextmanager
def default_device(device: str) -> Iterator[None]:
    """``torch.set_default_device(device)`` for the duration of the block."""
    previous = torch.get_default_device()
    torch.set_default_device(device)
    try:
        yield
    finally:
        torch.set_default_device(previous)


class TensorDevices(TorchFunctionMode):
    """Records the device of every tensor a torch call returns."""

    def __init__(self) -> None:
        super().__init__()
        self.made: list[tuple[str, str]] = []  # (torch function, device type)

    def __torch_function__(self, func, types, args=(), kwargs=None) -> Any:
        result = func(*args, **(kwargs or {}))
        outputs = result if isinstance(result, (tuple, list)) else [result]
        name = getattr(func, "__name__", repr(func))
        self.made += [(name, output.device.type) for output in outputs
                      if isinstance(output, torch.Tensor)]
        return result

    def off(self, device: str) -> list[str]:
        """The torch functions that returned a tensor not on ``device``."""
        return sorted({name for name, made_on in self.made if made_on != device})

"""The --device option: bad input stops the run at start, snippets run on
the device asked for, and a tensor left on the CPU fails a GPU run.

The runs are inner pytest sessions (pytester) over a small Markdown page,
collected by pytest-codeblocks itself. Without a GPU, "cuda" is faked:
``torch.cuda.is_available`` is patched and the plugin's accelerator is the
"meta" device, which allocates nothing but keeps every tensor's device.
"""

from __future__ import annotations

import contextlib
import io

import pytest
import torch

import device
from support.inner_session import run
from support.pages import DOCS, snippet_section

ON_DEFAULT = """```python
import torch
from torch import nn
x = torch.randn(2, 3, 8, 8)
print(nn.Conv2d(3, 4, kernel_size=3)(x).device.type)
```
"""
ON_CPU = """```python
import torch
print(torch.zeros(2, device="cpu").shape)
```
"""
GPU_ONLY = """<!--pytest.mark.gpu-->
```python
import torch
print(torch.ones(1, device="cpu").device)
```
"""


@pytest.fixture
def no_cuda(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)


@pytest.fixture
def fake_cuda(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(device, "ACCELERATOR", "meta")


def test_a_wrong_value_is_a_one_line_usage_error(pytester):
    result = run(pytester, "--device", "gpu", page=ON_DEFAULT)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert result.errlines == [
        "ERROR: --device 'gpu': choose one of cpu, cuda, auto", ""]


def test_cuda_without_a_gpu_fails_at_start(pytester, no_cuda):
    result = run(pytester, "--device", "cuda", page=ON_DEFAULT)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert result.errlines == [
        f"ERROR: --device cuda: torch {torch.__version__} sees no CUDA device "
        "(torch.cuda.is_available() is False); run on a GPU machine or use "
        "--device cpu", ""]
    assert "passed" not in result.stdout.str()


@pytest.mark.parametrize("requested, cuda, expected", [
    ("cpu", True, "cpu"), ("auto", False, "cpu"), ("auto", True, "cuda"),
    ("cuda", True, "cuda")])
def test_the_session_device(monkeypatch, requested, cuda, expected):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
    assert device.resolve(requested) == expected


def test_the_torch_device_fixture_names_the_session_device(pytester, no_cuda):
    pytester.makepyfile(
        "def test_device(torch_device):\n"
        "    assert torch_device == 'cpu'\n")
    run(pytester, "--device", "auto", page=ON_DEFAULT).assert_outcomes(passed=2)


def test_gpu_blocks_are_skipped_with_a_reason_on_cpu(pytester):
    result = run(pytester, page=GPU_ONLY)
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines([f"SKIPPED*{device.GPU_SKIP_REASON}"])


def test_snippets_run_on_the_accelerator(pytester, fake_cuda):
    result = run(pytester, "--device", "cuda", page=ON_DEFAULT.replace(
        "print(", "assert 'meta' == ("))
    result.assert_outcomes(passed=1)
    assert torch.get_default_device().type == "cpu"  # restored afterwards


def test_a_tensor_left_on_the_cpu_fails_an_accelerator_run(pytester, fake_cuda):
    result = run(pytester, "--device", "cuda", page=ON_CPU)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "ran with --device meta, but zeros returned a tensor on another "
        "device: snippets must stay device-agnostic*"])


def test_gpu_blocks_run_and_place_tensors_themselves(pytester, fake_cuda):
    run(pytester, "--device", "cuda", page=GPU_ONLY).assert_outcomes(passed=1)


def test_the_same_snippet_passes_on_cpu(pytester):
    run(pytester, page=ON_CPU + ON_DEFAULT).assert_outcomes(passed=2)


@pytest.mark.gpu
def test_the_mismatch_message_starts_as_the_gpu_page_says():
    """torch 2.4 to 2.13 start it with this sentence; the rest ("but found
    at least two devices, cuda:0 and cpu!" or "but got ... is on cpu")
    differs between releases and ops, so the page quotes only the start."""
    sentence = "Expected all tensors to be on the same device"
    assert f"**{sentence}**" in (DOCS / "gpu.md").read_text()
    code = snippet_section("gpu.py", "mismatch")
    with contextlib.redirect_stdout(io.StringIO()) as output:
        exec(code, {})
    assert output.getvalue().startswith(sentence)

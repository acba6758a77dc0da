"""The shape explorer's configuration, on the Python side.

A configuration is what docs/javascripts/shapes/conv.js's ``explore`` takes:
``nn.Conv2d``'s arguments with pairs as lists, plus ``input`` (the shape
given to ``torch.randn``). ``config`` builds one and ``conv2d_arguments``
turns one back into the layer's arguments, for the PyTorch oracle and the
stored cases: the format is defined here once.
"""

from __future__ import annotations

PAIRS = ("kernel_size", "stride", "dilation")


def pair(value: int | tuple[int, int] | list[int]) -> list[int]:
    return [value, value] if isinstance(value, int) else list(value)


def config(input: list[int] | tuple[int, ...], in_channels: int,
           out_channels: int, kernel_size, stride=1, padding=0, dilation=1,
           groups: int = 1, bias: bool = True,
           padding_mode: str = "zeros") -> dict:
    """An explorer configuration from ``nn.Conv2d``'s arguments."""
    return {"input": list(input), "in_channels": in_channels,
            "out_channels": out_channels, "kernel_size": pair(kernel_size),
            "stride": pair(stride),
            "padding": padding if isinstance(padding, str) else pair(padding),
            "dilation": pair(dilation), "groups": groups, "bias": bias,
            "padding_mode": padding_mode}


def conv2d_arguments(configuration: dict) -> dict:
    """``nn.Conv2d``'s keyword arguments of a configuration (pairs as tuples)."""
    arguments = {key: value for key, value in configuration.items()
                 if key != "input"}
    for key in (*PAIRS, "padding"):
        if isinstance(arguments[key], list):
            arguments[key] = tuple(arguments[key])
    return arguments

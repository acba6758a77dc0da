"""The modelled domain shared by the shape rules: what the model claims to
know, and the ``ValueError`` ("modelled: ...") for the rest."""

from __future__ import annotations

BIG = 2**31 - 1  # the largest number the model takes


def modelled(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(f"modelled: {what}")


def per_axis(value: int | tuple[int, ...] | list[int],
             count: int) -> tuple[int, ...]:
    """An int for each of ``count`` axes, as nn.Conv{count}d expands one."""
    return (value,) * count if isinstance(value, int) else tuple(value)


def int_args(value, low: int, name: str, count: int = 2) -> tuple[int, ...]:
    """An int or a tuple of ``count`` ints, each in [low, BIG], as a tuple."""
    values = (value,) * count if isinstance(value, int) else value
    modelled(isinstance(values, tuple | list) and len(values) == count
              and all(type(v) is int and low <= v <= BIG for v in values),
              f"{name} as an int or {count} ints from {low} to {BIG}")
    return tuple(values)


def no_device(device: object = None, dtype: object = None) -> None:
    """device= and dtype= change no shape: the model takes only None."""
    modelled(device is None and dtype is None, "device and dtype None")

"""What each layer of a stack costs, as torchinfo 1.8.0's ``summary`` counts
it: multiply-adds, output bytes for a dtype, trainable parameters, and the
totals it prints; with each layer's receptive field and jump per spatial
axis, and the windows of adaptive pooling.

A layer is ``{"type", "args"}`` as in layers.py; its output shape and
parameter count are layer_output's. A count past 2**53 - 1 is None:
JavaScript's numbers hold integers exactly only up to there, and
docs/javascripts/shapes/cost.js mirrors this file.
"""

from __future__ import annotations

import inspect
import re
from math import prod

from shapes.domain import modelled, per_axis
from shapes.layers import LAYERS, stack_output

Shape = tuple[int, ...] | list[int]
Field = dict | None  # {"size": [...], "jump": [...]}, one entry per spatial axis

# Bytes per element of each dtype the tracer offers.
DTYPES = {"float32": 4, "float16": 2, "bfloat16": 2, "float64": 8}
# torchinfo sizes the input with sys.getsizeof of its tensor's storage: the
# data's bytes plus the storage object's own 64 (torch 2.x, 64-bit CPython).
STORAGE_OBJECT_BYTES = 64
SAFE = 2**53 - 1
# Layers with a window sliding over their last 1, 2 or 3 axes.
WINDOWED = re.compile(
    r"^(Conv|ConvTranspose|MaxPool|AvgPool|AdaptiveAvgPool|AdaptiveMaxPool)"
    r"([123])d$")
# torchinfo 1.8.0 prints each unit as its enum member's str() (Python 3.11+).
UNITS = ((1e12, "Units.TERABYTES"), (1e9, "Units.GIGABYTES"),
         (0, "Units.MEGABYTES"))


def _safe(count: int) -> int | None:
    return count if count <= SAFE else None


def spatial_rank(layer_type: str) -> int | None:
    """How many trailing axes a windowed layer slides over (Conv2d: 2);
    None for a layer without a window."""
    match = WINDOWED.match(layer_type)
    return int(match.group(2)) if match else None


def mult_adds(layer_type: str, output_shape: Shape, params: int) -> int | None:
    """torchinfo's count: each weight and bias once per output position of
    each sample for a layer named Conv-something (its channels left out),
    else once per entry of the output's first axis (the batch, or an
    unbatched input's first axis)."""
    if "Conv" in layer_type:
        return _safe(params * prod([*output_shape[:1], *output_shape[2:]]))
    return _safe(params * output_shape[0])


def output_bytes(output_shape: Shape, dtype: str = "float32") -> int | None:
    modelled(dtype in DTYPES, f"a dtype of {', '.join(DTYPES)}")
    return _safe(prod(output_shape) * DTYPES[dtype])


def layer_cost(layer_type: str, output_shape: Shape, params: int,
               dtype: str = "float32") -> dict:
    """``{"mult_adds", "output_bytes", "params"}`` of one layer."""
    return {"mult_adds": mult_adds(layer_type, output_shape, params),
            "output_bytes": output_bytes(output_shape, dtype),
            "params": params}


def start_field(input_shape: Shape, layer_types: list[str]) -> Field:
    """The input's own field: one position, one apart, on each axis the
    first windowed layer slides over; None without such a layer or where
    the input lacks a channel axis before those axes."""
    ranks = [spatial_rank(name) for name in layer_types]
    rank = next((r for r in ranks if r), None)
    if rank is None or len(input_shape) <= rank:
        return None
    return {"size": [1] * rank, "jump": [1] * rank}


def _slide(field: dict, kernel: list[int], stride: list[int],
           dilation: list[int]) -> dict:
    size, jump = field["size"], field["jump"]
    return {"size": [r + d * (k - 1) * j for r, k, d, j
                     in zip(size, kernel, dilation, jump, strict=True)],
            "jump": [j * s for j, s in zip(jump, stride, strict=True)]}


def next_field(field: Field, layer_type: str, args: dict,
               input_shape: Shape, output_shape: Shape) -> Field:
    """The field after a layer given ``args`` with their defaults: size is
    how many input positions (padding counted) one output reads per axis,
    jump how far apart neighbouring outputs' windows start. None where no
    single number holds: after Linear or a Flatten that changes the shape
    (they mix whole axes), a transposed convolution with a stride above 1
    or adaptive pooling whose windows differ in size (neighbouring outputs
    read different numbers of positions), a layer of another rank, and any
    other layer that changes the shape."""
    if field is None:
        return None
    rank = len(field["size"])
    match = WINDOWED.match(layer_type)
    if match is None:
        keeps = list(input_shape) == list(output_shape)
        return field if keeps and layer_type not in ("Linear", "LazyLinear") \
            else None
    family = match.group(1)
    if spatial_rank(layer_type) != rank or len(output_shape) <= rank:
        return None
    ones = (1,) * rank
    if family.startswith("Adaptive"):
        sizes = list(zip(input_shape[-rank:], output_shape[-rank:], strict=True))
        if any(n % out for n, out in sizes):
            return None
        kernel = [n // out for n, out in sizes]
        return _slide(field, kernel, kernel, ones)
    kernel = per_axis(args["kernel_size"], rank)
    if family == "ConvTranspose":
        if per_axis(args["stride"], rank) != ones:
            return None
        return _slide(field, kernel, ones, per_axis(args["dilation"], rank))
    stride = kernel if args["stride"] is None else per_axis(args["stride"], rank)
    return _slide(field, kernel, stride, per_axis(args.get("dilation", 1), rank))


def pool_window(size: int, out: int, index: int) -> list[int]:
    """[start, end) of output ``index``'s window when adaptive pooling
    turns ``size`` positions into ``out``: PyTorch's floor(i*size/out) to
    ceil((i+1)*size/out)."""
    return [index * size // out, -(-(index + 1) * size // out)]


def summary_totals(input_shape: Shape, costs: list[dict],
                   dtype: str = "float32") -> dict:
    """The totals of torchinfo's ModelStatistics, by its attribute names,
    for a stack of fresh layers (every parameter trainable) whose input
    and parameters are of ``dtype``: the forward/backward pass counts the
    outputs of layers with parameters only, twice (for their gradients)."""
    params = sum(cost["params"] for cost in costs)
    macs = [cost["mult_adds"] for cost in costs]
    outputs = [cost["output_bytes"] for cost in costs if cost["params"] > 0]
    with_nones = None in macs or None in outputs
    return {
        "total_params": params,
        "trainable_params": params,
        "total_mult_adds": None if with_nones else _safe(sum(macs)),
        "total_input": output_bytes(input_shape, dtype) + STORAGE_OBJECT_BYTES,
        "total_output_bytes": None if with_nones else _safe(2 * sum(outputs)),
        "total_param_bytes": _safe(params * DTYPES[dtype]),
    }


def _count(number: float) -> str:
    """torchinfo's format_output_num: a whole number with thousands
    separators, else two decimals."""
    return f"{int(number):,d}" if number == int(number) else f"{number:,.2f}"


def summary_text(totals: dict) -> list[str]:
    """The totals' lines as torchinfo's summary prints them."""
    params, trainable = totals["total_params"], totals["trainable_params"]
    macs = totals["total_mult_adds"]
    limit, unit = next((limit, unit) for limit, unit in UNITS if macs >= limit)
    scale = limit or 1e6  # below a gigabyte's worth, in millions
    sizes = [totals["total_input"], totals["total_output_bytes"],
             totals["total_param_bytes"]]
    return [f"Total params: {params:,}",
            f"Trainable params: {trainable:,}",
            f"Non-trainable params: {params - trainable:,}",
            f"Total mult-adds ({unit}): {_count(macs / scale)}",
            f"Input size (MB): {sizes[0] / 1e6:0.2f}",
            f"Forward/backward pass size (MB): {sizes[1] / 1e6:0.2f}",
            f"Params size (MB): {sizes[2] / 1e6:0.2f}",
            f"Estimated Total Size (MB): {sum(sizes) / 1e6:0.2f}"]


def _with_defaults(layer: dict) -> dict:
    """The layer's keyword arguments with its defaults filled in."""
    rule = LAYERS[layer["type"]]
    bound = inspect.signature(rule).bind(None, **layer["args"])
    bound.apply_defaults()
    return {name: value for name, value in bound.arguments.items()
            if name not in ("shape", "extra", "args", "kwargs")}


def stack_cost(input_shape: Shape, layers: list[dict],
               dtype: str = "float32") -> dict | None:
    """``{"rows", "totals"}`` for ``nn.Sequential(*layers)`` on an input of
    ``input_shape``: each row a layer's cost with its field (size and jump
    per axis, or None); None where PyTorch refuses the stack."""
    answers = stack_output(input_shape, layers)
    if len(answers) < len(layers) or any(
            answer is None or "error" in answer for answer in answers):
        return None
    field = start_field(input_shape, [layer["type"] for layer in layers])
    rows, shape = [], list(input_shape)
    for layer, answer in zip(layers, answers, strict=True):
        field = next_field(field, layer["type"], _with_defaults(layer), shape,
                           answer["shape"])
        rows.append({**layer_cost(layer["type"], answer["shape"],
                                  answer["params"], dtype), "field": field})
        shape = answer["shape"]
    return {"rows": rows, "totals": summary_totals(input_shape, rows, dtype)}

"""What each layer of an ``nn.Sequential`` stack does to a shape, in plain
Python: ``layer_output`` for one layer, ``stack_output`` for a stack.

A layer is ``{"type": "Conv2d", "args": {...}}`` with the module's keyword
arguments (tuples as tuples or lists); the answer is ``{"shape", "params"}``.
PyTorch's refusals raise ``TorchError`` (its type and message, in its order:
the module's __init__, then its forward in training mode; the message in the
newest release's words, rewordings.py); settings outside the modelled
domain raise ``ValueError``. The rules live by subject: convolutions.py,
pools.py, resizing.py, features.py. docs/javascripts/shapes/layers.js
mirrors this file; tests/cases/layers.json holds PyTorch's answers for
both.
"""

from __future__ import annotations

from shapes import convolutions, features, pools, resizing
from shapes.conv import TorchError
from shapes.domain import modelled

Shape = tuple[int, ...]
Input = Shape | None  # None: build the layer only

LAYERS = {**convolutions.RULES, **pools.RULES, **resizing.RULES,
          **features.RULES}
BUILT = convolutions.BUILT | features.BUILT  # the others check only inputs


def layer_output(layer: dict, input_shape: Input) -> dict:
    """``{"shape", "params"}`` of ``nn.<type>(**args)`` on an input of
    ``input_shape``; TorchError where PyTorch refuses. Without an input
    shape, only building the layer is checked (the answer is {})."""
    modelled(layer["type"] in LAYERS, f"a layer of {', '.join(LAYERS)}")
    if input_shape is None and layer["type"] not in BUILT:
        return {}
    rule = LAYERS[layer["type"]]
    return rule(input_shape and tuple(input_shape), **layer["args"])


def stack_output(input_shape: Shape, layers: list[dict]) -> list[dict | None]:
    """What ``nn.Sequential(*layers)(x)`` gives, layer by layer: answers up
    to the first refusal, ``{"error": {"type", "message"}}``. The layers
    are built first, as the code does: a layer that refuses its arguments
    fails even when an earlier one would refuse its input; the layers
    between get None (not reached)."""
    built = len(layers)
    for index, layer in enumerate(layers):
        try:
            layer_output(layer, None)
        except TorchError as error:
            built, failure = index, _failure(error)
            break
    answers, shape = [], tuple(input_shape)
    for layer in layers[:built]:
        try:
            answer = layer_output(layer, shape)
        except TorchError as error:
            answers.append(_failure(error))
            break
        except ValueError:  # outside the model: unless a layer fails to
            if built == len(layers):  # build, where PyTorch stops first
                raise
            break
        answers.append(answer)
        shape = tuple(answer["shape"])
    if built < len(layers):
        reached = [answer for answer in answers if "shape" in answer]
        answers = reached + [None] * (built - len(reached)) + [failure]
    return answers


def _failure(error: TorchError) -> dict:
    return {"error": {"type": error.kind, "message": str(error)}}

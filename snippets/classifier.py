"""Lesson 6 — From feature maps to a classifier: Flatten and in_features."""

# --8<-- [start:model]
import torch
from torch import nn
features = nn.Sequential(
    nn.Conv2d(3, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
)
classifier = nn.Sequential(nn.Flatten(), nn.Linear(64 * 8 * 8, 10))
x = torch.randn(4, 3, 32, 32)
maps = features(x)
scores = classifier(maps)
print(maps.shape)
print(scores.shape)
# --8<-- [end:model]

# --8<-- [start:trace]
import torch
from torch import nn
features = nn.Sequential(
    nn.Conv2d(3, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
)
x = torch.randn(4, 3, 32, 32)
print(f"{'input':<10} {tuple(x.shape)}")
for layer in [*features, nn.Flatten()]:
    x = layer(x)
    print(f"{type(layer).__name__:<10} {tuple(x.shape)}")
# --8<-- [end:trace]

# --8<-- [start:dummy]
import torch
from torch import nn
features = nn.Sequential(
    nn.Conv2d(3, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
)
out = features(torch.zeros(1, 3, 32, 32))  # one dummy image
print(out.shape)
print(out.numel())
linear = nn.Linear(out.numel(), 10)
print(linear)
# --8<-- [end:dummy]

# --8<-- [start:lazy]
import torch
from torch import nn
features = nn.Sequential(
    nn.Conv2d(3, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
)
lazy = nn.LazyLinear(10)  # out_features only
model = nn.Sequential(features, nn.Flatten(), lazy)
print(lazy)
try:
    count = sum(p.numel() for p in model.parameters())
except ValueError as error:
    print(f"{type(error).__name__}: {error}")

scores = model(torch.zeros(1, 3, 32, 32))  # the first call sets in_features
print(lazy)
print(lazy.weight.shape)
# --8<-- [end:lazy]

# --8<-- [start:mismatch]
import torch
from torch import nn
features = nn.Sequential(
    nn.Conv2d(3, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
)
linear = nn.Linear(64 * 32 * 32, 10)  # the input's size, not the maps'
model = nn.Sequential(features, nn.Flatten(), linear)
for batch in (4, 2):
    try:
        scores = model(torch.randn(batch, 3, 32, 32))
    except RuntimeError as error:
        print(f"{type(error).__name__}: {error}")

print(linear.weight.shape, linear.weight.T.shape)
# --8<-- [end:mismatch]

# --8<-- [start:flatten]
import torch
from torch import nn
maps = torch.randn(4, 64, 8, 8)
print(nn.Flatten())
print(nn.Flatten()(maps).shape)
print(maps.flatten(start_dim=1).shape)
print(maps.reshape(maps.shape[0], -1).shape)
print(maps.flatten().shape)  # start_dim=0: the batch axis goes too
rows = maps.view(-1, 1024)  # a wrong number: 16 "images"
print(rows.shape, nn.Linear(1024, 10)(rows).shape)
# --8<-- [end:flatten]

# --8<-- [start:flatten_errors]
import torch
from torch import nn
maps = torch.randn(4, 64, 8, 8)
linear = nn.Linear(64 * 8 * 8, 10)
for name, fed in [("maps.flatten()", maps.flatten()), ("maps, no Flatten", maps)]:
    try:
        scores = linear(fed)
    except RuntimeError as error:
        print(f"{name}: {type(error).__name__}: {error}")
# --8<-- [end:flatten_errors]

# --8<-- [start:global_average]
import torch
from torch import nn
features = nn.Sequential(
    nn.Conv2d(3, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
)
flatten_head = nn.Sequential(nn.Flatten(), nn.Linear(64 * 8 * 8, 10))
average_head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))
for size in (32, 64):
    maps = features(torch.randn(4, 3, size, size))
    print(f"{size} x {size}: maps {tuple(maps.shape)}, "
          f"average head {tuple(average_head(maps).shape)}")
    try:
        scores = flatten_head(maps)
    except RuntimeError as error:
        print(f"  flatten head: {type(error).__name__}: {error}")

for name, head_layers in [("flatten", flatten_head), ("average", average_head)]:
    print(name, "head:", sum(p.numel() for p in head_layers.parameters()),
          "parameters")
# --8<-- [end:global_average]

# --8<-- [start:exercise]
import torch
from torch import nn
x = torch.randn(2, 3, 64, 64)
features = nn.Sequential(
    nn.Conv2d(3, 16, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, kernel_size=3, stride=2, padding=1), nn.ReLU(),
    nn.MaxPool2d(2),
)
# --8<-- [end:exercise]

# --8<-- [start:blank]
head = ...  # your layer here: nn.Linear(in_features, 10)
# --8<-- [end:blank]

# --8<-- [start:solution]
head = nn.Linear(in_features=32 * 8 * 8, out_features=10)
# --8<-- [end:solution]

# --8<-- [start:check]
if head is ...:
    print("Missing: write your layer in place of the ..., then run this again.")
else:
    kind = type(head).__name__
    assert kind == "Linear", \
        f"your layer is {kind}; the exercise asks for nn.Linear, with the " \
        "in_features you work out"
    assert head.out_features == 10, \
        f"your out_features is {head.out_features}; the exercise asks for 10"
    flat = nn.Flatten()(features(x))  # checked before the call: no mat1/mat2 trace
    assert head.in_features == flat.shape[1], \
        f"your in_features is {head.in_features}; the exercise asks for the " \
        "number of values nn.Flatten() makes from one image's feature maps"
    y = head(flat)
    expected = (2, 10)
    assert y.shape == expected, \
        f"your output is {tuple(y.shape)}; the exercise asks for {expected}"
    print("Correct:", tuple(y.shape))
# --8<-- [end:check]

# --8<-- [start:wrong_answers]
import torch
from torch import nn
features = nn.Sequential(
    nn.Conv2d(3, 16, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, kernel_size=3, stride=2, padding=1), nn.ReLU(),
    nn.MaxPool2d(2),
)
maps = features(torch.randn(2, 3, 64, 64))
print("maps:", tuple(maps.shape))
flat = nn.Flatten()(maps)
answers = {"32 * 8 * 8": 32 * 8 * 8, "8 * 8": 8 * 8, "3 * 64 * 64": 3 * 64 * 64,
           "32 * 16 * 16": 32 * 16 * 16, "16 * 8 * 8": 16 * 8 * 8}
for label, in_features in answers.items():
    try:
        print(f"{label:<12} -> {tuple(nn.Linear(in_features, 10)(flat).shape)}")
    except RuntimeError as error:
        print(f"{label:<12} -> {error}")
# --8<-- [end:wrong_answers]

# Layers a learner plausibly writes instead of the solution: the tests
# check that the check rejects each (or that the answer's own line raises).
# --8<-- [start:wrong_layers]
head = nn.Linear(32 * 8 * 8, 2)  # the batch size as out_features
head = nn.Linear(8 * 8, 10)  # the channels forgotten
head = nn.Linear(3 * 64 * 64, 10)  # the input's size
head = nn.Linear(32 * 16 * 16, 10)  # the last pool missed
head = nn.Linear(16 * 8 * 8, 10)  # the first convolution's channels
head = nn.Linear(32, 10)  # channels only: needs a global pool first
head = nn.Linear(10, 32 * 8 * 8)  # in and out swapped
head = nn.LazyLinear(10)  # finds in_features itself: not the exercise
# --8<-- [end:wrong_layers]

"""Lesson 11 — One and three dimensions: Conv1d, Conv3d and their pooling
and batch norm layers."""

from shapes.conv import conv_output_size  # the page includes its definition

# --8<-- [start:three_layers]
import torch
from torch import nn
layers_and_inputs = [
    (nn.Conv1d(2, 16, kernel_size=3), torch.randn(4, 2, 100)),  # (N, C, L)
    (nn.Conv2d(3, 16, kernel_size=3), torch.randn(4, 3, 32, 32)),  # (N, C, H, W)
    (nn.Conv3d(3, 16, kernel_size=3), torch.randn(4, 3, 8, 32, 32)),  # (N, C, D, H, W)
]
for layer, x in layers_and_inputs:
    name = type(layer).__name__
    print(f"{name}: {tuple(x.shape)} -> {tuple(layer(x).shape)}, "
          f"weight {tuple(layer.weight.shape)}")
# --8<-- [end:three_layers]

# --8<-- [start:audio]
import torch
from torch import nn
audio = torch.randn(4, 1, 16000)  # 4 clips of 1 s at 16 kHz, mono: (N, C, L)
frames = nn.Conv1d(1, 32, kernel_size=400, stride=160)  # 25 ms every 10 ms
y = frames(audio)
print(y.shape)
assert y.shape == (4, 32, 98)
# --8<-- [end:audio]

# --8<-- [start:text_error]
import torch
from torch import nn
tokens = torch.randint(0, 10000, (8, 50))  # 8 sentences of 50 token ids
embedded = nn.Embedding(10000, 300)(tokens)
print(embedded.shape)  # (N, L, E): one 300-number vector per token
conv = nn.Conv1d(in_channels=300, out_channels=64, kernel_size=3)
try:
    conv(embedded)
except RuntimeError as error:
    print(error)
# --8<-- [end:text_error]

# --8<-- [start:text_transpose]
import torch
from torch import nn
tokens = torch.randint(0, 10000, (8, 50))
embedded = nn.Embedding(10000, 300)(tokens)  # (N, L, E)
x = embedded.transpose(1, 2)  # (N, E, L): the embedding is the channel axis
conv = nn.Conv1d(in_channels=300, out_channels=64, kernel_size=3)
y = conv(x)
print(x.shape, "->", y.shape)
print(y.transpose(1, 2).shape)  # back to one vector per position: (N, L, C)
# --8<-- [end:text_transpose]

# --8<-- [start:text_silent]
import torch
from torch import nn
embedded = torch.randn(8, 300, 300)  # (N, L, E) with L = E = 300
conv = nn.Conv1d(in_channels=300, out_channels=64, kernel_size=3)
print(conv(embedded).shape)  # no error: it slid along the embedding
# --8<-- [end:text_silent]

# --8<-- [start:video]
import torch
from torch import nn
clips = torch.randn(2, 3, 16, 64, 64)  # 2 clips, RGB, 16 frames of 64 x 64
conv = nn.Conv3d(3, 8, kernel_size=(3, 5, 5), stride=(1, 2, 2),
                 padding=(1, 2, 2))
y = conv(clips)
print(y.shape)
print(conv.weight.shape)  # (out, in, kd, kh, kw)
# --8<-- [end:video]

# --8<-- [start:per_axis]
import torch
from torch import nn
clips = torch.randn(2, 3, 16, 64, 64)
conv = nn.Conv3d(3, 8, kernel_size=(3, 5, 5), stride=(1, 2, 2),
                 padding=(1, 2, 2))
y = conv(clips)
for i, axis in enumerate("DHW"):  # axes 2, 3, 4: one formula each
    formula = conv_output_size(clips.shape[2 + i], conv.kernel_size[i],
                               conv.stride[i], conv.padding[i])
    print(f"{axis}: formula {formula}, Conv3d {y.shape[2 + i]}")
    assert formula == y.shape[2 + i]
# --8<-- [end:per_axis]

# --8<-- [start:pooling]
import torch
from torch import nn
signal = torch.randn(8, 64, 48)  # (N, C, L)
print(nn.MaxPool1d(2)(signal).shape)  # stride = kernel, as in 2-D
clips = torch.randn(2, 8, 16, 32, 32)  # (N, C, D, H, W)
print(nn.MaxPool3d(2)(clips).shape)  # halves D, H and W
print(nn.MaxPool3d((1, 2, 2))(clips).shape)  # keeps every frame
# --8<-- [end:pooling]

# --8<-- [start:batch_norm]
import torch
from torch import nn
print(nn.BatchNorm1d(64)(torch.randn(8, 64, 48)).shape)  # (N, C, L)
print(nn.BatchNorm1d(64)(torch.randn(8, 64)).shape)  # (N, C): after a Linear
print(nn.BatchNorm3d(8)(torch.randn(2, 8, 16, 32, 32)).shape)  # (N, C, D, H, W)
# --8<-- [end:batch_norm]

# --8<-- [start:batch_norm_errors]
import torch
from torch import nn
for norm, x in [(nn.BatchNorm1d(64), torch.randn(8, 48, 64)),  # (N, L, C)
                (nn.BatchNorm3d(8), torch.randn(8, 16, 32, 32))]:  # no batch
    try:
        norm(x)
    except (RuntimeError, ValueError) as error:
        print(f"{type(error).__name__}: {error}")
# --8<-- [end:batch_norm_errors]

# --8<-- [start:unbatched]
import torch
from torch import nn
print(nn.Conv1d(2, 16, 3)(torch.randn(2, 100)).shape)  # (C, L)
print(nn.MaxPool1d(2)(torch.randn(16, 98)).shape)
print(nn.Conv3d(3, 8, 3)(torch.randn(3, 16, 32, 32)).shape)  # (C, D, H, W)
print(nn.MaxPool3d(2)(torch.randn(8, 14, 30, 30)).shape)
one = torch.randn(64, 48)  # one sequence, (C, L)
try:
    nn.BatchNorm1d(64)(one)  # read as (N, C): 64 samples of 48 features
except RuntimeError as error:
    print(error)

print(nn.BatchNorm1d(64)(one.unsqueeze(0)).shape)  # add N: (1, C, L)
# --8<-- [end:unbatched]

# --8<-- [start:images_into_conv3d]
import torch
from torch import nn
conv = nn.Conv3d(3, 8, kernel_size=3)
images = torch.randn(2, 3, 32, 32)  # a batch of images, not of clips
try:
    conv(images)
except RuntimeError as error:
    print(error)
# --8<-- [end:images_into_conv3d]

# --8<-- [start:exercise]
import torch
from torch import nn
embedded = torch.randn(16, 40, 128)  # 16 sentences, 40 tokens, 128 numbers each
x = embedded.transpose(1, 2)
# --8<-- [end:exercise]

# --8<-- [start:blank]
to_features = ...  # your layer here: 256 filters over 5 tokens, length kept
# --8<-- [end:blank]

# --8<-- [start:solution]
to_features = nn.Conv1d(in_channels=128, out_channels=256, kernel_size=5,
                        padding=2)
# --8<-- [end:solution]

# --8<-- [start:check]
if to_features is ...:
    print("Missing: write your layer in place of the ..., then run this again.")
else:
    kind = type(to_features).__name__
    assert kind == "Conv1d", f"your layer is {kind}; the exercise asks for Conv1d"
    k = to_features.kernel_size
    assert k == (5,), f"your kernel_size is {k}; the exercise asks for (5,)"
    c = to_features.in_channels, to_features.out_channels
    assert c == (128, 256), \
        f"your (in_channels, out_channels) are {c}; the exercise asks for (128, 256)"
    y = to_features(x)
    expected = (16, 256, 40)
    assert y.shape == expected, \
        f"your output is {tuple(y.shape)}; the exercise asks for {expected}"
    print("Correct:", tuple(y.shape))
# --8<-- [end:check]

# --8<-- [start:wrong_answers]
import torch
from torch import nn
x = torch.randn(16, 40, 128).transpose(1, 2)  # the exercise's (N, E, L)
for layer in (nn.Conv1d(40, 256, kernel_size=5, padding=2),
              nn.Conv1d(128, 256, kernel_size=5),
              nn.Conv2d(128, 256, kernel_size=5, padding=2),
              nn.Conv1d(128, 256, kernel_size=3, padding=1)):
    try:
        shape = tuple(layer(x).shape)
    except RuntimeError as error:
        shape = f"RuntimeError: {str(error).split(' to have')[0]}"
    print(f"{type(layer).__name__}({layer.in_channels}, {layer.out_channels}, "
          f"kernel_size={layer.kernel_size}, padding={layer.padding}): {shape}")
# --8<-- [end:wrong_answers]

# Layers a learner plausibly writes instead of the solution: the tests
# check that the check rejects each (or the call fails).
# --8<-- [start:wrong_layers]
to_features = nn.Conv1d(40, 256, kernel_size=5, padding=2)  # L as channels
to_features = nn.Conv1d(128, 256, kernel_size=5)  # padding 0
to_features = nn.Conv2d(128, 256, kernel_size=5, padding=2)
to_features = nn.Conv1d(128, 256, kernel_size=3, padding=1)
# --8<-- [end:wrong_layers]

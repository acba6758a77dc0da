"""Lesson 13 — Resizing feature maps: Upsample and F.interpolate,
PixelShuffle and PixelUnshuffle, Unfold and Fold."""

# --8<-- [start:four_layers]
import torch
from torch import nn
x = torch.randn(8, 64, 16, 16)
for layer in (nn.Upsample(scale_factor=2),
              nn.PixelShuffle(2),
              nn.PixelUnshuffle(2),
              nn.Unfold(kernel_size=3, padding=1),
              nn.ConvTranspose2d(64, 64, kernel_size=2, stride=2)):
    weights = sum(p.numel() for p in layer.parameters())
    print(f"{type(layer).__name__}: {tuple(layer(x).shape)}, {weights} weights")
# --8<-- [end:four_layers]

# --8<-- [start:size_or_scale]
import torch
from torch import nn
x = torch.randn(1, 3, 7, 7)
print(nn.Upsample(size=(20, 30))(x).shape)  # the size you ask for
print(nn.Upsample(scale_factor=2)(x).shape)  # 7 * 2
print(nn.Upsample(scale_factor=1.5)(x).shape)  # floor(7 * 1.5)
print(nn.Upsample(scale_factor=(2, 0.5))(x).shape)  # one factor per axis
# --8<-- [end:size_or_scale]

# --8<-- [start:rounding]
import torch
import torch.nn.functional as F
x = torch.randn(1, 3, 100, 100)
print(100 * 0.29)  # the product in floating point
print(F.interpolate(x, scale_factor=0.29).shape)
print(F.interpolate(x, size=29).shape)  # ask for the size you want
# --8<-- [end:rounding]

# --8<-- [start:size_errors]
import torch
import torch.nn.functional as F
x = torch.randn(1, 3, 7, 7)
for kwargs in ({"size": 14, "scale_factor": 2}, {}):
    try:
        F.interpolate(x, **kwargs)
    except ValueError as error:
        print(f"{kwargs}: ValueError: {error}")
# --8<-- [end:size_errors]

# --8<-- [start:unbatched]
import torch
from torch import nn
up = nn.Upsample(scale_factor=2)
image = torch.randn(3, 7, 7)  # one image without its batch axis
print(up(image).shape)  # read as (N, C, L): only the last axis grew
print(up(image.unsqueeze(0)).shape)  # (1, C, H, W): both axes grow
# --8<-- [end:unbatched]

# --8<-- [start:align_corners]
import torch
import torch.nn.functional as F
x = torch.arange(49.0).reshape(1, 1, 7, 7)  # 0 to 48, top left to bottom right
for align in (False, True):
    y = F.interpolate(x, scale_factor=1.5, mode="bilinear", align_corners=align)
    print(f"align_corners={align}: {tuple(y.shape)}, "
          f"corners kept: {torch.equal(y[..., ::9, ::9], x[..., ::6, ::6])}")

try:
    F.interpolate(x, scale_factor=1.5, align_corners=True)  # mode="nearest"
except ValueError as error:
    print(f"ValueError: {error}")
# --8<-- [end:align_corners]

# --8<-- [start:recompute]
import torch
import torch.nn.functional as F
x = torch.arange(49.0).reshape(1, 1, 7, 7)
given = F.interpolate(x, scale_factor=1.5, mode="bilinear")
recomputed = F.interpolate(x, scale_factor=1.5, mode="bilinear",
                           recompute_scale_factor=True)
sized = F.interpolate(x, size=10, mode="bilinear")
print(given.shape, recomputed.shape, sized.shape)
print("same values, 1.5 and 10 / 7:", torch.equal(given, recomputed))
print("recomputed is size=10:", torch.equal(recomputed, sized))
# --8<-- [end:recompute]

# --8<-- [start:shuffle_order]
import torch
from torch import nn
x = torch.arange(8).reshape(1, 8, 1, 1)  # one pixel, 8 channels: 0 to 7
y = nn.PixelShuffle(2)(x)
print(tuple(x.shape), "->", tuple(y.shape))
print(y[0, 0].tolist(), y[0, 1].tolist())  # channels 0-3, then 4-7
print(nn.PixelUnshuffle(2)(y).flatten().tolist())  # and back
# --8<-- [end:shuffle_order]

# --8<-- [start:shuffle_shapes]
import torch
from torch import nn
x = torch.randn(8, 64, 16, 16)
up = nn.PixelShuffle(upscale_factor=2)  # C / 4, H * 2, W * 2
down = nn.PixelUnshuffle(downscale_factor=2)  # C * 4, H / 2, W / 2
print(up(x).shape, down(x).shape)
print(nn.PixelShuffle(4)(x).shape)  # C / 16, H * 4, W * 4
print("round trip:", torch.equal(down(up(x)), x), torch.equal(up(down(x)), x))
# --8<-- [end:shuffle_shapes]

# --8<-- [start:shuffle_errors]
import torch
from torch import nn
for layer, x in ((nn.PixelShuffle(3), torch.randn(1, 12, 5, 5)),
                 (nn.PixelUnshuffle(2), torch.randn(1, 3, 7, 8)),
                 (nn.PixelUnshuffle(2), torch.randn(1, 3, 8, 7))):
    try:
        layer(x)
    except RuntimeError as error:
        print(f"{type(layer).__name__}{tuple(x.shape)}: {error}")
# --8<-- [end:shuffle_errors]

# --8<-- [start:unfold]
import torch
from torch import nn
x = torch.randn(2, 3, 32, 32)
unfold = nn.Unfold(kernel_size=3, padding=1, stride=2)
columns = unfold(x)
print(columns.shape)  # (N, C * kh * kw, L)
print(3 * 3 * 3, "numbers per window,", 16 * 16, "windows")
# --8<-- [end:unfold]

# --8<-- [start:conv_as_matmul]
import torch
import torch.nn.functional as F
x = torch.randn(2, 3, 8, 8, dtype=torch.float64)
weight = torch.randn(4, 3, 3, 3, dtype=torch.float64)  # (out, in, kh, kw)
columns = F.unfold(x, kernel_size=3)  # (2, 27, 36): 6 * 6 windows
rows = weight.reshape(4, -1)  # (4, 27): one filter per row
out = (rows @ columns).reshape(2, 4, 6, 6)  # (4, 27) @ (2, 27, 36)
print(columns.shape, rows.shape, out.shape)
print("equals F.conv2d:", torch.allclose(out, F.conv2d(x, weight)))
# --8<-- [end:conv_as_matmul]

# --8<-- [start:fold]
import torch
from torch import nn
x = torch.randn(2, 3, 8, 8)
unfold = nn.Unfold(kernel_size=2, stride=2)  # windows that do not overlap
fold = nn.Fold(output_size=(8, 8), kernel_size=2, stride=2)
patches = unfold(x)
print(patches.shape, fold(patches).shape, torch.equal(fold(patches), x))
overlapping = nn.Unfold(kernel_size=3, padding=1)(torch.ones(1, 1, 4, 4))
sums = nn.Fold(output_size=(4, 4), kernel_size=3, padding=1)(overlapping)
print(sums[0, 0].int().tolist())  # each pixel: how many windows held it
# --8<-- [end:fold]

# --8<-- [start:overlap]
import torch
from torch import nn
def coverage(layer, x):
    """How many kernel positions add into each output pixel away from the
    border: every weight is 1, so each position adds 1."""
    for weight in layer.parameters():
        weight.requires_grad_(False).fill_(1)
    y = layer(x)
    return sorted(set(y[0, 0, 2:-2, 2:-2].int().flatten().tolist()))

ones = torch.ones(1, 1, 8, 8)
print("ConvTranspose2d k=3 s=2:",
      coverage(nn.ConvTranspose2d(1, 1, 3, stride=2, bias=False), ones))
print("ConvTranspose2d k=4 s=2:",
      coverage(nn.ConvTranspose2d(1, 1, 4, stride=2, bias=False), ones))
resize_conv = nn.Sequential(nn.Upsample(scale_factor=2),
                            nn.Conv2d(1, 1, 3, padding=1, bias=False))
print("Upsample, then Conv2d k=3:", coverage(resize_conv, ones))
# --8<-- [end:overlap]

# --8<-- [start:exercise]
import torch
from torch import nn
x = torch.randn(8, 64, 16, 16)  # features at 16 x 16
shuffle = nn.PixelShuffle(3)  # 3 times the height and width
# --8<-- [end:exercise]

# --8<-- [start:blank]
to_subpixels = ...  # your Conv2d here: 3 x 3 kernel, 16 x 16 kept
# --8<-- [end:blank]

# --8<-- [start:solution]
to_subpixels = nn.Conv2d(64, 3 * 3 * 3, kernel_size=3, padding=1)
# --8<-- [end:solution]

# --8<-- [start:check]
if to_subpixels is ...:
    print("Missing: write your layer in place of the ..., then run this again.")
else:
    kind = type(to_subpixels).__name__
    assert kind == "Conv2d", f"your layer is {kind}; the exercise asks for Conv2d"
    k = to_subpixels.kernel_size
    assert k == (3, 3), f"your kernel_size is {k}; the exercise asks for (3, 3)"
    c = to_subpixels.in_channels, to_subpixels.out_channels
    assert c == (64, 27), (f"your (in_channels, out_channels) are {c}; the "
                           "exercise asks for 64 in and 3 colours x 3 x 3 out")
    y = to_subpixels(x)
    image = shuffle(y)
    expected = (8, 3, 48, 48)
    assert image.shape == expected, \
        f"your image is {tuple(image.shape)}; the exercise asks for {expected}"
    print("Correct:", tuple(image.shape))
# --8<-- [end:check]

# --8<-- [start:wrong_answers]
import torch
from torch import nn
x = torch.randn(8, 64, 16, 16)
shuffle = nn.PixelShuffle(3)
for conv in (nn.Conv2d(64, 3, kernel_size=3, padding=1),
             nn.Conv2d(64, 12, kernel_size=3, padding=1),
             nn.Conv2d(64, 9, kernel_size=3, padding=1),
             nn.Conv2d(64, 27, kernel_size=3)):
    y = conv(x)
    try:
        image = tuple(shuffle(y).shape)
    except RuntimeError as error:
        image = f"RuntimeError: {str(error).split(', but ')[1]}"
    print(f"Conv2d(64, {conv.out_channels}, padding={conv.padding}): "
          f"{tuple(y.shape)} -> {image}")
# --8<-- [end:wrong_answers]

# Layers a learner plausibly writes instead of the solution: the tests
# check that the check rejects each (or the call fails).
# --8<-- [start:wrong_layers]
to_subpixels = nn.Conv2d(64, 3, kernel_size=3, padding=1)  # no r * r
to_subpixels = nn.Conv2d(64, 12, kernel_size=3, padding=1)  # r = 2
to_subpixels = nn.Conv2d(64, 9, kernel_size=3, padding=1)  # one colour
to_subpixels = nn.Conv2d(64, 27, kernel_size=3)  # 16 x 16 not kept
to_subpixels = nn.Conv2d(3, 27, kernel_size=3, padding=1)  # the image's 3
to_subpixels = nn.ConvTranspose2d(64, 3, kernel_size=3, stride=3)
to_subpixels = nn.PixelShuffle(3)
# --8<-- [end:wrong_layers]

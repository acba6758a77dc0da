"""Lesson 7 — Getting images in: from a photo's array to what Conv2d takes."""

# --8<-- [start:unbatched]
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3)
image = torch.randn(3, 32, 32)  # one image: (channels, height, width)
print(conv(image).shape)
print(image.unsqueeze(0).shape, image[None].shape)  # a batch of one
print(conv(image[None]).shape)
# --8<-- [end:unbatched]

# --8<-- [start:wrong_rank]
import torch
from torch import nn
conv = nn.Conv2d(1, 16, kernel_size=3)
for shape in [(28, 28), (2, 8, 1, 28, 28)]:
    try:
        conv(torch.randn(shape))
    except RuntimeError as error:
        print(f"{type(error).__name__}: {error}")
# --8<-- [end:wrong_rank]

# --8<-- [start:grayscale]
import torch
from torch import nn
conv = nn.Conv2d(1, 16, kernel_size=3)
gray = torch.randn(28, 28)  # one grayscale image: no channel axis
print(gray[None, None].shape, "->", conv(gray[None, None]).shape)
digits = torch.randn(8, 28, 28)  # a batch of 8 grayscale images
print(digits.unsqueeze(1).shape, "->", conv(digits.unsqueeze(1)).shape)
try:
    conv(digits)  # read as ONE image with 8 channels
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")
# --8<-- [end:grayscale]

# --8<-- [start:hwc]
import numpy as np
import torch
from torch import nn
photo = np.zeros((224, 224, 3), dtype=np.uint8)  # like np.asarray(a PIL image)
conv = nn.Conv2d(3, 16, kernel_size=3)
as_is = torch.as_tensor(photo).float()[None]
print(as_is.shape)
try:
    conv(as_is)
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")

chw = torch.as_tensor(photo).permute(2, 0, 1)  # axes (H, W, C) -> (C, H, W)
print(chw.shape)
# --8<-- [end:hwc]

# --8<-- [start:reshape_scrambles]
import numpy as np
import torch
pixels = np.arange(12, dtype=np.uint8).reshape(2, 2, 3)  # H=2, W=2, RGB
print("pixel (0, 0) is R, G, B =", pixels[0, 0].tolist())
permuted = torch.as_tensor(pixels).permute(2, 0, 1)
reshaped = torch.as_tensor(pixels).reshape(3, 2, 2)
print("same shape:", permuted.shape == reshaped.shape)
print("red channel with permute:", permuted[0].tolist())
print("red channel with reshape:", reshaped[0].tolist())
# --8<-- [end:reshape_scrambles]

# --8<-- [start:uint8]
import numpy as np
import torch
from torch import nn
photo = np.full((224, 224, 3), 255, dtype=np.uint8)  # a white photo
conv = nn.Conv2d(3, 16, kernel_size=3)
x = torch.as_tensor(photo).permute(2, 0, 1)[None]
print(x.shape, x.dtype)
try:
    conv(x)
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")

try:
    conv(torch.as_tensor(photo / 255).permute(2, 0, 1)[None])  # NumPy: float64
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")

x = x.float() / 255
print(x.dtype, x.max().item())  # 255 became 1.0
print(conv(x).shape)
# --8<-- [end:uint8]

# --8<-- [start:channels_last]
import torch
x = torch.randn(1, 3, 224, 224)
y = x.to(memory_format=torch.channels_last)
print(x.shape, x.stride())
print(y.shape, y.stride())
print(torch.equal(x, y))
# --8<-- [end:channels_last]

# --8<-- [start:permuted_is_channels_last]
import numpy as np
import torch
photo = np.zeros((224, 224, 3), dtype=np.uint8)
x = torch.as_tensor(photo).permute(2, 0, 1)[None]
print(x.shape, x.is_contiguous(memory_format=torch.channels_last))
# --8<-- [end:permuted_is_channels_last]

# --8<-- [start:exercise]
import numpy as np
import torch
from torch import nn
# 4 photos of 32 x 48 pixels, as a data loader might stack them: (N, H, W, C)
photos = np.random.default_rng(0).integers(0, 256, size=(4, 32, 48, 3),
                                           dtype=np.uint8)
# --8<-- [end:exercise]

# --8<-- [start:blank]
batch_nchw = ...  # your tensor here: float32, (N, C, H, W), values 0 to 1
# --8<-- [end:blank]

# --8<-- [start:solution]
batch_nchw = torch.as_tensor(photos).permute(0, 3, 1, 2).float() / 255
# --8<-- [end:solution]

# --8<-- [start:check]
if batch_nchw is ...:
    print("Missing: write your tensor in place of the ..., then run this again.")
else:
    kind = type(batch_nchw).__name__
    assert kind == "Tensor", \
        f"your batch_nchw is {kind}; the exercise asks for torch.Tensor"
    got = tuple(batch_nchw.shape)
    expected = (4, 3, 32, 48)
    assert got == expected, \
        f"your shape is {got}; the exercise asks for {expected}, (N, C, H, W)"
    dtype = batch_nchw.dtype
    assert dtype == torch.float32, \
        f"your dtype is {dtype}; the exercise asks for torch.float32"
    top = batch_nchw.max().item()
    assert 0 <= batch_nchw.min().item() and top <= 1, \
        f"your values go up to {top:g}; the exercise asks for values from 0 to 1"
    # photo 1, row 5, column 7: its red, green, blue must be channels 0, 1, 2
    rgb = torch.as_tensor(photos[1, 5, 7]) / 255
    pixel = batch_nchw[1, :, 5, 7]
    got_rgb, want_rgb = ([round(v, 3) for v in t.tolist()] for t in (pixel, rgb))
    assert torch.allclose(pixel, rgb), \
        f"your batch_nchw[1, :, 5, 7] is {got_rgb}; the exercise asks for " \
        f"photos[1, 5, 7] / 255, {want_rgb}"
    out = nn.Conv2d(3, 8, kernel_size=3)(batch_nchw)
    print("Correct:", got, dtype, "-> Conv2d(3, 8, 3) ->", tuple(out.shape))
# --8<-- [end:check]

# --8<-- [start:wrong_answers]
import numpy as np
import torch
photos = np.random.default_rng(0).integers(0, 256, size=(4, 32, 48, 3),
                                           dtype=np.uint8)
print("photos[1, 5, 7]:", photos[1, 5, 7].tolist())
raw = torch.as_tensor(photos)  # (N, H, W, C), uint8
tries = {
    "solution": raw.permute(0, 3, 1, 2).float() / 255,
    "permute(0, 3, 2, 1)": raw.permute(0, 3, 2, 1).float() / 255,
    "reshape(4, 3, 32, 48)": raw.reshape(4, 3, 32, 48).float() / 255,
    "no / 255": raw.permute(0, 3, 1, 2).float(),
    "no .float()": raw.permute(0, 3, 1, 2),
    "NumPy's photos / 255": torch.as_tensor(photos / 255).permute(0, 3, 1, 2),
}
for name, t in tries.items():
    pixel = [round(value, 3) for value in t[1, :, 5, 7].tolist()]
    print(f"{name}: {tuple(t.shape)}, {t.dtype}, [1, :, 5, 7] = {pixel}")
# --8<-- [end:wrong_answers]

# Layers a learner plausibly writes instead of the solution: the tests
# check that the check rejects each (or that the answer's own line raises).
# --8<-- [start:wrong_layers]
batch_nchw = torch.as_tensor(photos).permute(0, 3, 2, 1).float() / 255
batch_nchw = torch.as_tensor(photos).reshape(4, 3, 32, 48).float() / 255
batch_nchw = torch.as_tensor(photos).view(4, 3, 32, 48).float() / 255
batch_nchw = torch.as_tensor(photos).permute(0, 3, 1, 2).float()  # 0..255
batch_nchw = torch.as_tensor(photos).permute(0, 3, 1, 2)  # uint8
batch_nchw = torch.as_tensor(photos / 255).permute(0, 3, 1, 2)  # float64
batch_nchw = torch.as_tensor(photos).permute(2, 0, 1).float() / 255  # 3 axes
# --8<-- [end:wrong_layers]

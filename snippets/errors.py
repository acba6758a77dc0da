"""Error gallery: `<name>_error` prints PyTorch's message, `<name>_fix` the shape."""

# --8<-- [start:channels_error]
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3)  # made for RGB
gray = torch.randn(4, 1, 32, 32)  # a batch of grayscale images
try:
    conv(gray)
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:channels_error]

# --8<-- [start:channels_fix]
import torch
from torch import nn
conv = nn.Conv2d(1, 16, kernel_size=3)  # in_channels = the input's dim 1
gray = torch.randn(4, 1, 32, 32)
print(conv(gray).shape)
# --8<-- [end:channels_fix]

# --8<-- [start:hwc_error]
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3)
photos = torch.rand(4, 224, 224, 3)  # (N, H, W, C), as NumPy and PIL store it
try:
    conv(photos)
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:hwc_error]

# --8<-- [start:hwc_fix]
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3)
photos = torch.rand(4, 224, 224, 3)
nchw = photos.permute(0, 3, 1, 2)  # (N, H, W, C) -> (N, C, H, W)
print(nchw.shape, conv(nchw).shape)
# --8<-- [end:hwc_fix]

# --8<-- [start:dims_error]
import torch
from torch import nn
conv = nn.Conv2d(1, 8, kernel_size=3)
digit = torch.rand(28, 28)  # one grayscale image: no channel, no batch axis
try:
    conv(digit)
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:dims_error]

# --8<-- [start:dims_fix]
import torch
from torch import nn
conv = nn.Conv2d(1, 8, kernel_size=3)
digit = torch.rand(28, 28)
batch = digit.unsqueeze(0).unsqueeze(0)  # add the channel, then the batch axis
print(batch.shape, conv(batch).shape)
# --8<-- [end:dims_fix]

# --8<-- [start:uint8_error]
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3)
pixels = torch.randint(0, 256, (4, 3, 32, 32), dtype=torch.uint8)  # as decoded
try:
    conv(pixels)
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:uint8_error]

# --8<-- [start:uint8_fix]
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3)
pixels = torch.randint(0, 256, (4, 3, 32, 32), dtype=torch.uint8)
x = pixels.float() / 255  # float32 in [0, 1]
print(x.dtype, conv(x).shape)
# --8<-- [end:uint8_fix]

# --8<-- [start:double_error]
import numpy as np
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3)
array = np.random.rand(4, 3, 32, 32)  # NumPy's default dtype: float64
x = torch.as_tensor(array)  # keeps float64, which PyTorch calls double
try:
    conv(x)
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:double_error]

# --8<-- [start:double_fix]
import numpy as np
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3)
array = np.random.rand(4, 3, 32, 32)
x = torch.as_tensor(array, dtype=torch.float32)  # the layer's dtype
print(x.dtype, conv(x).shape)
# --8<-- [end:double_fix]

# --8<-- [start:kernel_error]
import torch
from torch import nn
x = torch.randn(4, 3, 3, 3)  # a 3 x 3 map, deep in a network
for conv in (nn.Conv2d(3, 16, kernel_size=5),
             nn.Conv2d(3, 16, kernel_size=3, dilation=3)):  # spans 7
    try:
        conv(x)
    except RuntimeError as e:
        print(f"{type(e).__name__}: {e}")
# --8<-- [end:kernel_error]

# --8<-- [start:kernel_fix]
import torch
from torch import nn
x = torch.randn(4, 3, 3, 3)
conv = nn.Conv2d(3, 16, kernel_size=5, padding=2)  # 3 + 2 * 2 = 7 >= 5
print(conv(x).shape)
# --8<-- [end:kernel_fix]

# --8<-- [start:same_stride_error]
from torch import nn
try:
    nn.Conv2d(3, 16, kernel_size=3, stride=2, padding="same")
except ValueError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:same_stride_error]

# --8<-- [start:same_stride_fix]
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)  # (3 - 1) // 2
print(conv(torch.randn(4, 3, 32, 32)).shape)
# --8<-- [end:same_stride_fix]

# --8<-- [start:groups_error]
from torch import nn
for make in (lambda: nn.Conv2d(3, 16, kernel_size=3, groups=16),
             lambda: nn.Conv2d(16, 24, kernel_size=3, groups=16)):
    try:
        make()
    except ValueError as e:
        print(f"{type(e).__name__}: {e}")
# --8<-- [end:groups_error]

# --8<-- [start:groups_fix]
import torch
from torch import nn
depthwise = nn.Conv2d(16, 32, kernel_size=3, padding=1, groups=16)
print(depthwise.weight.shape, depthwise(torch.randn(4, 16, 32, 32)).shape)
# --8<-- [end:groups_fix]

# --8<-- [start:linear_error]
import torch
from torch import nn
model = nn.Sequential(nn.Flatten(), nn.Linear(512, 10))
features = torch.randn(4, 32, 5, 5)  # what the conv stack gives
try:
    model(features)
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:linear_error]

# --8<-- [start:linear_fix]
import torch
from torch import nn
model = nn.Sequential(nn.Flatten(), nn.Linear(32 * 5 * 5, 10))  # 800 in
features = torch.randn(4, 32, 5, 5)
print(model(features).shape)
# --8<-- [end:linear_fix]

# --8<-- [start:view_error]
import torch
features = torch.randn(4, 32, 5, 5)
try:
    features.view(4, 512)
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:view_error]

# --8<-- [start:view_fix]
import torch
features = torch.randn(4, 32, 5, 5)
flat = features.view(features.size(0), -1)  # -1: PyTorch computes 800
print(flat.shape)
# --8<-- [end:view_fix]

# --8<-- [start:pool_small_error]
import torch
from torch import nn
pool = nn.MaxPool2d(2)
x = torch.randn(4, 16, 1, 1)  # pooled once too often
try:
    pool(x)
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:pool_small_error]

# --8<-- [start:pool_small_fix]
import torch
from torch import nn
pool = nn.MaxPool2d(2, ceil_mode=True)  # keeps a last, partial window
print(pool(torch.randn(4, 16, 1, 1)).shape)
# --8<-- [end:pool_small_fix]

# --8<-- [start:pool_pad_error]
import torch
from torch import nn
pool = nn.MaxPool2d(kernel_size=2, padding=2)
try:
    pool(torch.randn(4, 16, 8, 8))
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:pool_pad_error]

# --8<-- [start:pool_pad_fix]
import torch
from torch import nn
pool = nn.MaxPool2d(kernel_size=2, padding=1)  # at most 2 // 2
print(pool(torch.randn(4, 16, 8, 8)).shape)
# --8<-- [end:pool_pad_fix]

# --8<-- [start:pool_dilated_pad_error]
import torch
from torch import nn
pool = nn.MaxPool2d(kernel_size=3, stride=1, padding=2, dilation=2)  # spans 5
try:
    pool(torch.randn(1, 1, 9, 9))
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:pool_dilated_pad_error]

# --8<-- [start:pool_dilated_pad_fix]
import torch
import torch.nn.functional as F
from torch import nn
x = torch.randn(1, 1, 9, 9)
print(nn.MaxPool2d(3, stride=1, padding=1, dilation=2)(x).shape)  # 3 // 2
padded = F.pad(x, (2, 2, 2, 2), value=float("-inf"))  # MaxPool2d's padding
print(nn.MaxPool2d(3, stride=1, dilation=2)(padded).shape)
# --8<-- [end:pool_dilated_pad_fix]

# --8<-- [start:adaptive_error]
import torch
from torch import nn
gap = nn.AdaptiveAvgPool2d((512, 1, 1))  # the output *shape*, channels included
try:
    gap(torch.randn(4, 512, 7, 7))
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:adaptive_error]

# --8<-- [start:adaptive_fix]
import torch
from torch import nn
gap = nn.AdaptiveAvgPool2d((1, 1))  # (H, W) only: channels pass through
print(gap(torch.randn(4, 512, 7, 7)).shape)
# --8<-- [end:adaptive_fix]

# --8<-- [start:output_padding_error]
import torch
from torch import nn
up = nn.ConvTranspose2d(16, 8, kernel_size=3, stride=2, padding=1,
                        output_padding=2)
try:
    up(torch.randn(4, 16, 8, 8))
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:output_padding_error]

# --8<-- [start:output_padding_fix]
import torch
from torch import nn
up = nn.ConvTranspose2d(16, 8, kernel_size=3, stride=2, padding=1,
                        output_padding=1)  # < stride
print(up(torch.randn(4, 16, 8, 8)).shape)
# --8<-- [end:output_padding_fix]

# --8<-- [start:output_size_error]
import torch
from torch import nn
up = nn.ConvTranspose2d(16, 8, kernel_size=3, stride=2, padding=1)
try:
    up(torch.randn(4, 16, 8, 8), output_size=(20, 20))
except ValueError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:output_size_error]

# --8<-- [start:output_size_fix]
import torch
from torch import nn
up = nn.ConvTranspose2d(16, 8, kernel_size=3, stride=2, padding=1)
print(up(torch.randn(4, 16, 8, 8), output_size=(16, 16)).shape)
# --8<-- [end:output_size_fix]

# --8<-- [start:reflect_error]
import torch
from torch import nn
conv = nn.Conv2d(16, 16, kernel_size=3, padding=1, padding_mode="reflect")
bottleneck = torch.randn(4, 16, 1, 1)  # a 1 x 1 map: nothing to mirror
try:
    conv(bottleneck)
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:reflect_error]

# --8<-- [start:reflect_fix]
import torch
from torch import nn
conv = nn.Conv2d(16, 16, kernel_size=3, padding=1, padding_mode="replicate")
print(conv(torch.randn(4, 16, 1, 1)).shape)
# --8<-- [end:reflect_fix]

# --8<-- [start:conv1d_text_error]
import torch
from torch import nn
conv = nn.Conv1d(300, 64, kernel_size=3)  # for 300-number word vectors
embedded = torch.randn(8, 50, 300)  # (N, L, E), as nn.Embedding gives it
try:
    conv(embedded)
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:conv1d_text_error]

# --8<-- [start:conv1d_text_fix]
import torch
from torch import nn
conv = nn.Conv1d(300, 64, kernel_size=3)
embedded = torch.randn(8, 50, 300)
print(conv(embedded.transpose(1, 2)).shape)  # (N, E, L): E is the channels
# --8<-- [end:conv1d_text_fix]

# --8<-- [start:conv3d_images_error]
import torch
from torch import nn
conv = nn.Conv3d(3, 8, kernel_size=3)  # for RGB clips (N, C, D, H, W)
frames = torch.randn(2, 3, 32, 32)  # a batch of 2 frames: 4-D
try:
    conv(frames)
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:conv3d_images_error]

# --8<-- [start:conv3d_images_fix]
import torch
from torch import nn
conv = nn.Conv3d(3, 8, kernel_size=3)
frames = torch.randn(16, 3, 32, 32)  # 16 frames of one clip: (D, C, H, W)
clip = frames.permute(1, 0, 2, 3).unsqueeze(0)  # (1, C, D, H, W)
print(clip.shape, conv(clip).shape)
# --8<-- [end:conv3d_images_fix]

# --8<-- [start:batch_norm1d_error]
import torch
from torch import nn
norm = nn.BatchNorm1d(64)  # for 64 channels
features = torch.randn(8, 48, 64)  # (N, L, C): channels last
try:
    norm(features)
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:batch_norm1d_error]

# --8<-- [start:batch_norm1d_fix]
import torch
from torch import nn
norm = nn.BatchNorm1d(64)
features = torch.randn(8, 48, 64)
print(norm(features.transpose(1, 2)).shape)  # (N, C, L)
# --8<-- [end:batch_norm1d_fix]

# --8<-- [start:batch_norm3d_error]
import torch
from torch import nn
norm = nn.BatchNorm3d(8)
clip = torch.randn(8, 16, 32, 32)  # one clip, (C, D, H, W): no batch axis
try:
    norm(clip)
except ValueError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:batch_norm3d_error]

# --8<-- [start:batch_norm3d_fix]
import torch
from torch import nn
norm = nn.BatchNorm3d(8)
clip = torch.randn(8, 16, 32, 32)
print(norm(clip.unsqueeze(0)).shape)  # a batch of one
# --8<-- [end:batch_norm3d_fix]

# --8<-- [start:pixel_shuffle_error]
import torch
from torch import nn
features = torch.randn(2, 12, 16, 16)  # made for PixelShuffle(2)
try:
    nn.PixelShuffle(3)(features)
except RuntimeError as e:
    print(f"{type(e).__name__}: {e}")
# --8<-- [end:pixel_shuffle_error]

# --8<-- [start:pixel_shuffle_fix]
import torch
from torch import nn
to_27 = nn.Conv2d(64, 3 * 3 * 3, kernel_size=3, padding=1)  # C * r * r
features = to_27(torch.randn(2, 64, 16, 16))
print(nn.PixelShuffle(3)(features).shape)
# --8<-- [end:pixel_shuffle_fix]

# --8<-- [start:pixel_unshuffle_error]
import torch
from torch import nn
for image in (torch.randn(1, 3, 15, 16), torch.randn(1, 3, 16, 15)):
    try:
        nn.PixelUnshuffle(2)(image)
    except RuntimeError as e:
        print(f"{type(e).__name__}: {e}")
# --8<-- [end:pixel_unshuffle_error]

# --8<-- [start:pixel_unshuffle_fix]
import torch
import torch.nn.functional as F
from torch import nn
image = torch.randn(1, 3, 15, 15)
r = 2
padded = F.pad(image, (0, -image.shape[-1] % r, 0, -image.shape[-2] % r))
print(padded.shape, nn.PixelUnshuffle(r)(padded).shape)
# --8<-- [end:pixel_unshuffle_fix]

# --8<-- [start:interpolate_error]
import torch
import torch.nn.functional as F
x = torch.randn(1, 3, 7, 7)
for kwargs in ({"size": 14, "scale_factor": 2}, {}):
    try:
        F.interpolate(x, **kwargs)
    except ValueError as e:
        print(f"{type(e).__name__}: {e}")
# --8<-- [end:interpolate_error]

# --8<-- [start:interpolate_fix]
import torch
import torch.nn.functional as F
x = torch.randn(1, 3, 7, 7)
print(F.interpolate(x, size=14).shape, F.interpolate(x, scale_factor=2).shape)
# --8<-- [end:interpolate_fix]

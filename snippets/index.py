"""Course map — images as (batch, channels, height, width) tensors."""

# --8<-- [start:from_images]
import torch
photos = [torch.rand(16, 16, 3) for _ in range(4)]  # (H, W, C), as PIL/NumPy store them
x = torch.stack([photo.permute(2, 0, 1) for photo in photos])  # channels first, stacked
print(x.shape)  # (batch, channels, height, width)
print(x[2, 1].shape)  # image 2, channel 1 (green): an H x W feature map
print(x[2, :, 0, 15].shape)  # image 2, pixel (0, 15): one number per channel
# --8<-- [end:from_images]

# --8<-- [start:batched]
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3, padding=1)
x = torch.randn(4, 3, 16, 16)
together = conv(x)  # one call for the whole batch
one_by_one = torch.cat([conv(x[i : i + 1]) for i in range(4)])  # 4 calls, 1 image each
print(together.shape, one_by_one.shape)
print(torch.allclose(together, one_by_one, atol=1e-3))
# --8<-- [end:batched]

# --8<-- [start:unbatched]
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3, padding=1)
image = torch.randn(3, 16, 16)  # one image, no batch axis: (C, H, W)
print(conv(image).shape)  # nn.Conv2d accepts it and keeps it unbatched
print(conv(image.unsqueeze(0)).shape)  # a batch of one: (1, C, H, W)
try:
    nn.BatchNorm2d(16)(conv(image))  # needs (N, C, H, W)
except ValueError as error:
    print(error)
# --8<-- [end:unbatched]

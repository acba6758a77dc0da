"""The practice page: its worked example, checked by PyTorch."""

# --8<-- [start:padding]
import torch
from torch import nn
x = torch.randn(1, 9, 63, 63)
fits = [p for p in range(4)
        if nn.Conv2d(9, 32, kernel_size=3, stride=2, padding=p)(x).shape[-1] == 33]
print(fits)
print(nn.Conv2d(9, 32, kernel_size=3, stride=2, padding=2)(x).shape)
# --8<-- [end:padding]

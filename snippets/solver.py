"""The inverse solver's page: PyTorch checks the settings the solver lists."""

# --8<-- [start:halve]
import torch
from torch import nn
x = torch.randn(1, 3, 32, 32)
usual = [nn.Conv2d(3, 16, kernel_size=2, stride=2),
         nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1),
         nn.Conv2d(3, 16, kernel_size=4, stride=2, padding=1)]
print([tuple(conv(x).shape) for conv in usual])
# --8<-- [end:halve]

# --8<-- [start:same_effect]
import torch
from torch import nn
x = torch.randn(1, 3, 32, 32)
plain = nn.Conv2d(3, 16, kernel_size=1, stride=2)
dilated = nn.Conv2d(3, 16, kernel_size=1, stride=2, dilation=3)
dilated.weight, dilated.bias = plain.weight, plain.bias  # the same weights
one_window = nn.Conv2d(3, 16, kernel_size=11, stride=2, dilation=3)  # 32 -> 1
other_stride = nn.Conv2d(3, 16, kernel_size=11, stride=4, dilation=3)
other_stride.weight, other_stride.bias = one_window.weight, one_window.bias
print(torch.equal(plain(x), dilated(x)),
      torch.equal(one_window(x), other_stride(x)))
# --8<-- [end:same_effect]

# --8<-- [start:grow]
import torch
from torch import nn
x = torch.randn(1, 3, 32, 32)
conv = nn.Conv2d(3, 16, kernel_size=11, padding=11)  # padding = kernel: the most
print(conv(x).shape)
# --8<-- [end:grow]

# --8<-- [start:none]
import torch
from torch import nn
x = torch.randn(1, 1, 32, 32)
sizes = {nn.Conv2d(1, 1, k, stride=4, padding=p, dilation=d)(x).shape[-1]
         for k in range(1, 12) for d in range(1, 5) for p in range(k + 1)
         if d * (k - 1) + 1 <= 32 + 2 * p}  # the kernel fits the padded input
print(min(sizes), max(sizes), 30 in sizes)
# --8<-- [end:none]

# --8<-- [start:transposed]
import torch
from torch import nn
x = torch.randn(1, 3, 32, 32)
doubling = [nn.ConvTranspose2d(3, 16, kernel_size=2, stride=2),
            nn.ConvTranspose2d(3, 16, kernel_size=3, stride=2, padding=1,
                               output_padding=1),
            nn.ConvTranspose2d(3, 16, kernel_size=4, stride=2, padding=1)]
print([tuple(up(x).shape) for up in doubling])
# --8<-- [end:transposed]

"""Running on a GPU: moving tensors, the device-mismatch error, channels_last."""

# --8<-- [start:to_device]
import torch
from torch import nn
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
conv = nn.Conv2d(3, 16, kernel_size=3, padding=1).to(device)  # weight and bias
x = torch.randn(4, 3, 16, 16).to(device)
y = conv(x)
print(y.shape)
assert y.device.type == conv.weight.device.type == device.type
# --8<-- [end:to_device]

# --8<-- [start:to_returns]
import torch
from torch import nn
x = torch.randn(4, 3, 16, 16)
x64 = x.to(torch.float64)  # a tensor: a converted copy
print(x.dtype, x64.dtype)
conv = nn.Conv2d(3, 16, kernel_size=3)
returned = conv.to(torch.float64)  # a layer: converted in place
print(returned is conv, conv.weight.dtype)
# --8<-- [end:to_returns]

# --8<-- [start:mismatch]
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3).to("cuda")
x = torch.randn(4, 3, 16, 16, device="cuda")
shift = torch.ones(16, 1, 1, device="cpu")  # one value per channel
try:
    conv(x) + shift
except RuntimeError as error:
    print(error)
# --8<-- [end:mismatch]

# --8<-- [start:fix]
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3).to("cuda")
x = torch.randn(4, 3, 16, 16, device="cuda")
shift = torch.ones(16, 1, 1, device="cpu")
y = conv(x) + shift.to(x.device)  # bring it to the other tensors' device
print(y.shape)
# --8<-- [end:fix]

# --8<-- [start:tolerance]
import torch
from torch import nn
conv = nn.Conv2d(3, 16, kernel_size=3, padding=1)
x = torch.randn(4, 3, 16, 16)
on_cpu = conv.to("cpu")(x.to("cpu"))
on_gpu = conv.to("cuda")(x.to("cuda"))
print(on_gpu.shape, on_cpu.shape)
print(torch.allclose(on_gpu.cpu(), on_cpu, atol=1e-2))
# --8<-- [end:tolerance]

# --8<-- [start:channels_last]
import torch
x = torch.randn(4, 3, 16, 16)
x_cl = x.to(memory_format=torch.channels_last)
print(x.shape, x.stride())
print(x_cl.shape, x_cl.stride())
# --8<-- [end:channels_last]

# --8<-- [start:channels_last_conv]
import torch
from torch import nn
x = torch.randn(4, 3, 16, 16).to(memory_format=torch.channels_last)
conv = nn.Conv2d(3, 16, kernel_size=3, padding=1)
conv = conv.to(memory_format=torch.channels_last)
y = conv(x)
print(y.shape)  # still (N, C, H, W)
print(y.is_contiguous(memory_format=torch.channels_last))
# --8<-- [end:channels_last_conv]

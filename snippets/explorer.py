"""Shape explorer page: the input cells one output reads, as PyTorch's
gradient says (the explorer's 2-D picture lights the same cells)."""

# --8<-- [start:window]
import torch
from torch import nn
x = torch.zeros(1, 3, 8, 8, requires_grad=True)  # the explorer's defaults
conv = nn.Conv2d(3, 4, kernel_size=3)
pick = (2, 3)  # output row 2, column 3
conv(x)[0, 0][pick].backward()  # how that one output moves with each input
rows, columns = x.grad[0].abs().sum(0).nonzero().unbind(1)  # read: not 0
print("rows", rows.unique().tolist(), "columns", columns.unique().tolist())
# --8<-- [end:window]

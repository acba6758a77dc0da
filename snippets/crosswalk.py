"""Notation crosswalk: each row of the page's table, checked by PyTorch."""

# --8<-- [start:d2l]
import itertools
import torch
import torch.nn.functional as F
def d2l(n, k, p_total, s):
    """d2l.ai's output size: p_total rows of padding in all, both sides."""
    return (n - k + p_total + s) // s

checked = 0
for n, k, p, s in itertools.product(range(6, 10), (1, 3, 5), (0, 1, 2), (1, 2, 3)):
    out = F.conv2d(torch.randn(1, 1, n, n), torch.randn(1, 1, k, k), stride=s,
                   padding=p)  # what nn.Conv2d(1, 1, k, s, p) computes
    assert out.shape[-1] == d2l(n, k, 2 * p, s)
    checked += 1

print(f"padding=p is d2l's p_h = 2p: {checked} settings agree")
# --8<-- [end:d2l]

# --8<-- [start:cs231n]
import torch
from torch import nn
def cs231n(W, F, P, S):
    """CS231n's output size; its notes require a whole number."""
    return (W - F + 2 * P) / S + 1

for w, f, p, s in ((7, 3, 0, 1), (7, 3, 0, 2), (227, 11, 0, 4), (10, 3, 0, 2)):
    conv = nn.Conv2d(1, 1, kernel_size=f, stride=s, padding=p)
    out = conv(torch.randn(1, 1, w, w)).shape[-1]
    print(f"W={w} F={f} P={p} S={s}: CS231n {cs231n(w, f, p, s)}, PyTorch {out}")
# --8<-- [end:cs231n]

# --8<-- [start:tf_valid]
import itertools
import torch
import torch.nn.functional as F
checked = 0
for size, k, s in itertools.product(range(5, 10), (1, 2, 3, 4, 5), (1, 2, 3)):
    x, weight = torch.randn(1, 1, size, size), torch.randn(1, 1, k, k)
    out = F.conv2d(x, weight, stride=s).shape[-1]  # padding=0
    assert out == -(-(size - k + 1) // s) == (size - k) // s + 1
    checked += 1

print(f'"VALID" is padding=0: ceil((H - k + 1) / s), {checked} settings agree')
# --8<-- [end:tf_valid]

# --8<-- [start:tf_same]
import itertools
import torch
import torch.nn.functional as F
def tf_same_pad(size, kernel, stride):
    """(before, after): the zeros TensorFlow's "SAME" adds on one axis."""
    out = -(-size // stride)  # ceil(size / stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2  # an odd one goes after

def conv2d_tf_same(x, weight, stride):
    """F.conv2d as TensorFlow's padding="SAME" does it."""
    top, bottom = tf_same_pad(x.shape[-2], weight.shape[-2], stride)
    left, right = tf_same_pad(x.shape[-1], weight.shape[-1], stride)
    return F.conv2d(F.pad(x, (left, right, top, bottom)), weight, stride=stride)

checked = 0
for size, k, s in itertools.product(range(5, 10), (1, 2, 3, 4, 5), (1, 2, 3)):
    y = conv2d_tf_same(torch.randn(1, 1, size, size), torch.randn(1, 1, k, k), s)
    assert y.shape[-2:] == (-(-size // s),) * 2  # ceil(H / s)
    checked += 1

print(f'"SAME" gives ceil(H / s): {checked} settings agree')
for size, k, s in ((7, 3, 2), (8, 3, 2), (8, 4, 1), (9, 5, 3)):
    y = conv2d_tf_same(torch.randn(1, 1, size, size), torch.randn(1, 1, k, k), s)
    print(f"H={size} k={k} s={s}: zeros {tf_same_pad(size, k, s)}, "
          f"H_out={y.shape[-1]}")
# --8<-- [end:tf_same]

# --8<-- [start:tf_same_stride_1]
import warnings
import torch
import torch.nn.functional as F
warnings.filterwarnings("ignore", "Using padding='same' with even")  # k = 4
x, weight = torch.randn(1, 1, 8, 8), torch.randn(1, 1, 4, 4)
tf_like = F.conv2d(F.pad(x, (1, 2, 1, 2)), weight)  # "SAME": 3 zeros, 1 + 2
print(torch.allclose(F.conv2d(x, weight, padding="same"), tf_like, atol=1e-5))
# --8<-- [end:tf_same_stride_1]

# --8<-- [start:layout]
import torch
x_nhwc = torch.randn(8, 32, 32, 3)  # TensorFlow and Keras: channels last
x = x_nhwc.permute(0, 3, 1, 2)  # PyTorch's (N, C, H, W) order
print(tuple(x.shape), "back:", tuple(x.permute(0, 2, 3, 1).shape))
dense = x.contiguous()  # the usual memory order, "contiguous_format"
last = dense.to(memory_format=torch.channels_last)
print("contiguous:   ", tuple(dense.shape), dense.stride())
print("channels_last:", tuple(last.shape), last.stride())
print(last.is_contiguous(memory_format=torch.channels_last))
# --8<-- [end:layout]

# --8<-- [start:weights]
import torch
import torch.nn.functional as F
def conv2d_nhwc(x, kernel):
    """tf.nn.conv2d's definition, "VALID", stride 1: NHWC input and a
    (kh, kw, in, out) kernel."""
    kh, kw = kernel.shape[:2]
    oh, ow = x.shape[1] - kh + 1, x.shape[2] - kw + 1
    out = 0
    for i in range(kh):
        for j in range(kw):
            out = out + x[:, i:i + oh, j:j + ow, :] @ kernel[i, j]
    return out

kernel = torch.randn(5, 5, 3, 16)  # TensorFlow and Keras: (kh, kw, in, out)
weight = kernel.permute(3, 2, 0, 1)  # PyTorch: (out, in, kh, kw)
x_nhwc = torch.randn(2, 12, 12, 3)
ours = F.conv2d(x_nhwc.permute(0, 3, 1, 2), weight).permute(0, 2, 3, 1)
print(tuple(kernel.shape), "->", tuple(weight.shape),
      torch.allclose(ours, conv2d_nhwc(x_nhwc, kernel), atol=1e-4))
print("back:", torch.equal(weight.permute(2, 3, 1, 0), kernel))
pytorch_weight = torch.randn(64, 32, 3, 3)  # and from PyTorch's side
tf_kernel = pytorch_weight.permute(2, 3, 1, 0)
print(tuple(tf_kernel.shape), "back:",
      torch.equal(tf_kernel.permute(3, 2, 0, 1), pytorch_weight))
wrong_way = torch.randn(3, 3, 32, 64).permute(2, 3, 1, 0)  # a TF kernel
print("a TF kernel given PyTorch's permute:", tuple(wrong_way.shape))
# --8<-- [end:weights]

# --8<-- [start:dimensions]
import itertools
import torch
import torch.nn.functional as F
def conv_channels_last(x, kernel):
    """The convolution's definition, "valid", stride 1, in Keras's layout:
    x (N, *sizes, in), kernel (*kernel_sizes, in, out)."""
    spans = kernel.shape[:-2]
    outs = [n - k + 1 for n, k in zip(x.shape[1:-1], spans, strict=True)]
    total = 0
    for offset in itertools.product(*(range(k) for k in spans)):
        window = x[(slice(None), *(slice(o, o + n)
                                   for o, n in zip(offset, outs, strict=True)))]
        total = total + window @ kernel[offset]
    return total

x_nlc = torch.randn(4, 50, 8)  # Keras Conv1D: (N, L, C)
x = x_nlc.permute(0, 2, 1)  # PyTorch's (N, C, L)
print("Conv1D", tuple(x_nlc.shape), "->", tuple(x.shape),
      "back:", torch.equal(x.permute(0, 2, 1), x_nlc))
x_ndhwc = torch.randn(2, 6, 10, 10, 3)  # Keras Conv3D: (N, D, H, W, C)
x3 = x_ndhwc.permute(0, 4, 1, 2, 3)  # PyTorch's (N, C, D, H, W)
print("Conv3D", tuple(x_ndhwc.shape), "->", tuple(x3.shape),
      "back:", torch.equal(x3.permute(0, 2, 3, 4, 1), x_ndhwc))
kernel_1d = torch.randn(3, 8, 16)  # Keras: (k, in, out)
ours_1d = F.conv1d(x, kernel_1d.permute(2, 1, 0)).permute(0, 2, 1)
kernel_3d = torch.randn(3, 3, 3, 3, 4)  # Keras: (kd, kh, kw, in, out)
ours_3d = F.conv3d(x3, kernel_3d.permute(4, 3, 0, 1, 2)).permute(0, 2, 3, 4, 1)
same_1d = torch.allclose(ours_1d, conv_channels_last(x_nlc, kernel_1d), atol=1e-4)
same_3d = torch.allclose(ours_3d, conv_channels_last(x_ndhwc, kernel_3d),
                         atol=1e-4)
print(f"same convolution: 1-D {same_1d}, 3-D {same_3d}")
# --8<-- [end:dimensions]

# --8<-- [start:upsampling]
import torch
from torch import nn
x_nhwc = torch.arange(12).reshape(2, 2, 1, 3)  # Keras's example: (N, H, W, C)
keras_says = [[[[0, 1, 2], [0, 1, 2]], [[3, 4, 5], [3, 4, 5]]],
              [[[6, 7, 8], [6, 7, 8]], [[9, 10, 11], [9, 10, 11]]]]
up = nn.Upsample(scale_factor=(1, 2))  # mode="nearest": rows, columns repeated
ours = up(x_nhwc.permute(0, 3, 1, 2).float()).permute(0, 2, 3, 1)
print(tuple(x_nhwc.shape), "->", tuple(ours.shape),
      ours.int().tolist() == keras_says)
# --8<-- [end:upsampling]

# --8<-- [start:depth_to_space]
import torch
from torch import nn
def depth_to_space(x, r):
    """tf.nn.depth_to_space's documented definition, NHWC: the channel axis
    read as (bY, bX, oC), laid out as n, iY, bY, iX, bX, oC."""
    n, h, w, c = x.shape
    blocks = x.reshape(n, h, w, r, r, c // (r * r))
    return blocks.permute(0, 1, 3, 2, 4, 5).reshape(n, h * r, w * r, -1)

documented = torch.arange(1, 13).reshape(1, 1, 1, 12)  # TF's example
print(depth_to_space(documented, 2).tolist())
x_nhwc = torch.randn(2, 5, 5, 12)
tf = depth_to_space(x_nhwc, 2)
shuffle = nn.PixelShuffle(2)
plain = shuffle(x_nhwc.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)
print(tuple(tf.shape), tuple(plain.shape), "same values:", torch.equal(tf, plain))
n, h, w, c = x_nhwc.shape  # reorder the channels (bY, bX, oC) -> (oC, bY, bX)
reordered = x_nhwc.reshape(n, h, w, 2 * 2, c // 4).transpose(3, 4).reshape(n, h, w, c)
fixed = shuffle(reordered.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)
print("after reordering:", torch.equal(tf, fixed))
one_channel = torch.randn(2, 5, 5, 4)  # oC = 1: nothing to reorder
print("one output channel:", torch.equal(
    depth_to_space(one_channel, 2),
    shuffle(one_channel.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)))
# --8<-- [end:depth_to_space]

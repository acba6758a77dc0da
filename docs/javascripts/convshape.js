// The output-shape rules of torch.nn.Conv2d, mirroring snippets/convshape.py
// (same checks, order and messages), with no DOM. explore(config) returns
// {shape, weight, params, axes}, or {error: {type, message}} where PyTorch raises.
// Configs stay in convshape.py's modelled domain: the explorer's fields see to it.

export const PADDING_MODES = ["zeros", "reflect", "replicate", "circular"];
const AXES = [0, 1]; // 0 = height, 1 = width

const list = (values) => `[${values.join(", ")}]`;
const fail = (type, message) => ({ error: { type, message } });

// (before, after) zeros that padding="same" adds on one axis: the smaller
// half first, so an even kernel pads one more pixel after than before.
export function samePadding(kernel, dilation = 1) {
  const total = dilation * (kernel - 1);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

// The checks nn.Conv2d makes when the layer is built, in its order.
function checkLayer(c) {
  if (c.groups <= 0) return fail("ValueError", "groups must be a positive integer");
  if (c.in_channels % c.groups) return fail("ValueError", "in_channels must be divisible by groups");
  if (c.out_channels % c.groups) return fail("ValueError", "out_channels must be divisible by groups");
  if (c.padding === "same" && c.stride.some((s) => s !== 1)) {
    return fail("ValueError", "padding='same' is not supported for strided convolutions");
  }
}

function axisPadding(c, axis) {
  if (c.padding === "same") return samePadding(c.kernel_size[axis], c.dilation[axis]);
  const amount = c.padding === "valid" ? 0 : c.padding[axis];
  return [amount, amount];
}

// What F.pad checks for a non-zeros padding_mode (zeros passes).
function checkPad(mode, input, pads) {
  if (mode === "reflect") {
    for (const [axis, argument] of [[1, 4], [0, 6]]) { // width first
      const [before, after] = pads[axis];
      if (Math.max(before, after) >= input[2 + axis]) {
        return fail("RuntimeError", `Argument #${argument}: Padding size should be less ` +
          "than the corresponding input dimension, but got: padding " +
          `(${before}, ${after}) at dimension ${2 + axis} of input ${list(input)}`);
      }
    }
  } else if (mode === "circular" && AXES.some((a) => Math.max(...pads[a]) > input[2 + a])) {
    return fail("RuntimeError", "Padding value causes wrapping around more than once.");
  }
}

// [input shape, padding] that reach ATen's convolution: non-zeros modes pad
// with F.pad first; "same" with an odd total pads the extra pixel at the end.
function fedToConv(c, pads) {
  const [n, ch, h, w] = c.input;
  if (c.padding_mode !== "zeros") {
    return [[n, ch, h + pads[0][0] + pads[0][1], w + pads[1][0] + pads[1][1]], [0, 0]];
  }
  if (c.padding === "same") {
    return [[n, ch, h + pads[0][1] - pads[0][0], w + pads[1][1] - pads[1][0]],
      [pads[0][0], pads[1][0]]];
  }
  return [c.input, [pads[0][0], pads[1][0]]];
}

// ATen's checks of conv2d, in its order.
function checkConvolution(c, fed, weight, convPadding, spans) {
  if (Math.min(...convPadding) < 0) return fail("RuntimeError", "negative padding is not supported");
  if (Math.min(...c.stride) < 1) return fail("RuntimeError", "non-positive stride is not supported");
  if (fed[1] !== weight[1] * c.groups) {
    return fail("RuntimeError", `Given groups=${c.groups}, weight of size ${list(weight)}, ` +
      `expected input${list(fed)} to have ${weight[1] * c.groups} channels, but got ` +
      `${fed[1]} channels instead`);
  }
  const padded = AXES.map((a) => fed[2 + a] + 2 * convPadding[a]);
  if (spans[0] > padded[0] || spans[1] > padded[1]) {
    return fail("RuntimeError", `Calculated padded input size per channel: (${padded[0]} x ` +
      `${padded[1]}). Kernel size: (${spans[0]} x ${spans[1]}). Kernel size can't be ` +
      "greater than actual input size");
  }
  if (Math.min(...c.dilation) < 1) {
    return fail("RuntimeError", `dilation should be greater than zero, but got ${list(c.dilation)}`);
  }
}

// What nn.Conv2d(**config)(torch.randn(*config.input)) gives.
export function explore(c) {
  const layerError = checkLayer(c);
  if (layerError) return layerError;
  const pads = AXES.map((a) => axisPadding(c, a));
  const padError = checkPad(c.padding_mode, c.input, pads);
  if (padError) return padError;
  const [fed, convPadding] = fedToConv(c, pads);
  const weight = [c.out_channels, Math.floor(c.in_channels / c.groups), ...c.kernel_size];
  const spans = AXES.map((a) => c.dilation[a] * (c.kernel_size[a] - 1) + 1);
  const convError = checkConvolution(c, fed, weight, convPadding, spans);
  if (convError) return convError;
  const axes = AXES.map((a) => {
    const padded = c.input[2 + a] + pads[a][0] + pads[a][1];
    const stride = c.stride[a];
    return { size: c.input[2 + a], kernel: c.kernel_size[a], stride, dilation: c.dilation[a],
      before: pads[a][0], after: pads[a][1], span: spans[a],
      out: Math.floor((padded - spans[a]) / stride) + 1, dropped: (padded - spans[a]) % stride };
  });
  const params = weight[0] * weight[1] * weight[2] * weight[3] + (c.bias ? c.out_channels : 0);
  return { shape: [c.input[0], c.out_channels, axes[0].out, axes[1].out], weight, params, axes };
}

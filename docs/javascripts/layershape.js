// What each layer of an nn.Sequential stack does to a shape, mirroring
// snippets/layershape.py and snippets/stackshape.py (same checks, order and
// messages; Conv2d is convshape.js's). No DOM.
//
// layerOutput({type: "Conv2d", args: {...torch's keyword names...}}, inputShape)
// gives {shape, params}, {error: {type, message}} where PyTorch raises (its
// exception type and message: the module's __init__ first, then its forward in
// training mode), or {outside: "modelled: ..."} for settings the model does not
// claim to know (sizes < 1, floats where PyTorch wants ints, numbers past
// 2**31 - 1, a 3-D input to a convolution). Without an input shape (null) only
// building the layer is checked. Pairs are arrays; a Python float is a number
// that is not an integer or {float: x} (2.0 prints as "2.0"); None is null.
// poolOutputSize and transposedOutputSize are the per-axis formulas alone:
// they may give sizes < 1, which layerOutput reports as PyTorch does.
import { checkConvLayer, explore } from "./convshape.js";

export const BIG = 2 ** 31 - 1; // the largest number the model takes

class Refusal { constructor(type, message) { this.type = type; this.message = message; } }
class Outside { constructor(what) { this.message = `modelled: ${what}`; } }
const refuse = (type, message) => { throw new Refusal(type, message); };
const modelled = (ok, what) => { if (!ok) throw new Outside(what); };
const list = (values) => `[${values.join(", ")}]`;
const isInt = (v) => Number.isInteger(v) && Math.abs(v) <= BIG;
const isBool = (v) => typeof v === "boolean";
const prod = (values) => values.reduce((a, b) => a * b, 1);
const noDevice = (a) => modelled(a.device === null && a.dtype === null, "device and dtype None");
const numberOf = (v) => (v !== null && typeof v === "object" && "float" in v ? v.float : v);

// Python's str() of an int or float argument.
export function pyNumber(v) {
  const x = numberOf(v);
  if (x === v && Number.isInteger(x)) return String(x);
  if (x !== 0 && (Math.abs(x) >= 1e16 || Math.abs(x) < 1e-4)) {
    return x.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
  }
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

// An int or `count` ints, each in [low, BIG], as an array.
function intArgs(value, low, name, count = 2) {
  const values = Number.isInteger(value) ? Array(count).fill(value) : value;
  modelled(Array.isArray(values) && values.length === count &&
    values.every((v) => isInt(v) && v >= low), `${name} as an int or ${count} ints from ${low} to ${BIG}`);
  return values;
}

// The pooling formula alone: the number of windows along one axis (may be < 1).
export function poolOutputSize(size, kernel, stride, padding = 0, dilation = 1, ceilMode = false) {
  stride = stride ?? kernel;
  const room = size + 2 * padding - dilation * (kernel - 1) - 1;
  let out = Math.floor((room + (ceilMode ? stride - 1 : 0)) / stride) + 1;
  // ceil_mode keeps a last, partial window only if it starts inside the
  // input or its left padding, never one that would start past the input.
  if (ceilMode && (out - 1) * stride >= size + padding) out -= 1;
  return out;
}

// ConvTranspose2d's formula alone, along one axis (may be < 1).
export function transposedOutputSize(size, kernel, stride = 1, padding = 0, outputPadding = 0, dilation = 1) {
  return (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
}

// PyTorch's pooling_output_shape: its checks, then the formula.
function poolAxis(size, kernel, stride, padding, dilation, ceilMode) {
  if (stride === 0) refuse("RuntimeError", "stride should not be zero");
  const span = dilation * (kernel - 1) + 1;
  if (padding > Math.floor(span / 2)) {
    refuse("RuntimeError", "pad should be at most half of effective kernel size, but got " +
      `pad=${padding}, kernel_size=${kernel} and dilation=${dilation}`);
  }
  return poolOutputSize(size, kernel, stride, padding, dilation, ceilMode);
}

function pool2d(shape, a, average) {
  const kernel = intArgs(a.kernel_size, 1, "kernel_size");
  const paddings = intArgs(a.padding ?? 0, 0, "padding");
  const strides = a.stride == null ? kernel : intArgs(a.stride, 0, "stride");
  const dilations = intArgs(a.dilation ?? 1, 1, "dilation");
  const ceilMode = a.ceil_mode ?? false;
  modelled(isBool(ceilMode), "ceil_mode True or False");
  const ndim = shape.length;
  if (average) {
    const divisor = a.divisor_override ?? null;
    modelled(divisor === null || isInt(divisor), "divisor_override an int or None");
    if (divisor === 0) refuse("RuntimeError", "divisor must be not zero");
    if (ndim < 3) {
      refuse("IndexError", `Dimension out of range (expected to be in range of [${-ndim}, ${ndim - 1}], but got -3)`);
    }
  } else if (ndim !== 3 && ndim !== 4) {
    refuse("RuntimeError", "non-empty 3D or 4D (batch mode) tensor expected for input");
  }
  const out = [0, 1].map((i) => poolAxis(shape[ndim - 2 + i], kernel[i], strides[i], paddings[i],
    dilations[i], ceilMode));
  if (ndim !== 3 && ndim !== 4) {
    refuse("RuntimeError", "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size " +
      `for input, but got:${list(shape)}`);
  }
  if (paddings[1] > Math.floor(kernel[1] / 2) || paddings[0] > Math.floor(kernel[0] / 2)) {
    refuse("RuntimeError", "pad should be smaller than or equal to half of kernel size, but got " +
      `padW = ${paddings[1]}, padH = ${paddings[0]}, kW = ${kernel[1]}, kH = ${kernel[0]}`);
  }
  if (Math.min(...out) < 1) {
    const [planes, h, w] = shape.slice(-3);
    refuse("RuntimeError", `Given input size: (${planes}x${h}x${w}). Calculated output size: ` +
      `(${planes}x${out[0]}x${out[1]}). Output size is too small`);
  }
  return [...shape.slice(0, -2), ...out];
}

function adaptiveAvgPool2d(shape, outputSize) {
  let sizes = outputSize;
  if (Array.isArray(sizes)) {
    if (shape.length <= sizes.length) {
      refuse("ValueError", `Input dimension should be at least ${sizes.length + 1}`);
    }
    const tail = shape.slice(shape.length - sizes.length);
    sizes = intArgs(sizes.map((want, i) => (want === null ? tail[i] : want)), 1, "output_size", sizes.length);
  } else {
    sizes = intArgs(sizes, 1, "output_size");
  }
  if (sizes.length !== 2) refuse("RuntimeError", "adaptive_avg_pool2d: output_size must be 2");
  if (sizes[0] === 1 && sizes[1] === 1) { // PyTorch takes the mean over the last two axes
    if (shape.length < 2) refuse("IndexError", "Dimension out of range (expected to be in range of [-1, 0], but got -2)");
    return [...shape.slice(0, -2), 1, 1];
  }
  if (shape.length !== 3 && shape.length !== 4) {
    refuse("RuntimeError", `adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got ${list(shape)}`);
  }
  return [...shape.slice(0, -2), ...sizes];
}

function checkTransposedLayer(a, strides) {
  intArgs([a.in_channels, a.out_channels], 1, "in_channels and out_channels");
  modelled(isInt(a.groups), "groups an int");
  if (a.padding_mode !== "zeros") {
    refuse("ValueError", 'Only "zeros" padding mode is supported for ConvTranspose2d');
  }
  const error = checkConvLayer({ ...a, stride: strides, padding: [0, 0] });
  if (error) refuse(error.error.type, error.error.message);
}

// The output_padding that output_size= asks for (ConvTranspose2d's _output_padding).
function requestedPadding(shape, axes, dilations, outputSize) {
  const want = outputSize.length === 4 ? outputSize.slice(2) : outputSize;
  if (want.length !== 2) {
    refuse("ValueError", `ConvTranspose2D: for 4D input, output_size must have 2 or 4 elements (got ${want.length})`);
  }
  const low = axes.map((x, i) => transposedOutputSize(...x, 0, dilations[i]));
  const high = low.map((size, i) => size + axes[i][2] - 1);
  if (want.some((size, i) => size < low[i] || size > high[i])) {
    refuse("ValueError", `requested an output size of (${want.join(", ")}), but valid sizes range ` +
      `from ${list(low)} to ${list(high)} (for an input of torch.Size(${list(shape.slice(2))}))`);
  }
  return want.map((size, i) => size - low[i]);
}

function convTranspose2d(shape, a) {
  noDevice(a);
  const kernel = intArgs(a.kernel_size, 1, "kernel_size");
  const strides = intArgs(a.stride, 1, "stride");
  const paddings = intArgs(a.padding, 0, "padding");
  let extra = intArgs(a.output_padding, 0, "output_padding");
  const dilations = intArgs(a.dilation, 1, "dilation");
  modelled(isBool(a.bias), "bias True or False");
  checkTransposedLayer(a, strides);
  if (!shape) return {};
  if (shape.length !== 4) {
    modelled(shape.length !== 3 && a.output_size == null, "a 4-D input to ConvTranspose2d");
    refuse("RuntimeError", "Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, " +
      `but got input of size: ${list(shape)}`);
  }
  const axes = [0, 1].map((i) => [shape[2 + i], kernel[i], strides[i], paddings[i]]);
  if (a.output_size != null) {
    modelled(Array.isArray(a.output_size) && a.output_size.every(isInt), "output_size ints");
    extra = requestedPadding(shape, axes, dilations, a.output_size);
  }
  const out = axes.map((x, i) => transposedOutputSize(...x, extra[i], dilations[i]));
  const weight = [a.in_channels, Math.floor(a.out_channels / a.groups), ...kernel];
  if (shape[1] !== a.in_channels) {
    refuse("RuntimeError", `Given transposed=1, weight of size ${list(weight)}, expected ` +
      `input${list(shape)} to have ${a.in_channels} channels, but got ${shape[1]} channels instead`);
  }
  if ([0, 1].some((i) => extra[i] >= Math.max(strides[i], dilations[i]))) {
    refuse("RuntimeError", "output padding must be smaller than either stride or dilation, but got " +
      `output_padding_height: ${extra[0]} output_padding_width: ${extra[1]} stride_height: ` +
      `${strides[0]} stride_width: ${strides[1]} dilation_height: ${dilations[0]} dilation_width: ${dilations[1]}`);
  }
  // PyTorch gives an empty tensor for 0 and, below, an error whose words depend on the backend
  modelled(Math.min(...out) >= 1, `output sizes >= 1, got ${list(out)}`);
  return { shape: [shape[0], a.out_channels, ...out], params: prod(weight) + (a.bias ? a.out_channels : 0) };
}

function conv2d(shape, a) {
  noDevice(a);
  intArgs([a.in_channels, a.out_channels], 1, "in_channels and out_channels");
  const c = { ...a, kernel_size: intArgs(a.kernel_size, 1, "kernel_size"), stride: intArgs(a.stride, 0, "stride"),
    dilation: intArgs(a.dilation, 1, "dilation") };
  if (typeof a.padding !== "string") c.padding = intArgs(a.padding, 0, "padding");
  modelled(isInt(a.groups), "groups an int");
  modelled(isBool(a.bias), "bias True or False");
  modelled(typeof a.padding_mode === "string", "padding_mode a string");
  const error = checkConvLayer(c);
  if (error) refuse(error.error.type, error.error.message);
  if (!shape) return {};
  if (shape.length !== 4) {
    modelled(shape.length !== 3 && a.padding_mode === "zeros", "a 4-D input to Conv2d");
    refuse("RuntimeError", `Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: ${list(shape)}`);
  }
  const result = explore({ ...c, input: shape });
  if (result.error) refuse(result.error.type, result.error.message);
  return { shape: result.shape, params: result.params };
}

// PyTorch's maybe_wrap_dim: a dimension index, negative from the end.
function dim(d, ndim) {
  modelled(isInt(d), "dims as ints");
  const n = Math.max(ndim, 1);
  if (d < -n || d > n - 1) refuse("IndexError", `Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${d})`);
  return ((d % n) + n) % n;
}

function flatten(shape, a) {
  const start = dim(a.start_dim, shape.length);
  const end = dim(a.end_dim, shape.length);
  if (start > end) refuse("RuntimeError", "flatten() has invalid args: start_dim cannot come after end_dim");
  return [...shape.slice(0, start), prod(shape.slice(start, end + 1)), ...shape.slice(end + 1)];
}

function linear(shape, inFeatures, a) {
  noDevice(a);
  intArgs([inFeatures, a.out_features], 1, "in_features and out_features");
  modelled(isBool(a.bias), "bias True or False");
  const last = shape[shape.length - 1];
  if (last !== inFeatures) {
    refuse("RuntimeError", `mat1 and mat2 shapes cannot be multiplied (${prod(shape.slice(0, -1))}x${last} ` +
      `and ${inFeatures}x${a.out_features})`);
  }
  return { shape: [...shape.slice(0, -1), a.out_features], params: (inFeatures + (a.bias ? 1 : 0)) * a.out_features };
}

function batchNorm2d(shape, a) {
  noDevice(a);
  intArgs(a.num_features, 1, "num_features", 1);
  for (const name of ["affine", "track_running_stats", "bias"]) modelled(isBool(a[name]), `${name} True or False`);
  modelled(a.bias, "bias=True");
  if (shape.length !== 4) refuse("ValueError", `expected 4D input (got ${shape.length}D input)`);
  if (shape[0] * shape[2] * shape[3] === 1) { // training mode needs a spread
    refuse("ValueError", `Expected more than 1 value per channel when training, got input size torch.Size(${list(shape)})`);
  }
  if (shape[1] !== a.num_features && (a.track_running_stats || a.affine)) {
    refuse("RuntimeError", `${a.track_running_stats ? "running_mean" : "weight"} should contain ` +
      `${shape[1]} elements not ${a.num_features}`);
  }
  return { shape, params: a.affine ? 2 * a.num_features : 0 };
}

function dropout(shape, a) {
  const p = numberOf(a.p);
  modelled(typeof p === "number" && Math.abs(p) <= BIG, "p a number");
  if (p < 0 || p > 1) refuse("ValueError", `dropout probability has to be between 0 and 1, but got ${pyNumber(a.p)}`);
  return shape ? { shape, params: 0 } : {};
}

function gelu(shape, a) {
  if (a.approximate !== "none" && a.approximate !== "tanh") {
    refuse("RuntimeError", "approximate argument must be either none or tanh.");
  }
  return { shape, params: 0 };
}

const sameShape = (shape) => ({ shape, params: 0 });
const pooled = (average) => (shape, a) => {
  modelled(a.return_indices !== true, "return_indices=False (True gives the next layer a tuple)");
  if (!average) modelled(isBool(a.return_indices), "return_indices True or False");
  else modelled(isBool(a.count_include_pad), "count_include_pad True or False");
  return { shape: pool2d(shape, a, average), params: 0 };
};
const DEVICE = [["device", null], ["dtype", null]];
const KEEP = (name, value) => [[name, value], ["inplace", false]];

// Each layer: its rule, its __init__ parameters in order ([name] required,
// [name, default]; "*" takes any arguments), keyword-only ones, arguments of its
// forward, and whether building it checks anything (the others check only their
// input).
export const LAYERS = {
  Conv2d: { rule: conv2d, built: true, params: [["in_channels"], ["out_channels"], ["kernel_size"],
    ["stride", 1], ["padding", 0], ["dilation", 1], ["groups", 1], ["bias", true], ["padding_mode", "zeros"], ...DEVICE] },
  ConvTranspose2d: { rule: convTranspose2d, built: true, params: [["in_channels"], ["out_channels"],
    ["kernel_size"], ["stride", 1], ["padding", 0], ["output_padding", 0], ["groups", 1], ["bias", true],
    ["dilation", 1], ["padding_mode", "zeros"], ...DEVICE], forward: [["output_size", null]] },
  MaxPool2d: { rule: pooled(false), params: [["kernel_size"], ["stride", null], ["padding", 0],
    ["dilation", 1], ["return_indices", false], ["ceil_mode", false]] },
  AvgPool2d: { rule: pooled(true), params: [["kernel_size"], ["stride", null], ["padding", 0],
    ["ceil_mode", false], ["count_include_pad", true], ["divisor_override", null]] },
  AdaptiveAvgPool2d: { rule: (shape, a) => ({ shape: adaptiveAvgPool2d(shape, a.output_size), params: 0 }),
    params: [["output_size"]] },
  Flatten: { rule: (shape, a) => ({ shape: flatten(shape, a), params: 0 }), params: [["start_dim", 1], ["end_dim", -1]] },
  Linear: { rule: (shape, a) => linear(shape, a.in_features, a),
    params: [["in_features"], ["out_features"], ["bias", true], ...DEVICE] },
  LazyLinear: { rule: (shape, a) => linear(shape, shape[shape.length - 1], a),
    params: [["out_features"], ["bias", true], ...DEVICE] },
  BatchNorm2d: { rule: batchNorm2d, params: [["num_features"], ["eps", { float: 1e-5 }], ["momentum", { float: 0.1 }],
    ["affine", true], ["track_running_stats", true], ...DEVICE], keywordOnly: [["bias", true]] },
  Dropout: { rule: dropout, built: true, params: [["p", { float: 0.5 }], ["inplace", false]] },
  GELU: { rule: gelu, params: [["approximate", "none"]] },
  ReLU: { rule: sameShape, params: [["inplace", false]] },
  ReLU6: { rule: sameShape, params: [["inplace", false]] },
  LeakyReLU: { rule: sameShape, params: KEEP("negative_slope", { float: 0.01 }) },
  ELU: { rule: sameShape, params: KEEP("alpha", { float: 1 }) },
  SiLU: { rule: sameShape, params: [["inplace", false]] },
  Sigmoid: { rule: sameShape, params: "*" },
  Tanh: { rule: sameShape, params: "*" },
  Hardswish: { rule: sameShape, params: [["inplace", false]] },
  Mish: { rule: sameShape, params: [["inplace", false]] },
  Identity: { rule: sameShape, params: "*" },
};

// The arguments with the defaults filled in.
function withDefaults(type, args) {
  const { params, keywordOnly = [], forward = [] } = LAYERS[type];
  if (params === "*") return args;
  return Object.fromEntries([...params, ...keywordOnly, ...forward].filter((p) => p.length > 1 || p[0] in args)
    .map(([name, value]) => [name, name in args ? args[name] : value]));
}

// What nn.<type>(**args) does to an input of inputShape (null: building it only).
export function layerOutput(layer, inputShape) {
  try {
    modelled(Object.hasOwn(LAYERS, layer.type), `a layer of ${Object.keys(LAYERS).join(", ")}`);
    const { rule, built } = LAYERS[layer.type];
    if (!inputShape && !built) return {};
    const result = rule(inputShape && [...inputShape], withDefaults(layer.type, layer.args));
    modelled(!result.shape || [...result.shape, result.params].every(Number.isSafeInteger),
      "shapes and parameter counts below 2**53");
    return result;
  } catch (thrown) {
    if (thrown instanceof Refusal) return { error: { type: thrown.type, message: thrown.message } };
    if (thrown instanceof Outside) return { outside: thrown.message };
    throw thrown;
  }
}

// The convolution layers of a stack, any rank: Conv1d/2d/3d and
// ConvTranspose1d/2d/3d, mirroring shapes/convolutions.py (same checks, order
// and messages). One rule per kind, parametrized by dims (the spatial axes).
// No DOM; the rules throw Refusal or Outside (domain.js).
import { checkConvLayer, explore } from "./conv.js";
import {
	intArgs,
	isBool,
	isInt,
	list,
	modelled,
	noDevice,
	prod,
	pyTuple,
	refuse,
} from "./domain.js";
import { transposedLength } from "./window.js";

function ranks(dims, shape, fn) {
	if (shape.length !== dims + 1 && shape.length !== dims + 2)
		refuse(
			"RuntimeError",
			`Expected ${dims + 1}D (unbatched) or ${dims + 2}D (batched) input to ${fn}, ` +
				`but got input of size: ${list(shape)}`,
		);
}

// nn.Conv{dims}d: built, then run on `shape` (null: built only).
export function conv(dims, shape, a) {
	noDevice(a);
	intArgs([a.in_channels, a.out_channels], 1, "in_channels and out_channels");
	const c = {
		...a,
		kernel_size: intArgs(a.kernel_size, 1, "kernel_size", dims),
		stride: intArgs(a.stride, 0, "stride", dims),
		dilation: intArgs(a.dilation, 1, "dilation", dims),
	};
	if (typeof a.padding !== "string") c.padding = intArgs(a.padding, 0, "padding", dims);
	modelled(isInt(a.groups), "groups an int");
	modelled(isBool(a.bias), "bias True or False");
	modelled(typeof a.padding_mode === "string", "padding_mode a string");
	const error = checkConvLayer(c);
	if (error) refuse(error.error.type, error.error.message);
	if (!shape) return {};
	if (shape.length !== dims + 1 && shape.length !== dims + 2) {
		// F.pad refuses first, in words of its own
		modelled(
			a.padding_mode === "zeros",
			`a ${dims + 1}-D or ${dims + 2}-D input where Conv${dims}d's padding_mode is not 'zeros'`,
		);
		ranks(dims, shape, `conv${dims}d`);
	}
	const result = explore({ ...c, input: shape });
	if (result.error) refuse(result.error.type, result.error.message);
	return { shape: result.shape, params: result.params };
}

// The checks nn.ConvTranspose{dims}d makes when the layer is built.
export function checkTransposedLayer(a, strides) {
	intArgs([a.in_channels, a.out_channels], 1, "in_channels and out_channels");
	modelled(isInt(a.groups), "groups an int");
	if (a.padding_mode !== "zeros") {
		refuse(
			"ValueError",
			`Only "zeros" padding mode is supported for ConvTranspose${strides.length}d`,
		);
	}
	const padding = strides.map(() => 0);
	const error = checkConvLayer({ ...a, stride: strides, padding });
	if (error) refuse(error.error.type, error.error.message);
}

// ATen's words, axis by axis; a 1-D one runs as 2-D with a height of 1.
function outputPaddingMessage(extra, strides, dilations) {
	const one = extra.length === 1;
	const values = [
		["output_padding", one ? [0, ...extra] : extra],
		["stride", one ? [1, ...strides] : strides],
		["dilation", one ? [1, ...dilations] : dilations],
	];
	const names = ["depth", "height", "width"].slice(3 - values[0][1].length);
	const parts = values.flatMap(([what, sizes]) =>
		sizes.map((size, i) => `${what}_${names[i]}: ${size}`),
	);
	return `output padding must be smaller than either stride or dilation, but got ${parts.join(" ")}`;
}

// The output_padding that output_size= asks for (ConvTranspose's
// _output_padding). PyTorch's message names the input's sizes from axis 2 on.
function requestedPadding(shape, axes, dilations, outputSize) {
	const dims = axes.length;
	const ndim = shape.length;
	// the whole shape: keep the spatial sizes
	const want = outputSize.length === ndim ? outputSize.slice(-dims) : outputSize;
	if (want.length !== dims) {
		refuse(
			"ValueError",
			`ConvTranspose${dims}D: for ${ndim}D input, output_size must have ${dims} or ${ndim} ` +
				`elements (got ${want.length})`,
		);
	}
	const low = axes.map((x, i) => transposedLength(...x, 0, dilations[i]));
	const high = low.map((size, i) => size + axes[i][2] - 1);
	if (want.some((size, i) => size < low[i] || size > high[i])) {
		refuse(
			"ValueError",
			`requested an output size of ${pyTuple(want)}, but valid sizes range ` +
				`from ${list(low)} to ${list(high)} (for an input of torch.Size(${list(shape.slice(2))}))`,
		);
	}
	return want.map((size, i) => size - low[i]);
}

// The shape of nn.ConvTranspose{dims}d(**a)(x, a.output_size) for x of this shape.
export function convTransposeOutputShape(dims, shape, a) {
	const kernel = intArgs(a.kernel_size, 1, "kernel_size", dims);
	const strides = intArgs(a.stride, 1, "stride", dims);
	const paddings = intArgs(a.padding, 0, "padding", dims);
	let extra = intArgs(a.output_padding, 0, "output_padding", dims);
	const dilations = intArgs(a.dilation, 1, "dilation", dims);
	checkTransposedLayer(a, strides);
	if (shape.length !== dims + 1 && shape.length !== dims + 2) {
		modelled(
			a.output_size == null,
			`output_size= with a ${dims + 1}-D or ${dims + 2}-D input to ConvTranspose${dims}d`,
		);
		ranks(dims, shape, `conv_transpose${dims}d`);
	}
	const axes = kernel.map((k, i) => [
		shape[shape.length - dims + i],
		k,
		strides[i],
		paddings[i],
	]);
	if (a.output_size != null) {
		modelled(
			Array.isArray(a.output_size) && a.output_size.every(isInt),
			"output_size ints",
		);
		extra = requestedPadding(shape, axes, dilations, a.output_size);
	}
	const out = axes.map((x, i) => transposedLength(...x, extra[i], dilations[i]));
	const channels = shape.at(-dims - 1);
	if (channels !== a.in_channels) {
		// an unbatched input runs as a batch of 1
		const batch = shape.length === dims + 2 ? shape[0] : 1;
		const weight = [a.in_channels, Math.floor(a.out_channels / a.groups), ...kernel];
		refuse(
			"RuntimeError",
			`Given transposed=1, weight of size ${list(weight)}, expected input` +
				`${list([batch, ...shape.slice(-dims - 1)])} to have ${a.in_channels} channels, ` +
				`but got ${channels} channels instead`,
		);
	}
	if (extra.some((pad, i) => pad >= Math.max(strides[i], dilations[i])))
		refuse("RuntimeError", outputPaddingMessage(extra, strides, dilations));
	// PyTorch gives an empty tensor for 0 and, below, an error whose words depend on the backend
	modelled(Math.min(...out) >= 1, `output sizes >= 1, got ${list(out)}`);
	return [...shape.slice(0, -dims - 1), a.out_channels, ...out];
}

// nn.ConvTranspose{dims}d; nn.Sequential never passes the forward's output_size.
export function convTranspose(dims, shape, a) {
	noDevice(a);
	modelled(isBool(a.bias), "bias True or False");
	for (const [name, low] of [
		["padding", 0],
		["output_padding", 0],
		["dilation", 1],
	])
		intArgs(a[name], low, name, dims);
	const kernel = intArgs(a.kernel_size, 1, "kernel_size", dims);
	checkTransposedLayer(a, intArgs(a.stride, 1, "stride", dims));
	if (!shape) return {};
	const weights = a.in_channels * Math.floor(a.out_channels / a.groups) * prod(kernel);
	return {
		shape: convTransposeOutputShape(dims, shape, a),
		params: weights + (a.bias ? a.out_channels : 0),
	};
}

const DEVICE = [
	["device", null],
	["dtype", null],
];
const CONV = [["in_channels"], ["out_channels"], ["kernel_size"], ["stride", 1]];

// Each layer: its rule, whether building it checks its arguments, its
// __init__ parameters in order ([name] required, [name, default]) and the
// arguments of its forward (layers.js reads them).
const ofRanks = (name, layer) =>
	[1, 2, 3].map((dims) => [`${name}${dims}d`, layer(dims)]);

export const LAYERS = Object.fromEntries([
	...ofRanks("Conv", (dims) => ({
		rule: (shape, a) => conv(dims, shape, a),
		built: true,
		params: [
			...CONV,
			["padding", 0],
			["dilation", 1],
			["groups", 1],
			["bias", true],
			["padding_mode", "zeros"],
			...DEVICE,
		],
	})),
	...ofRanks("ConvTranspose", (dims) => ({
		rule: (shape, a) => convTranspose(dims, shape, a),
		built: true,
		params: [
			...CONV,
			["padding", 0],
			["output_padding", 0],
			["groups", 1],
			["bias", true],
			["dilation", 1],
			["padding_mode", "zeros"],
			...DEVICE,
		],
		forward: [["output_size", null]],
	})),
]);

// What each layer of a stack costs, as torchinfo 1.8.0's summary counts it,
// mirroring shapes/cost.py (same names, camelCase; the objects keep Python's
// keys, which are torchinfo's attribute names): multiply-adds, output bytes
// for a dtype, trainable parameters and the totals it prints; with each
// layer's receptive field and jump per spatial axis, and the windows of
// adaptive pooling. A count past 2**53 - 1 is null: numbers hold integers
// exactly only up to there. No DOM.
import { modelled, perAxis, prod } from "./domain.js";
import { layerOutput, withDefaults } from "./layers.js";

// Bytes per element of each dtype the tracer offers.
export const DTYPES = { float32: 4, float16: 2, bfloat16: 2, float64: 8 };
const DTYPE_CHOICE = `a dtype of ${Object.keys(DTYPES).join(", ")}`;
// torchinfo sizes the input with sys.getsizeof of its tensor's storage: the
// data's bytes plus the storage object's own 64 (torch 2.x, 64-bit CPython).
const STORAGE_OBJECT_BYTES = 64;
// Layers with a window sliding over their last 1, 2 or 3 axes.
const WINDOWED =
	/^(Conv|ConvTranspose|MaxPool|AvgPool|AdaptiveAvgPool|AdaptiveMaxPool)([123])d$/;
// torchinfo 1.8.0 prints each unit as its enum member's str() (Python 3.11+).
const UNITS = [
	[1e12, "Units.TERABYTES"],
	[1e9, "Units.GIGABYTES"],
	[0, "Units.MEGABYTES"],
];
// A type's match, looked up once per type: a trace asks for each layer's.
const matches = new Map();
function windowed(type) {
	if (!matches.has(type)) matches.set(type, WINDOWED.exec(type));
	return matches.get(type);
}
const safe = (count) => (Number.isSafeInteger(count) ? count : null);

// How many trailing axes a windowed layer slides over (Conv2d: 2); null for a
// layer without a window.
export function spatialRank(type) {
	const match = windowed(type);
	return match ? Number(match[2]) : null;
}

// torchinfo's count: each weight and bias once per output position of each
// sample for a layer named Conv-something (its channels left out), else once
// per entry of the output's first axis (the batch, or an unbatched input's first).
export function multAdds(type, outputShape, params) {
	const positions = type.includes("Conv")
		? prod([...outputShape.slice(0, 1), ...outputShape.slice(2)])
		: outputShape[0];
	return safe(params * positions);
}

export function outputBytes(outputShape, dtype = "float32") {
	modelled(Object.hasOwn(DTYPES, dtype), DTYPE_CHOICE);
	return safe(prod(outputShape) * DTYPES[dtype]);
}

export const layerCost = (type, outputShape, params, dtype = "float32") => ({
	mult_adds: multAdds(type, outputShape, params),
	output_bytes: outputBytes(outputShape, dtype),
	params,
});

// The input's own field: one position, one apart, on each axis the first
// windowed layer slides over; null without such a layer or where the input
// lacks a channel axis before those axes.
export function startField(inputShape, types) {
	const rank = types.map(spatialRank).find(Boolean) ?? null;
	if (rank === null || inputShape.length <= rank) return null;
	return { size: Array(rank).fill(1), jump: Array(rank).fill(1) };
}

const slide = ({ size, jump }, kernel, stride, dilation) => ({
	size: size.map((r, a) => r + dilation[a] * (kernel[a] - 1) * jump[a]),
	jump: jump.map((j, a) => j * stride[a]),
});

// The field after a layer given its arguments with their defaults: size is how
// many input positions (padding counted) one output reads per axis, jump how far
// apart neighbouring outputs' windows start. null where no single number holds:
// after Linear or a Flatten that changes the shape (they mix whole axes), a
// transposed convolution with a stride above 1 or adaptive pooling whose windows
// differ in size, a layer of another rank, and any other layer that changes the shape.
export function nextField(field, type, args, inputShape, outputShape) {
	if (!field) return null;
	const rank = field.size.length;
	const match = windowed(type);
	if (!match) {
		const keeps =
			inputShape.length === outputShape.length &&
			inputShape.every((n, i) => n === outputShape[i]);
		return keeps && type !== "Linear" && type !== "LazyLinear" ? field : null;
	}
	const family = match[1];
	if (spatialRank(type) !== rank || outputShape.length <= rank) return null;
	const ones = Array(rank).fill(1);
	if (family.startsWith("Adaptive")) {
		const sizes = inputShape.slice(-rank);
		const outs = outputShape.slice(-rank);
		if (sizes.some((n, a) => n % outs[a])) return null;
		const kernel = sizes.map((n, a) => n / outs[a]);
		return slide(field, kernel, kernel, ones);
	}
	const kernel = perAxis(args.kernel_size, rank);
	if (family === "ConvTranspose") {
		if (perAxis(args.stride, rank).some((s) => s !== 1)) return null;
		return slide(field, kernel, ones, perAxis(args.dilation, rank));
	}
	const stride = args.stride === null ? kernel : perAxis(args.stride, rank);
	return slide(field, kernel, stride, perAxis(args.dilation ?? 1, rank));
}

// [start, end) of output `index`'s window when adaptive pooling turns `size`
// positions into `out`: PyTorch's floor(i*size/out) to ceil((i+1)*size/out).
export const poolWindow = (size, out, index) => [
	Math.floor((index * size) / out),
	Math.ceil(((index + 1) * size) / out),
];

// The totals of torchinfo's ModelStatistics, by its attribute names, for a stack
// of fresh layers (every parameter trainable) whose input and parameters are of
// dtype: the forward/backward pass counts the outputs of layers with parameters
// only, twice (for their gradients).
export function summaryTotals(inputShape, costs, dtype = "float32") {
	const params = costs.reduce((sum, cost) => sum + cost.params, 0);
	const macs = costs.map((cost) => cost.mult_adds);
	const outputs = costs.filter((cost) => cost.params > 0).map((c) => c.output_bytes);
	const withNulls = macs.includes(null) || outputs.includes(null);
	const sum = (values) => values.reduce((a, b) => a + b, 0);
	return {
		total_params: params,
		trainable_params: params,
		total_mult_adds: withNulls ? null : safe(sum(macs)),
		total_input: outputBytes(inputShape, dtype) + STORAGE_OBJECT_BYTES,
		total_output_bytes: withNulls ? null : safe(2 * sum(outputs)),
		total_param_bytes: safe(params * DTYPES[dtype]),
	};
}

// Python's f"{x:,.2f}": its tie (a double exactly halfway, such as 0.125) goes
// to the even digit, where toFixed goes up.
function fixed(x, withCommas = false) {
	let text = x.toFixed(2);
	if (Number.isInteger(x * 8) && !Number.isInteger(x * 4)) {
		const down = (Math.floor(x * 100) / 100).toFixed(2);
		if (Number(down.at(-1)) % 2 === 0) text = down;
	}
	if (!withCommas) return text;
	const [whole, decimals] = text.split(".");
	return `${grouped(Number(whole))}.${decimals}`;
}
// Thousands separators, as Python's "," format (toLocaleString is much slower).
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

// The totals' lines as torchinfo's summary prints them.
export function summaryText(totals) {
	const { total_params: params, trainable_params: trainable } = totals;
	const macs = totals.total_mult_adds;
	const [scale, unit] = UNITS.find(([limit]) => macs >= limit);
	const value = macs / (scale || 1e6);
	const sizes = [
		totals.total_input,
		totals.total_output_bytes,
		totals.total_param_bytes,
	];
	const mb = (bytes) => fixed(bytes / 1e6);
	return [
		`Total params: ${grouped(params)}`,
		`Trainable params: ${grouped(trainable)}`,
		`Non-trainable params: ${grouped(params - trainable)}`,
		`Total mult-adds (${unit}): ${Number.isInteger(value) ? grouped(value) : fixed(value, true)}`,
		`Input size (MB): ${mb(sizes[0])}`,
		`Forward/backward pass size (MB): ${mb(sizes[1])}`,
		`Params size (MB): ${mb(sizes[2])}`,
		`Estimated Total Size (MB): ${mb(sizes[0] + sizes[1] + sizes[2])}`,
	];
}

// {rows, totals} for nn.Sequential(...layers) on an input of inputShape: each row
// a layer's cost with its field (size and jump per axis, or null); null where
// PyTorch refuses the stack (or the model does not cover it).
export function stackCost(inputShape, layers, dtype = "float32") {
	if (layers.some((layer) => layerOutput(layer, null).error)) return null;
	let field = startField(
		inputShape,
		layers.map((layer) => layer.type),
	);
	let shape = inputShape;
	const rows = [];
	for (const layer of layers) {
		const answer = layerOutput(layer, shape);
		if (!answer.shape) return null;
		const args = withDefaults(layer.type, layer.args);
		field = nextField(field, layer.type, args, shape, answer.shape);
		rows.push({ ...layerCost(layer.type, answer.shape, answer.params, dtype), field });
		shape = answer.shape;
	}
	return { rows, totals: summaryTotals(inputShape, rows, dtype) };
}

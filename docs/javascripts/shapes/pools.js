// The output shapes of pooling layers, any rank: MaxPool1d/2d/3d,
// AvgPool1d/2d/3d and the adaptive ones, mirroring shapes/pools.py (same
// checks, order and messages). One rule per kind, parametrized by dims; each
// rank keeps PyTorch's own words. No DOM; the rules throw Refusal or Outside.
import { intArgs, isBool, isInt, list, modelled, refuse } from "./domain.js";
import { poolAxis, poolWindowCount } from "./window.js";

const AXES = { 1: ["W"], 2: ["H", "W"], 3: ["T", "H", "W"] };
const ONE_D = ["avg_pool1d", "adaptive_avg_pool1d", "adaptive_max_pool1d"];

// The input-rank check of the ATen function named fn.
function ranks(ndim, dims, fn) {
	if (ndim === dims + 1 || ndim === dims + 2) return;
	if (ONE_D.includes(fn))
		refuse(
			"RuntimeError",
			`Expected 2 to 3 dimensions, but got ${ndim}-dimensional tensor for argument #1 ` +
				`'self' (while checking arguments for ${fn})`,
		);
	refuse(
		"RuntimeError",
		`non-empty ${dims + 1}D or ${dims + 2}D (batch mode) tensor expected for input`,
	);
}

// ATen's max_pool1d, a kernel of its own with messages of its own.
function maxPool1d(shape, kernel, stride, padding, dilation, ceilMode) {
	if (shape.length !== 2 && shape.length !== 3)
		refuse(
			"RuntimeError",
			"max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size " +
				`for input, but got:${list(shape)}`,
		);
	if (stride === 0)
		refuse("RuntimeError", "max_pool1d() stride must be greater than zero, but got 0");
	if (padding > Math.floor(kernel / 2))
		refuse(
			"RuntimeError",
			"max_pool1d() padding should be at most half of kernel size, but got " +
				`padding=${padding} and kernel_size=${kernel}`,
		);
	const out = poolWindowCount(
		shape.at(-1),
		kernel,
		stride,
		padding,
		dilation,
		ceilMode,
	);
	if (out < 1)
		refuse("RuntimeError", `max_pool1d() Invalid computed output size: ${out}`);
	return [...shape.slice(0, -1), out];
}

// pool2d_shape_check / pool3d_shape_check, after the per-axis sizes.
function shapeChecks(shape, dims, kernel, padding, out, average) {
	if (dims === 2 && shape.length !== 3 && shape.length !== 4)
		refuse(
			"RuntimeError",
			"Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, " +
				`but got:${list(shape)}`,
		);
	const sizes = shape.slice(-dims);
	const names = AXES[dims];
	if (dims === 3 && average && sizes.some((s, i) => s < kernel[i]))
		refuse(
			"RuntimeError",
			`input image (${names.map((n, i) => `${n}: ${sizes[i]}`).join(" ")}) smaller than ` +
				`kernel size (${names.map((n, i) => `k${n}: ${kernel[i]}`).join(" ")})`,
		);
	if (padding.some((p, i) => p > Math.floor(kernel[i] / 2))) {
		const [k, p] = [kernel, padding];
		refuse(
			"RuntimeError",
			"pad should be smaller than or equal to half of kernel size, but got " +
				(dims === 2
					? `padW = ${p[1]}, padH = ${p[0]}, kW = ${k[1]}, kH = ${k[0]}`
					: `kT: ${k[0]} kW: ${k[2]} kH: ${k[1]} padT: ${p[0]} padW: ${p[2]} padH: ${p[1]}`),
		);
	}
	if (Math.min(...out) < 1) {
		const planes = shape.at(-dims - 1);
		refuse(
			"RuntimeError",
			`Given input size: (${[planes, ...sizes].join("x")}). Calculated output size: ` +
				`(${[planes, ...out].join("x")}). Output size is too small`,
		);
	}
}

// The shape of nn.MaxPool{dims}d(**a)(x) (average: nn.AvgPool{dims}d, dilation 1).
export function poolOutputShape(shape, a, average, dims = 2) {
	const kernel = intArgs(a.kernel_size, 1, "kernel_size", dims);
	const paddings = intArgs(a.padding ?? 0, 0, "padding", dims);
	const strides = a.stride == null ? kernel : intArgs(a.stride, 0, "stride", dims);
	const dilations = intArgs(a.dilation ?? 1, 1, "dilation", dims);
	const ceilMode = a.ceil_mode ?? false;
	modelled(isBool(ceilMode), "ceil_mode True or False");
	const ndim = shape.length;
	if (average && dims === 1) {
		// AvgPool1d runs AvgPool2d on a height of 1
		ranks(ndim, 1, "avg_pool1d");
		const out = poolOutputShape(
			[...shape.slice(0, -1), 1, shape.at(-1)],
			{
				kernel_size: [1, ...kernel],
				stride: [1, ...strides],
				padding: [0, ...paddings],
				ceil_mode: ceilMode,
			},
			true,
		);
		return [...out.slice(0, -2), out.at(-1)];
	}
	if (dims === 1)
		return maxPool1d(shape, kernel[0], strides[0], paddings[0], dilations[0], ceilMode);
	if (average) {
		const divisor = a.divisor_override ?? null;
		modelled(divisor === null || isInt(divisor), "divisor_override an int or None");
		if (dims === 3) ranks(ndim, 3, "avg_pool3d");
		if (divisor === 0) refuse("RuntimeError", "divisor must be not zero");
		if (dims === 2 && ndim < 3) {
			// AvgPool2d reads the channels as input.size(-3)
			refuse(
				"IndexError",
				`Dimension out of range (expected to be in range of [${-ndim}, ${ndim - 1}], but got -3)`,
			);
		}
	} else {
		ranks(ndim, dims, `max_pool${dims}d`);
	}
	const out = kernel.map((k, i) =>
		poolAxis(
			shape[ndim - dims + i],
			k,
			strides[i],
			paddings[i],
			dilations[i],
			ceilMode,
		),
	);
	shapeChecks(shape, dims, kernel, paddings, out, average);
	return [...shape.slice(0, -dims), ...out];
}

// The shape of nn.AdaptiveAvgPool{dims}d(outputSize)(x) (maximum:
// nn.AdaptiveMaxPool{dims}d); null keeps that axis's input size (2-D and 3-D).
export function adaptivePoolOutputShape(shape, outputSize, dims = 2, maximum = false) {
	const ndim = shape.length;
	const fn = `adaptive_${maximum ? "max" : "avg"}_pool${dims}d`;
	let sizes = outputSize;
	if (dims === 1) {
		const many = Array.isArray(sizes);
		modelled(
			many ? sizes.every(Number.isInteger) : Number.isInteger(sizes),
			"output_size ints for a 1-D adaptive pooling",
		);
		ranks(ndim, 1, fn);
		sizes = intArgs(sizes, 1, "output_size", many ? sizes.length : 1);
		if (sizes.length !== 1)
			refuse(
				"RuntimeError",
				`${fn}() argument 'output_size' should contain one int (got ${sizes.length})`,
			);
		return [...shape.slice(0, -1), ...sizes];
	}
	if (Array.isArray(sizes)) {
		if (ndim <= sizes.length)
			refuse("ValueError", `Input dimension should be at least ${sizes.length + 1}`);
		const tail = shape.slice(ndim - sizes.length);
		sizes = sizes.map((want, i) => (want === null ? tail[i] : want));
		sizes = intArgs(sizes, 1, "output_size", sizes.length);
	} else {
		sizes = intArgs(sizes, 1, "output_size", dims);
	}
	const expected = `${dims + 1}D or ${dims + 2}D tensor, but got${maximum ? ":" : ""} ${list(shape)}`;
	const wrongRank = ndim !== dims + 1 && ndim !== dims + 2;
	if (maximum) {
		if (wrongRank) refuse("RuntimeError", `${fn}(): Expected ${expected}`);
		if (sizes.length !== dims)
			refuse(
				"RuntimeError",
				`${fn}(): internal error: output_size.size() must be ${dims}`,
			);
		return [...shape.slice(0, -dims), ...sizes];
	}
	if (sizes.length !== dims)
		refuse("RuntimeError", `${fn}: output_size must be ${dims}`);
	if (sizes.every((size) => size === 1)) {
		// the mean over the last axes
		if (ndim < dims)
			refuse(
				"IndexError",
				`Dimension out of range (expected to be in range of [${-ndim}, ${ndim - 1}], ` +
					`but got ${-ndim - 1})`,
			);
		return [...shape.slice(0, -dims), ...sizes];
	}
	if (wrongRank) refuse("RuntimeError", `${fn}(): Expected ${expected}`);
	return [...shape.slice(0, -dims), ...sizes];
}

const indices = (a) => {
	modelled(
		a.return_indices !== true,
		"return_indices=False (True gives the next layer a tuple)",
	);
	modelled(isBool(a.return_indices ?? false), "return_indices True or False");
};

export function maxPool(dims, shape, a) {
	indices(a);
	return { shape: poolOutputShape(shape, a, false, dims), params: 0 };
}

export function avgPool(dims, shape, a) {
	modelled(isBool(a.count_include_pad), "count_include_pad True or False");
	return { shape: poolOutputShape(shape, a, true, dims), params: 0 };
}

export function adaptivePool(dims, maximum, shape, a) {
	indices(a);
	return {
		shape: adaptivePoolOutputShape(shape, a.output_size, dims, maximum),
		params: 0,
	};
}

const WINDOW = [["kernel_size"], ["stride", null], ["padding", 0]];
const AVG = [...WINDOW, ["ceil_mode", false], ["count_include_pad", true]];

// Each layer: its rule, its __init__ parameters in order and the class whose
// __init__ runs where that is a parent's (layers.js reads them).
const ofRanks = (name, layer) =>
	[1, 2, 3].map((dims) => [`${name}${dims}d`, layer(dims)]);

export const LAYERS = Object.fromEntries([
	...ofRanks("MaxPool", (dims) => ({
		rule: (shape, a) => maxPool(dims, shape, a),
		init: "_MaxPoolNd",
		params: [
			...WINDOW,
			["dilation", 1],
			["return_indices", false],
			["ceil_mode", false],
		],
	})),
	...ofRanks("AvgPool", (dims) => ({
		rule: (shape, a) => avgPool(dims, shape, a),
		// AvgPool1d takes no divisor_override
		params: dims === 1 ? AVG : [...AVG, ["divisor_override", null]],
	})),
	...ofRanks("AdaptiveAvgPool", (dims) => ({
		rule: (shape, a) => adaptivePool(dims, false, shape, a),
		init: "_AdaptiveAvgPoolNd",
		params: [["output_size"]],
	})),
	...ofRanks("AdaptiveMaxPool", (dims) => ({
		rule: (shape, a) => adaptivePool(dims, true, shape, a),
		init: "_AdaptiveMaxPoolNd",
		params: [["output_size"], ["return_indices", false]],
	})),
]);

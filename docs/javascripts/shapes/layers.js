// What each layer of an nn.Sequential stack does to a shape, mirroring
// shapes/layers.py (same checks, order and messages; Conv2d's rules
// are conv.js's, pooling's and transposed convolution's window.js's).
// No DOM.
//
// layerOutput({type: "Conv2d", args: {...torch's keyword names...}}, inputShape)
// gives {shape, params}, {error: {type, message}} where PyTorch raises (its
// exception type and message, in the newest release's words, rewordings.js;
// the module's __init__ first, then its forward in training mode), or {outside: "modelled: ..."} for settings the model does not
// claim to know (sizes < 1, floats where PyTorch wants ints, numbers past
// 2**31 - 1, a 2-D or 5-D input to a Conv2d with a padding_mode other than
// "zeros"). Without an input shape (null) only building the layer is checked.
// Pairs are arrays; a Python float is a number that is not an integer or
// {float: x} (2.0 prints as "2.0"); None is null.
import { checkConvLayer, explore } from "./conv.js";
import {
	BIG,
	intArgs,
	isBool,
	isInt,
	list,
	modelled,
	numberOf,
	Outside,
	prod,
	pyNumber,
	Refusal,
	refuse,
} from "./domain.js";
import {
	adaptivePool2dOutputShape,
	checkTransposedLayer,
	convTranspose2dOutputShape,
	pool2dOutputShape,
} from "./window.js";

const noDevice = (a) =>
	modelled(a.device === null && a.dtype === null, "device and dtype None");

export function conv2d(shape, a) {
	noDevice(a);
	intArgs([a.in_channels, a.out_channels], 1, "in_channels and out_channels");
	const c = {
		...a,
		kernel_size: intArgs(a.kernel_size, 1, "kernel_size"),
		stride: intArgs(a.stride, 0, "stride"),
		dilation: intArgs(a.dilation, 1, "dilation"),
	};
	if (typeof a.padding !== "string") c.padding = intArgs(a.padding, 0, "padding");
	modelled(isInt(a.groups), "groups an int");
	modelled(isBool(a.bias), "bias True or False");
	modelled(typeof a.padding_mode === "string", "padding_mode a string");
	const error = checkConvLayer(c);
	if (error) refuse(error.error.type, error.error.message);
	if (!shape) return {};
	if (shape.length !== 3 && shape.length !== 4) {
		// F.pad refuses first, in words of its own
		modelled(
			a.padding_mode === "zeros",
			"a 3-D or 4-D input where Conv2d's padding_mode is not 'zeros'",
		);
		refuse(
			"RuntimeError",
			`Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: ${list(shape)}`,
		);
	}
	const result = explore({ ...c, input: shape });
	if (result.error) refuse(result.error.type, result.error.message);
	return { shape: result.shape, params: result.params };
}

// PyTorch's maybe_wrap_dim: a dimension index, negative from the end.
function dim(d, ndim) {
	modelled(isInt(d), "dims as ints");
	const n = Math.max(ndim, 1);
	if (d < -n || d > n - 1)
		refuse(
			"IndexError",
			`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${d})`,
		);
	return ((d % n) + n) % n;
}

export function flatten(shape, a) {
	const start = dim(a.start_dim, shape.length);
	const end = dim(a.end_dim, shape.length);
	if (start > end)
		refuse(
			"RuntimeError",
			"flatten() has invalid args: start_dim cannot come after end_dim",
		);
	return {
		shape: [
			...shape.slice(0, start),
			prod(shape.slice(start, end + 1)),
			...shape.slice(end + 1),
		],
		params: 0,
	};
}

export function linear(shape, inFeatures, a) {
	noDevice(a);
	intArgs([inFeatures, a.out_features], 1, "in_features and out_features");
	modelled(isBool(a.bias), "bias True or False");
	const last = shape[shape.length - 1];
	if (last !== inFeatures) {
		const product = a.bias ? "addmm" : "mm"; // bias + input @ weight.T, or not
		refuse(
			"RuntimeError",
			`${product}: mat1 and mat2 shapes cannot be multiplied (${prod(shape.slice(0, -1))}x${last} ` +
				`and ${inFeatures}x${a.out_features})`,
		);
	}
	return {
		shape: [...shape.slice(0, -1), a.out_features],
		params: (inFeatures + (a.bias ? 1 : 0)) * a.out_features,
	};
}

export function batchNorm2d(shape, a) {
	noDevice(a);
	intArgs(a.num_features, 1, "num_features", 1);
	for (const name of ["affine", "track_running_stats", "bias"])
		modelled(isBool(a[name]), `${name} True or False`);
	modelled(a.bias, "bias=True");
	if (shape.length !== 4)
		refuse("ValueError", `expected 4D input (got ${shape.length}D input)`);
	if (shape[0] * shape[2] * shape[3] === 1) {
		// training mode needs a spread
		refuse(
			"ValueError",
			`Expected more than 1 value per channel when training, got input size torch.Size(${list(shape)})`,
		);
	}
	if (shape[1] !== a.num_features && (a.track_running_stats || a.affine)) {
		refuse(
			"RuntimeError",
			`${a.track_running_stats ? "running_mean" : "weight"} should contain ` +
				`${shape[1]} elements not ${a.num_features}`,
		);
	}
	return { shape, params: a.affine ? 2 * a.num_features : 0 };
}

export function dropout(shape, a) {
	const p = numberOf(a.p);
	modelled(typeof p === "number" && Math.abs(p) <= BIG, "p a number");
	if (p < 0 || p > 1)
		refuse(
			"ValueError",
			`dropout probability has to be between 0 and 1, but got ${pyNumber(a.p)}`,
		);
	return shape ? { shape, params: 0 } : {};
}

export function gelu(shape, a) {
	if (a.approximate !== "none" && a.approximate !== "tanh") {
		refuse("RuntimeError", "approximate argument must be either none or tanh.");
	}
	return { shape, params: 0 };
}

// nn.Sequential never passes the forward's output_size.
export function convTranspose2d(shape, a) {
	noDevice(a);
	const kernel = intArgs(a.kernel_size, 1, "kernel_size");
	for (const [name, low] of [
		["padding", 0],
		["output_padding", 0],
		["dilation", 1],
	])
		intArgs(a[name], low, name);
	modelled(isBool(a.bias), "bias True or False");
	checkTransposedLayer(a, intArgs(a.stride, 1, "stride"));
	if (!shape) return {};
	const weights =
		a.in_channels * Math.floor(a.out_channels / a.groups) * kernel[0] * kernel[1];
	return {
		shape: convTranspose2dOutputShape(shape, a),
		params: weights + (a.bias ? a.out_channels : 0),
	};
}

export function maxPool2d(shape, a) {
	modelled(
		a.return_indices !== true,
		"return_indices=False (True gives the next layer a tuple)",
	);
	modelled(isBool(a.return_indices), "return_indices True or False");
	return { shape: pool2dOutputShape(shape, a, false), params: 0 };
}

export function avgPool2d(shape, a) {
	modelled(isBool(a.count_include_pad), "count_include_pad True or False");
	return { shape: pool2dOutputShape(shape, a, true), params: 0 };
}

export const adaptiveAvgPool2d = (shape, a) => ({
	shape: adaptivePool2dOutputShape(shape, a.output_size),
	params: 0,
});
export const lazyLinear = (shape, a) => linear(shape, shape[shape.length - 1], a);
export const sameShape = (shape) => ({ shape, params: 0 }); // an activation or Identity
const DEVICE = [
	["device", null],
	["dtype", null],
];
const KEEP = (name, value) => [
	[name, value],
	["inplace", false],
];

// Each layer: its rule, its __init__ parameters in order ([name] required,
// [name, default]; "*" takes any arguments), keyword-only ones, arguments of its
// forward, whether building it checks anything (the others check only their
// input), and the class whose __init__ it runs where that is a parent's.
export const LAYERS = {
	Conv2d: {
		rule: conv2d,
		built: true,
		params: [
			["in_channels"],
			["out_channels"],
			["kernel_size"],
			["stride", 1],
			["padding", 0],
			["dilation", 1],
			["groups", 1],
			["bias", true],
			["padding_mode", "zeros"],
			...DEVICE,
		],
	},
	ConvTranspose2d: {
		rule: convTranspose2d,
		built: true,
		params: [
			["in_channels"],
			["out_channels"],
			["kernel_size"],
			["stride", 1],
			["padding", 0],
			["output_padding", 0],
			["groups", 1],
			["bias", true],
			["dilation", 1],
			["padding_mode", "zeros"],
			...DEVICE,
		],
		forward: [["output_size", null]],
	},
	MaxPool2d: {
		rule: maxPool2d,
		init: "_MaxPoolNd",
		params: [
			["kernel_size"],
			["stride", null],
			["padding", 0],
			["dilation", 1],
			["return_indices", false],
			["ceil_mode", false],
		],
	},
	AvgPool2d: {
		rule: avgPool2d,
		params: [
			["kernel_size"],
			["stride", null],
			["padding", 0],
			["ceil_mode", false],
			["count_include_pad", true],
			["divisor_override", null],
		],
	},
	AdaptiveAvgPool2d: {
		rule: adaptiveAvgPool2d,
		init: "_AdaptiveAvgPoolNd",
		params: [["output_size"]],
	},
	Flatten: {
		rule: flatten,
		params: [
			["start_dim", 1],
			["end_dim", -1],
		],
	},
	Linear: {
		rule: (shape, a) => linear(shape, a.in_features, a),
		params: [["in_features"], ["out_features"], ["bias", true], ...DEVICE],
	},
	LazyLinear: {
		rule: lazyLinear,
		params: [["out_features"], ["bias", true], ...DEVICE],
	},
	BatchNorm2d: {
		rule: batchNorm2d,
		init: "_BatchNorm",
		params: [
			["num_features"],
			["eps", { float: 1e-5 }],
			["momentum", { float: 0.1 }],
			["affine", true],
			["track_running_stats", true],
			...DEVICE,
		],
		keywordOnly: [["bias", true]],
	},
	Dropout: {
		rule: dropout,
		built: true,
		init: "_DropoutNd",
		params: [
			["p", { float: 0.5 }],
			["inplace", false],
		],
	},
	GELU: { rule: gelu, params: [["approximate", "none"]] },
	ReLU: { rule: sameShape, params: [["inplace", false]] },
	ReLU6: { rule: sameShape, params: [["inplace", false]] },
	LeakyReLU: { rule: sameShape, params: KEEP("negative_slope", { float: 0.01 }) },
	ELU: { rule: sameShape, params: KEEP("alpha", { float: 1 }) },
	SiLU: { rule: sameShape, params: [["inplace", false]] },
	Sigmoid: { rule: sameShape, params: [] }, // nn.Module's __init__, named after the layer
	Tanh: { rule: sameShape, params: [] },
	Hardswish: { rule: sameShape, params: [["inplace", false]] },
	Mish: { rule: sameShape, params: [["inplace", false]] },
	Identity: { rule: sameShape, params: "*" },
};

// The arguments with the defaults filled in.
export function withDefaults(type, args) {
	const { params, keywordOnly = [], forward = [] } = LAYERS[type];
	if (params === "*") return args;
	return Object.fromEntries(
		[...params, ...keywordOnly, ...forward]
			.filter((p) => p.length > 1 || p[0] in args)
			.map(([name, value]) => [name, name in args ? args[name] : value]),
	);
}

// What nn.<type>(**args) does to an input of inputShape (null: building it only).
export function layerOutput(layer, inputShape) {
	try {
		modelled(
			Object.hasOwn(LAYERS, layer.type),
			`a layer of ${Object.keys(LAYERS).join(", ")}`,
		);
		const { rule, built } = LAYERS[layer.type];
		if (!inputShape && !built) return {};
		const result = rule(
			inputShape && [...inputShape],
			withDefaults(layer.type, layer.args),
		);
		modelled(
			!result.shape || [...result.shape, result.params].every(Number.isSafeInteger),
			"shapes and parameter counts below 2**53",
		);
		return result;
	} catch (thrown) {
		if (thrown instanceof Refusal)
			return { error: { type: thrown.type, message: thrown.message } };
		if (thrown instanceof Outside) return { outside: thrown.message };
		throw thrown;
	}
}

// The layers of a stack that act on features whatever the rank: Flatten,
// Linear, LazyLinear, BatchNorm1d/2d/3d, Dropout, GELU, the activations and
// Identity, mirroring shapes/features.py (same checks, order and messages).
// No DOM; the rules throw Refusal or Outside (domain.js).
import {
	BIG,
	intArgs,
	isBool,
	isInt,
	list,
	modelled,
	noDevice,
	numberOf,
	prod,
	pyNumber,
	refuse,
} from "./domain.js";

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

// nn.BatchNorm{dims}d in training mode; BatchNorm1d takes (N, C) and (N, C, L).
export function batchNorm(dims, shape, a) {
	noDevice(a);
	intArgs(a.num_features, 1, "num_features", 1);
	for (const name of ["affine", "track_running_stats", "bias"])
		modelled(isBool(a[name]), `${name} True or False`);
	modelled(a.bias, "bias=True");
	const ranks = dims === 1 ? [2, 3] : [dims + 2];
	if (!ranks.includes(shape.length)) {
		const expected = ranks.map((rank) => `${rank}D`).join(" or ");
		refuse("ValueError", `expected ${expected} input (got ${shape.length}D input)`);
	}
	if (prod(shape) / shape[1] === 1) {
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
const BATCH_NORM = (dims) => ({
	rule: (shape, a) => batchNorm(dims, shape, a),
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
});

// Each layer: its rule, its __init__ parameters in order ([name] required,
// [name, default]; "*" takes any arguments), keyword-only ones, whether building
// it checks anything (the others check only their input), and the class whose
// __init__ it runs where that is a parent's (layers.js reads them).
export const LAYERS = {
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
	BatchNorm1d: BATCH_NORM(1),
	BatchNorm2d: BATCH_NORM(2),
	BatchNorm3d: BATCH_NORM(3),
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

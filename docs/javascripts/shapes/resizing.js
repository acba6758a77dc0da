// The layers that resize feature maps without weights: Upsample, PixelShuffle,
// PixelUnshuffle and Unfold (im2col), mirroring shapes/resizing.py (same
// checks, order and messages). No DOM; the rules throw Refusal or Outside.
import {
	BIG,
	intArgs,
	isBool,
	isInt,
	list,
	modelled,
	numberOf,
	pyTuple,
	refuse,
} from "./domain.js";

// The input ranks of each mode (nearest and nearest-exact take any of 3 to 5).
const MODE_RANKS = {
	nearest: [3, 4, 5],
	"nearest-exact": [3, 4, 5],
	linear: [3],
	bilinear: [4],
	bicubic: [4],
	trilinear: [5],
};
const MODES =
	"nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact";

// What nn.Upsample keeps: floats ({float: x}), and null for a zero.
function scales(factor) {
	const ok = (s) =>
		typeof numberOf(s) === "number" && numberOf(s) >= 0 && numberOf(s) <= BIG;
	const what = "scale factors from 0 to 2**31 - 1";
	if (Array.isArray(factor)) {
		modelled(factor.every(ok), what);
		return factor.map((s) => ({ float: numberOf(s) }));
	}
	modelled(factor === null || ok(factor), what);
	return factor !== null && numberOf(factor) !== 0 ? numberOf(factor) : null;
}

// ATen's upsampling check: every size, in and out, above 0.
function checkSizes(spatial, out) {
	if (Math.min(...out) > 0) return;
	const names = ["D", "H", "W"].slice(3 - out.length);
	const [input, output] = [spatial, out].map((sizes) =>
		sizes.map((size, i) => `${names[i]}: ${size}`).join(", "),
	);
	refuse(
		"RuntimeError",
		`Input and output sizes should be greater than 0, but got input (${input})` +
			`${out.length === 1 ? " and" : ""} output (${output})`,
	);
}

// nn.Upsample: F.interpolate's checks in its order, then ATen's; an output size
// is the input's times the scale, rounded down.
export function upsample(shape, a) {
	const factors = scales(a.scale_factor);
	const mode = a.mode;
	modelled(
		typeof mode === "string" && mode !== "area" && mode !== "lanczos",
		"a mode other than 'area' and 'lanczos'",
	);
	for (const name of ["align_corners", "recompute_scale_factor"])
		modelled(a[name] === null || isBool(a[name]), `${name} True, False or None`);
	if ((mode === "nearest-exact" || mode === "nearest") && a.align_corners !== null)
		refuse(
			"ValueError",
			"align_corners option can only be set with the interpolating modes: " +
				"linear | bilinear | bicubic | trilinear",
		);
	const dims = shape.length - 2;
	const spatial = list(shape.slice(2));
	const please = "Please provide input tensor in (N, C, d1, d2, ...,dK) format and";
	if (a.size !== null && factors !== null)
		refuse("ValueError", "only one of size or scale_factor should be defined");
	let out;
	if (a.size !== null) {
		if (Array.isArray(a.size) && a.size.length !== dims)
			refuse(
				"ValueError",
				"Input and output must have the same number of spatial dimensions, but got input " +
					`with spatial dimensions of ${spatial} and output size of ${pyTuple(a.size)}. ` +
					`${please} output size in (o1, o2, ...,oK) format.`,
			);
		out = intArgs(a.size, 0, "size", Math.max(dims, 0));
	} else if (factors !== null) {
		if (Array.isArray(factors) && factors.length !== dims)
			refuse(
				"ValueError",
				"Input and scale_factor must have the same number of spatial dimensions, but got " +
					`input with spatial dimensions of ${spatial} and scale_factor of shape ` +
					`${pyTuple(factors)}. ${please} scale_factor in (s1, s2, ...,sK) format.`,
			);
		const each = Array.isArray(factors) ? factors.map(numberOf) : [];
		out = shape
			.slice(2)
			.map((n, i) => Math.trunc(n * (Array.isArray(factors) ? each[i] : factors)));
	} else {
		refuse("ValueError", "either size or scale_factor should be defined");
	}
	if (a.recompute_scale_factor && a.size !== null)
		refuse(
			"ValueError",
			"recompute_scale_factor is not meaningful with an explicit size.",
		);
	const ndim = shape.length;
	if ((MODE_RANKS[mode] ?? []).includes(ndim)) {
		checkSizes(shape.slice(2), out);
		return { shape: [...shape.slice(0, 2), ...out], params: 0 };
	}
	if (ndim >= 3 && ndim <= 5 && ["linear", "bilinear", "trilinear"].includes(mode))
		refuse(
			"NotImplementedError",
			`Got ${ndim}D input, but ${mode} mode needs ${MODE_RANKS[mode][0]}D input`,
		);
	refuse(
		"NotImplementedError",
		`Input Error: Only 3D, 4D and 5D input Tensors supported (got ${ndim}D) for the ` +
			`modes: ${MODES} (got ${mode})`,
	);
}

function checkFactor(shape, factor, fn, name) {
	modelled(isInt(factor), `${name} an int`);
	if (shape.length < 3)
		refuse(
			"RuntimeError",
			`${fn} expects input to have at least 3 dimensions, but got input with ` +
				`${shape.length} dimension(s)`,
		);
	if (factor <= 0)
		refuse("RuntimeError", `${fn} expects a positive ${name}, but got ${factor}`);
}

// (*, C r^2, H, W) -> (*, C, H r, W r).
export function pixelShuffle(shape, a) {
	const r = a.upscale_factor;
	checkFactor(shape, r, "pixel_shuffle", "upscale_factor");
	const [c, h, w] = shape.slice(-3);
	if (c % (r * r))
		refuse(
			"RuntimeError",
			"pixel_shuffle expects its input's 'channel' dimension to be divisible by the square " +
				`of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r}`,
		);
	return { shape: [...shape.slice(0, -3), c / (r * r), h * r, w * r], params: 0 };
}

// (*, C, H r, W r) -> (*, C r^2, H, W).
export function pixelUnshuffle(shape, a) {
	const r = a.downscale_factor;
	checkFactor(shape, r, "pixel_unshuffle", "downscale_factor");
	for (const [axis, name] of [
		[-2, "height"],
		[-1, "width"],
	]) {
		if (shape.at(axis) % r)
			refuse(
				"RuntimeError",
				`pixel_unshuffle expects ${name} to be divisible by downscale_factor, but ` +
					`input.size(${axis})=${shape.at(axis)} is not divisible by ${r}`,
			);
	}
	const [c, h, w] = shape.slice(-3);
	return { shape: [...shape.slice(0, -3), c * r * r, h / r, w / r], params: 0 };
}

// nn.Unfold (im2col): (N, C, H, W) -> (N, C k_h k_w, L), L the number of
// windows; ATen's im2col checks in its order.
export function unfold(shape, a) {
	const kernel = intArgs(a.kernel_size, 0, "kernel_size");
	const dilation = intArgs(a.dilation, 0, "dilation");
	const padding = intArgs(a.padding, 0, "padding");
	const stride = intArgs(a.stride, 0, "stride");
	for (const [values, what, name] of [
		[kernel, "kernel size", "kernel"],
		[dilation, "dilation", "dilation"],
		[stride, "stride", "stride"],
	]) {
		if (Math.min(...values) < 1)
			refuse(
				"RuntimeError",
				`${what} should be greater than zero, but got ${name}_height: ${values[0]} ` +
					`${name}_width: ${values[1]}`,
			);
	}
	const ndim = shape.length;
	if (ndim < 3)
		// ATen reads size(1) and size(2) first
		refuse(
			"IndexError",
			`Dimension out of range (expected to be in range of [${-ndim}, ${ndim - 1}], but got ${ndim})`,
		);
	if (ndim > 4)
		refuse(
			"RuntimeError",
			"Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero " +
				`dimensions for input, but got: ${list(shape)}`,
		);
	const sizes = shape.slice(-2);
	const out = sizes.map(
		(size, i) =>
			Math.floor(
				(size + 2 * padding[i] - (dilation[i] * (kernel[i] - 1) + 1)) / stride[i],
			) + 1,
	);
	if (Math.min(...out) < 1)
		refuse(
			"RuntimeError",
			`Given input with spatial size ${pyTuple(sizes)}, kernel_size=${pyTuple(kernel)}, ` +
				`dilation=${pyTuple(dilation)}, padding=${pyTuple(padding)}, calculated shape of ` +
				`the array of sliding blocks as ${pyTuple(out)}, but its components must be at least one.`,
		);
	return {
		shape: [
			...shape.slice(0, -3),
			shape.at(-3) * kernel[0] * kernel[1],
			out[0] * out[1],
		],
		params: 0,
	};
}

// Each layer: its rule and its __init__ parameters in order (layers.js reads them).
export const LAYERS = {
	Upsample: {
		rule: upsample,
		params: [
			["size", null],
			["scale_factor", null],
			["mode", "nearest"],
			["align_corners", null],
			["recompute_scale_factor", null],
		],
	},
	PixelShuffle: { rule: pixelShuffle, params: [["upscale_factor"]] },
	PixelUnshuffle: { rule: pixelUnshuffle, params: [["downscale_factor"]] },
	Unfold: {
		rule: unfold,
		params: [["kernel_size"], ["dilation", 1], ["padding", 0], ["stride", 1]],
	},
};

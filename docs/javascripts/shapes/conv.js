// The output-shape rules of torch.nn.Conv2d, mirroring shapes/conv.py
// (same checks, order and messages), with no DOM. explore(config) returns
// {shape, weight, params, axes}, or {error: {type, message}, fields} where PyTorch
// raises; fields names the arguments at fault ("groups", "kernel_size.0", "input.1").
// c.input: (N, C, H, W) or one image (C, H, W), or Conv1d's or Conv3d's.

export const PADDING_MODES = ["zeros", "reflect", "replicate", "circular"];

const list = (values) => `[${values.join(", ")}]`;
const fail = (type, message, ...fields) => ({ error: { type, message }, fields });
const axesWhere = (name, values, test) =>
	values.map((v, a) => test(v, a) && `${name}.${a}`).filter(Boolean);
const padded = (x) => x.size + x.before + x.after;
const big = (x) => x.span > padded(x);
const paddingOf = (c, a) => (Array.isArray(c.padding) ? `padding.${a}` : "padding");

// (before, after) padding of "same" on one axis: an even kernel pads more after.
export function samePadding(kernel, dilation = 1) {
	const total = dilation * (kernel - 1);
	const before = Math.floor(total / 2);
	return [before, total - before];
}

// The checks nn.Conv2d makes when the layer is built, in its order (PyTorch
// prints its sets of names in an order that varies from run to run).
export function checkConvLayer(c) {
	if (c.groups <= 0)
		return fail("ValueError", "groups must be a positive integer", "groups");
	if (c.in_channels % c.groups)
		return fail(
			"ValueError",
			"in_channels must be divisible by groups",
			"in_channels",
			"groups",
		);
	if (c.out_channels % c.groups)
		return fail(
			"ValueError",
			"out_channels must be divisible by groups",
			"out_channels",
			"groups",
		);
	if (typeof c.padding === "string" && c.padding !== "same" && c.padding !== "valid")
		return fail(
			"ValueError",
			`Invalid padding string '${c.padding}', should be one of {'same', 'valid'}`,
			"padding",
		);
	if (c.padding === "same" && c.stride.some((s) => s !== 1))
		return fail(
			"ValueError",
			"padding='same' is not supported for strided convolutions",
			"padding",
			...axesWhere("stride", c.stride, (s) => s !== 1),
		);
	if (!PADDING_MODES.includes(c.padding_mode))
		return fail(
			"ValueError",
			"padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, " +
				`but got padding_mode='${c.padding_mode}'`,
			"padding_mode",
		);
}

// One spatial axis with its padding before and after.
function axisOf(c, a) {
	const kernel = c.kernel_size[a];
	const dilation = c.dilation[a];
	const same = c.padding === "same" && samePadding(kernel, dilation);
	const pad = c.padding === "valid" ? 0 : c.padding[a];
	return {
		size: c.input[c.input.length - c.kernel_size.length + a],
		kernel,
		stride: c.stride[a],
		dilation,
		before: same ? same[0] : pad,
		after: same ? same[1] : pad,
		span: dilation * (kernel - 1) + 1,
	};
}

// F.pad's checks (on the input as given) for a non-zeros padding_mode.
function checkPad(c, axes) {
	const dims = axes.length;
	if (c.padding_mode === "reflect") {
		for (let a = dims - 1; a >= 0; a--) {
			// the last axis (#4) first
			const { before, after, size } = axes[a];
			if (before >= size || after >= size)
				return fail(
					"RuntimeError",
					`Argument #${2 * (dims - a) + 2}: Padding size should be less ` +
						"than the corresponding input dimension, but got: padding " +
						`(${before}, ${after}) at dimension ${c.input.length - dims + a} of input ${list(c.input)}`,
					"padding_mode",
					paddingOf(c, a),
				);
		}
	} else if (
		c.padding_mode === "circular" &&
		axes.some((x) => x.before > x.size || x.after > x.size)
	) {
		return fail(
			"RuntimeError",
			"Padding value causes wrapping around more than once.",
			"padding_mode",
			...axes
				.map((x, a) => Math.max(x.before, x.after) > x.size && paddingOf(c, a))
				.filter(Boolean),
		);
	}
}

// The batch ATen's convolution gets: non-zeros modes pad it with F.pad first;
// "same" with an odd total pads the one extra pixel at the end first.
function fedShape(c, axes) {
	const grow = (x) =>
		c.padding_mode !== "zeros"
			? x.before + x.after
			: c.padding === "same"
				? x.after - x.before
				: 0;
	const [n, channels] = c.input.length > axes.length + 1 ? c.input : [1, ...c.input];
	return [n, channels, ...axes.map((x) => x.size + grow(x))];
}

// ATen's checks, in its order. Its own padding is `before` with
// padding_mode="zeros" and 0 otherwise; either way the padded size is
// size + before + after.
function checkConvolution(c, axes, weight) {
	if (axes.some((x) => x.before < 0))
		return fail("RuntimeError", "negative padding is not supported");
	if (c.stride.some((s) => s < 1))
		return fail(
			"RuntimeError",
			"non-positive stride is not supported",
			...axesWhere("stride", c.stride, (s) => s < 1),
		);
	const at = c.input.length - axes.length - 1;
	const channels = c.input[at];
	if (channels !== weight[1] * c.groups)
		return fail(
			"RuntimeError",
			`Given groups=${c.groups}, weight of size ${list(weight)}, ` +
				`expected input${list(fedShape(c, axes))} to have ${weight[1] * c.groups} channels, but ` +
				`got ${channels} channels instead`,
			`input.${at}`,
			"in_channels",
		);
	if (axes.some(big))
		return fail(
			"RuntimeError",
			`Calculated padded input size per channel: (${axes.map(padded).join(" x ")}). ` +
				`Kernel size: (${axes.map((x) => x.span).join(" x ")}). Kernel size can't be ` +
				"greater than actual input size",
			...axesWhere("kernel_size", axes, big),
		);
	if (c.dilation.some((d) => d < 1))
		return fail(
			"RuntimeError",
			`dilation should be greater than zero, but got ${list(c.dilation)}`,
		);
}

// What nn.Conv2d(**config)(torch.randn(*config.input)) gives.
export function explore(c) {
	const axes = c.kernel_size.map((_, a) => axisOf(c, a));
	const weight = [
		c.out_channels,
		Math.floor(c.in_channels / c.groups),
		...c.kernel_size,
	];
	const error =
		checkConvLayer(c) || checkPad(c, axes) || checkConvolution(c, axes, weight);
	if (error) return error;
	for (const x of axes) {
		// room: padded cells past the kernel's first position
		const room = padded(x) - x.span;
		x.out = Math.floor(room / x.stride) + 1;
		x.dropped = room % x.stride;
	}
	const params = weight.reduce((a, b) => a * b, 1) + (c.bias ? c.out_channels : 0);
	const shape = c.input.slice(0, -axes.length - 1);
	shape.push(c.out_channels, ...axes.map((x) => x.out));
	return {
		shape,
		weight,
		params,
		axes,
	};
}

// The input cells of one axis of explore()'s answer that no output depends on:
// no kernel tap reads them, nor a padding cell that padding_mode copies from
// them. Input coordinates, 0 to size - 1.
export function unseenCells(x, mode) {
	const seen = new Set();
	for (let p = 0; p < x.out; p++) {
		for (let t = 0; t < x.kernel; t++)
			seen.add(sourceCell(x, mode, p * x.stride + t * x.dilation - x.before));
	}
	return [...Array(x.size).keys()].filter((i) => !seen.has(i));
}

// The input cell that the cell at input coordinate i (padded index - before)
// holds under padding_mode: i itself inside the input, and for zeros padding
// (outside 0 to size - 1: a zero, no cell).
export function sourceCell(x, mode, i) {
	const n = x.size;
	return mode === "reflect"
		? i < 0
			? -i
			: i >= n
				? 2 * (n - 1) - i
				: i
		: mode === "replicate"
			? Math.min(Math.max(i, 0), n - 1)
			: mode === "circular"
				? ((i % n) + n) % n
				: i;
}

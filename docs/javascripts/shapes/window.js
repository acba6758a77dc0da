// The output-shape rules of the layers that slide a window like nn.Conv2d:
// pooling, adaptive pooling and transposed convolution, mirroring
// shapes/window.py (same checks, order and messages). No DOM. Rules throw
// Refusal (PyTorch's exception type and message) or Outside (a setting the
// model does not claim to know); layers.js's layerOutput turns them into its
// answers. poolWindowCount and transposedLength are the per-axis formulas
// alone: they may give sizes < 1, which the rules report as PyTorch does.
import { checkConvLayer } from "./conv.js";
import { intArgs, isBool, isInt, list, modelled, refuse } from "./domain.js";

// The pooling formula, rounded up with ceilMode, before any window is dropped.
export function poolFormula(size, kernel, stride, padding, dilation, ceilMode) {
	const room = size + 2 * padding - dilation * (kernel - 1) - 1;
	return Math.floor((room + (ceilMode ? stride - 1 : 0)) / stride) + 1;
}

// The number of windows along one axis (may be < 1).
export function poolWindowCount(
	size,
	kernel,
	stride,
	padding = 0,
	dilation = 1,
	ceilMode = false,
) {
	stride = stride ?? kernel;
	let out = poolFormula(size, kernel, stride, padding, dilation, ceilMode);
	// ceil_mode keeps a last, partial window only if it starts inside the
	// input or its left padding, never one that would start past the input.
	if (ceilMode && (out - 1) * stride >= size + padding) out -= 1;
	return out;
}

// ConvTranspose2d's formula alone, along one axis (may be < 1).
export function transposedLength(
	size,
	kernel,
	stride = 1,
	padding = 0,
	outputPadding = 0,
	dilation = 1,
) {
	return (
		(size - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1
	);
}

// PyTorch's pooling_output_shape: its checks, then the formula.
function poolAxis(size, kernel, stride, padding, dilation, ceilMode) {
	if (stride === 0) refuse("RuntimeError", "stride should not be zero");
	const span = dilation * (kernel - 1) + 1;
	if (padding > Math.floor(span / 2)) {
		refuse(
			"RuntimeError",
			"pad should be at most half of effective kernel size, but got " +
				`pad=${padding}, kernel_size=${kernel} and dilation=${dilation}`,
		);
	}
	return poolWindowCount(size, kernel, stride, padding, dilation, ceilMode);
}

export function pool2dOutputShape(shape, a, average) {
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
			refuse(
				"IndexError",
				`Dimension out of range (expected to be in range of [${-ndim}, ${ndim - 1}], but got -3)`,
			);
		}
	} else if (ndim !== 3 && ndim !== 4) {
		refuse("RuntimeError", "non-empty 3D or 4D (batch mode) tensor expected for input");
	}
	const out = [0, 1].map((i) =>
		poolAxis(
			shape[ndim - 2 + i],
			kernel[i],
			strides[i],
			paddings[i],
			dilations[i],
			ceilMode,
		),
	);
	if (ndim !== 3 && ndim !== 4) {
		refuse(
			"RuntimeError",
			"Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size " +
				`for input, but got:${list(shape)}`,
		);
	}
	if (
		paddings[1] > Math.floor(kernel[1] / 2) ||
		paddings[0] > Math.floor(kernel[0] / 2)
	) {
		refuse(
			"RuntimeError",
			"pad should be smaller than or equal to half of kernel size, but got " +
				`padW = ${paddings[1]}, padH = ${paddings[0]}, kW = ${kernel[1]}, kH = ${kernel[0]}`,
		);
	}
	if (Math.min(...out) < 1) {
		const [planes, h, w] = shape.slice(-3);
		refuse(
			"RuntimeError",
			`Given input size: (${planes}x${h}x${w}). Calculated output size: ` +
				`(${planes}x${out[0]}x${out[1]}). Output size is too small`,
		);
	}
	return [...shape.slice(0, -2), ...out];
}

export function adaptivePool2dOutputShape(shape, outputSize) {
	let sizes = outputSize;
	if (Array.isArray(sizes)) {
		if (shape.length <= sizes.length) {
			refuse("ValueError", `Input dimension should be at least ${sizes.length + 1}`);
		}
		const tail = shape.slice(shape.length - sizes.length);
		sizes = intArgs(
			sizes.map((want, i) => (want === null ? tail[i] : want)),
			1,
			"output_size",
			sizes.length,
		);
	} else {
		sizes = intArgs(sizes, 1, "output_size");
	}
	if (sizes.length !== 2)
		refuse("RuntimeError", "adaptive_avg_pool2d: output_size must be 2");
	if (sizes[0] === 1 && sizes[1] === 1) {
		// PyTorch takes the mean over the last two axes
		if (shape.length < 2)
			refuse(
				"IndexError",
				"Dimension out of range (expected to be in range of [-1, 0], but got -2)",
			);
		return [...shape.slice(0, -2), 1, 1];
	}
	if (shape.length !== 3 && shape.length !== 4) {
		refuse(
			"RuntimeError",
			`adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got ${list(shape)}`,
		);
	}
	return [...shape.slice(0, -2), ...sizes];
}

export function checkTransposedLayer(a, strides) {
	intArgs([a.in_channels, a.out_channels], 1, "in_channels and out_channels");
	modelled(isInt(a.groups), "groups an int");
	if (a.padding_mode !== "zeros") {
		refuse("ValueError", 'Only "zeros" padding mode is supported for ConvTranspose2d');
	}
	const error = checkConvLayer({ ...a, stride: strides, padding: [0, 0] });
	if (error) refuse(error.error.type, error.error.message);
}

// The output_padding that output_size= asks for (ConvTranspose2d's _output_padding).
// PyTorch's message names the input's sizes from axis 2 on: for an unbatched
// image, its width alone.
function requestedPadding(shape, axes, dilations, outputSize) {
	const ndim = shape.length;
	// the whole shape: keep the height and width
	const want = outputSize.length === ndim ? outputSize.slice(-2) : outputSize;
	if (want.length !== 2) {
		refuse(
			"ValueError",
			`ConvTranspose2D: for ${ndim}D input, output_size must have 2 or ${ndim} elements ` +
				`(got ${want.length})`,
		);
	}
	const low = axes.map((x, i) => transposedLength(...x, 0, dilations[i]));
	const high = low.map((size, i) => size + axes[i][2] - 1);
	if (want.some((size, i) => size < low[i] || size > high[i])) {
		refuse(
			"ValueError",
			`requested an output size of (${want.join(", ")}), but valid sizes range ` +
				`from ${list(low)} to ${list(high)} (for an input of torch.Size(${list(shape.slice(2))}))`,
		);
	}
	return want.map((size, i) => size - low[i]);
}

// The shape of nn.ConvTranspose2d(**a)(x, a.output_size) for x of this shape.
export function convTranspose2dOutputShape(shape, a) {
	const kernel = intArgs(a.kernel_size, 1, "kernel_size");
	const strides = intArgs(a.stride, 1, "stride");
	const paddings = intArgs(a.padding, 0, "padding");
	let extra = intArgs(a.output_padding, 0, "output_padding");
	const dilations = intArgs(a.dilation, 1, "dilation");
	checkTransposedLayer(a, strides);
	if (shape.length !== 3 && shape.length !== 4) {
		modelled(
			a.output_size == null,
			"output_size= with a 3-D or 4-D input to ConvTranspose2d",
		);
		refuse(
			"RuntimeError",
			"Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, " +
				`but got input of size: ${list(shape)}`,
		);
	}
	const axes = [0, 1].map((i) => [
		shape[shape.length - 2 + i],
		kernel[i],
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
	const channels = shape.at(-3);
	if (channels !== a.in_channels) {
		// an unbatched image runs as a batch of 1
		const fed = [shape.length === 4 ? shape[0] : 1, ...shape.slice(-3)];
		refuse(
			"RuntimeError",
			`Given transposed=1, weight of size ${list([
				a.in_channels,
				Math.floor(a.out_channels / a.groups),
				...kernel,
			])}, expected input${list(fed)} to have ` +
				`${a.in_channels} channels, but got ${channels} channels instead`,
		);
	}
	if ([0, 1].some((i) => extra[i] >= Math.max(strides[i], dilations[i]))) {
		refuse(
			"RuntimeError",
			"output padding must be smaller than either stride or dilation, but got " +
				`output_padding_height: ${extra[0]} output_padding_width: ${extra[1]} stride_height: ` +
				`${strides[0]} stride_width: ${strides[1]} dilation_height: ${dilations[0]} dilation_width: ${dilations[1]}`,
		);
	}
	// PyTorch gives an empty tensor for 0 and, below, an error whose words depend on the backend
	modelled(Math.min(...out) >= 1, `output sizes >= 1, got ${list(out)}`);
	return [...shape.slice(0, -3), a.out_channels, ...out];
}

// The per-axis formulas of the layers that slide a window like nn.Conv2d:
// pooling and transposed convolution, mirroring shapes/window.py (same checks,
// order and messages). No DOM. poolAxis throws Refusal (PyTorch's exception
// type and message); layers.js's layerOutput turns it into its answer.
// poolWindowCount and transposedLength are the formulas alone: they may give
// sizes < 1, which pools.js and convolutions.js report as PyTorch does.
import { refuse } from "./domain.js";

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

// PyTorch's pooling_output_shape, on one axis of any pooling layer: its
// checks, then the formula.
export function poolAxis(size, kernel, stride, padding, dilation, ceilMode) {
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

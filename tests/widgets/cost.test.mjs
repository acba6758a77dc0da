// docs/javascripts/shapes/cost.js: torchinfo 1.8.0's conventions, the fields of
// 1-, 2- and 3-D windows, adaptive pooling's windows and Python's formatting
// of the totals (tests/model/test_cost_property.py checks random stacks against
// torchinfo itself and cost.py).

import assert from "node:assert/strict";
import { test } from "node:test";
import {
	layerCost,
	multAdds,
	nextField,
	outputBytes,
	poolWindow,
	spatialRank,
	stackCost,
	startField,
	summaryText,
	summaryTotals,
} from "../../docs/javascripts/shapes/cost.js";
import { Outside } from "../../docs/javascripts/shapes/domain.js";

const conv = (a, b, k, more = {}) => ({
	type: "Conv2d",
	args: { in_channels: a, out_channels: b, kernel_size: k, ...more },
});
// The stack and figures of /work/shared/CONVENTIONS.md's torchinfo check.
const SMALL = [
	conv(3, 16, 3, { padding: 1 }),
	{ type: "ReLU", args: {} },
	{ type: "MaxPool2d", args: { kernel_size: 2 } },
	conv(16, 32, 3, { stride: 2 }),
	{ type: "Flatten", args: {} },
	{ type: "Linear", args: { in_features: 1568, out_features: 10 } },
];

test("torchinfo's totals and printed lines for a small classifier", () => {
	const { rows, totals } = stackCost([1, 3, 32, 32], SMALL);
	assert.deepEqual(
		rows.map((r) => r.mult_adds),
		[458752, 0, 0, 227360, 0, 15690],
	);
	assert.deepEqual(totals, {
		total_params: 20778,
		trainable_params: 20778,
		total_mult_adds: 701802,
		total_input: 12352,
		total_output_bytes: 143696,
		total_param_bytes: 83112,
	});
	assert.deepEqual(summaryText(totals), [
		"Total params: 20,778",
		"Trainable params: 20,778",
		"Non-trainable params: 0",
		"Total mult-adds (Units.MEGABYTES): 0.70",
		"Input size (MB): 0.01",
		"Forward/backward pass size (MB): 0.14",
		"Params size (MB): 0.08",
		"Estimated Total Size (MB): 0.24",
	]);
});

test("mult-adds: a Conv counts its channels out, others multiply by the first axis", () => {
	// (8, 32, 32, 32): 4640 parameters at 8 * 32 * 32 positions
	assert.equal(multAdds("Conv2d", [8, 32, 32, 32], 4640), 38010880);
	assert.equal(multAdds("ConvTranspose1d", [2, 4, 10], 100), 2000);
	// a Linear on (N, L, F) is counted once per sample, not per row
	assert.equal(multAdds("Linear", [2, 7, 10], 50), 100);
	assert.equal(multAdds("BatchNorm2d", [4, 16, 8, 8], 32), 128);
	assert.equal(multAdds("ReLU", [4, 16], 0), 0);
	assert.equal(multAdds("Conv2d", [2 ** 20, 1, 2 ** 20, 2 ** 20], 2), null);
});

test("output bytes per dtype; an unknown dtype is outside the model", () => {
	assert.deepEqual(
		["float32", "float16", "bfloat16", "float64"].map((d) => outputBytes([2, 3, 4], d)),
		[96, 48, 48, 192],
	);
	assert.throws(() => outputBytes([2], "int8"), Outside);
	assert.deepEqual(layerCost("Linear", [4, 10], 50, "float16"), {
		mult_adds: 200,
		output_bytes: 80,
		params: 50,
	});
	const { totals } = stackCost([1, 3, 32, 32], SMALL, "float64");
	assert.deepEqual(
		[totals.total_input, totals.total_output_bytes, totals.total_param_bytes],
		[24640, 287392, 166224],
	);
});

test("the rank comes from the type's suffix; fields slide on that many axes", () => {
	assert.deepEqual(
		["Conv1d", "MaxPool3d", "AdaptiveMaxPool2d", "BatchNorm2d", "Linear"].map(
			spatialRank,
		),
		[1, 3, 2, null, null],
	);
	assert.equal(startField([8, 3, 32, 32], ["ReLU", "Linear"]), null);
	assert.equal(startField([100], ["Conv1d"]), null); // no channel axis
	const audio = startField([4, 2, 1000], ["BatchNorm1d", "Conv1d"]);
	assert.deepEqual(audio, { size: [1], jump: [1] });
	const args = { kernel_size: 5, stride: 2, dilation: 3 };
	const after = nextField(audio, "Conv1d", args, [4, 2, 1000], [4, 8, 494]);
	assert.deepEqual(after, { size: [13], jump: [2] });
	const pool = { kernel_size: [2, 3, 3], stride: null, dilation: 1 };
	const video = startField([2, 3, 8, 32, 32], ["MaxPool3d"]);
	assert.deepEqual(
		nextField(video, "MaxPool3d", pool, [2, 3, 8, 32, 32], [2, 3, 4, 10, 10]),
		{
			size: [2, 3, 3],
			jump: [2, 3, 3],
		},
	);
	// a layer of another rank, or one that reshapes, ends the field
	assert.equal(nextField(audio, "Conv2d", args, [4, 2, 1000], [4, 8, 494]), null);
	assert.equal(nextField(audio, "PixelShuffle", {}, [1, 4, 2, 2], [1, 1, 4, 4]), null);
	assert.equal(nextField(audio, "Linear", {}, [4, 2, 5], [4, 2, 5]), null);
	assert.deepEqual(nextField(audio, "Dropout", {}, [4, 2, 5], [4, 2, 5]), audio);
});

test("transposed convolutions and adaptive pooling keep a field only where one number holds", () => {
	const field = { size: [3, 3], jump: [2, 2] };
	const transposed = { kernel_size: 3, stride: 1, dilation: 2 };
	assert.deepEqual(
		nextField(field, "ConvTranspose2d", transposed, [1, 1, 9, 9], [1, 1, 13, 13]),
		{
			size: [11, 11],
			jump: [2, 2],
		},
	);
	const strided = { ...transposed, stride: [1, 2] };
	assert.equal(
		nextField(field, "ConvTranspose2d", strided, [1, 1, 9, 9], [1, 1, 13, 21]),
		null,
	);
	assert.deepEqual(
		nextField(field, "AdaptiveAvgPool2d", {}, [1, 1, 8, 6], [1, 1, 2, 3]),
		{
			size: [9, 5],
			jump: [8, 4],
		},
	);
	assert.equal(
		nextField(field, "AdaptiveAvgPool2d", {}, [1, 1, 7, 6], [1, 1, 3, 3]),
		null,
	);
	// 7 positions into 3: PyTorch's floor/ceil windows overlap
	assert.deepEqual(
		[0, 1, 2].map((i) => poolWindow(7, 3, i)),
		[
			[0, 3],
			[2, 5],
			[4, 7],
		],
	);
});

test("the totals print as Python formats them, ties to the even digit", () => {
	const totals = summaryTotals(
		[1],
		[{ params: 0, mult_adds: 125000, output_bytes: 4 }],
	);
	assert.equal(totals.total_input, 68);
	const text = (macs, bytes) =>
		summaryText({
			total_params: 1234567,
			trainable_params: 1234567,
			total_mult_adds: macs,
			total_input: bytes,
			total_output_bytes: 375000,
			total_param_bytes: 0,
		});
	assert.deepEqual(text(125000, 125000).slice(2, 7), [
		"Non-trainable params: 0",
		"Total mult-adds (Units.MEGABYTES): 0.12",
		"Input size (MB): 0.12",
		"Forward/backward pass size (MB): 0.38",
		"Params size (MB): 0.00",
	]);
	assert.equal(text(3e9, 0)[3], "Total mult-adds (Units.GIGABYTES): 3");
	assert.equal(
		text(2_345_678_901_234_567, 0)[3],
		"Total mult-adds (Units.TERABYTES): 2,345.68",
	);
	assert.equal(text(0, 0)[0], "Total params: 1,234,567");
});

test("a stack PyTorch refuses has no cost", () => {
	assert.equal(stackCost([1, 4, 8, 8], SMALL), null);
});

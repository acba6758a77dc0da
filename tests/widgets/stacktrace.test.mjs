// docs/javascripts/stacktrace.js: the tracer's rows, fields, first Linear,
// failing layer and Python (the pytest side checks them against PyTorch:
// tests/model/test_stack_property.py).

import assert from "node:assert/strict";
import { test } from "node:test";
import {
	formatShape,
	linearLine,
	parseShape,
	pyValue,
	trace,
} from "../../docs/javascripts/stacktrace.js";

const CLASSIFIER = `nn.Sequential(
    nn.Conv2d(3, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(64 * 8 * 8, 10))`;

test("shapes print as Python tuples, values as Python source", () => {
	assert.deepEqual(
		[formatShape([8, 64, 56, 56]), formatShape([100])],
		["(8, 64, 56, 56)", "(100,)"],
	);
	assert.deepEqual([true, null, "same", [3, 3], [1], { float: 2 }, 0.5].map(pyValue), [
		"True",
		"None",
		"'same'",
		"(3, 3)",
		"(1,)",
		"2.0",
		"0.5",
	]);
});

test("the classifier: shapes, parameters, receptive fields, the first Linear", () => {
	const { rows, failed, firstLinear } = trace("4, 3, 32, 32", CLASSIFIER);
	assert.equal(failed, null);
	assert.deepEqual(
		rows.map((r) => r.shape.at(-1)),
		[32, 32, 16, 16, 16, 8, 4096, 10],
	);
	assert.deepEqual(
		rows.map((r) => r.params),
		[896, 0, 0, 18496, 0, 0, 0, 40970],
	);
	assert.deepEqual(
		rows.map((r) => r.field?.[0] ?? null),
		[3, 3, 4, 8, 8, 10, null, null],
	);
	assert.deepEqual(firstLinear, { row: 7, input: [4, 4096], inFeatures: 4096 });
	assert.equal(
		linearLine(firstLinear),
		"The first Linear (layer 8) gets an input of shape (4, 4096): its " +
			"in_features must be 4096.",
	);
});

test("a Linear given maps, or a batch flattened away, gets the Flatten it needs, not the last axis", () => {
	const line = (input, stack) => linearLine(trace(input, stack).firstLinear);
	assert.equal(
		line("4, 64, 8, 8", "nn.Linear(4096, 10)"),
		"The first Linear (layer 1) gets an input of shape " +
			"(4, 64, 8, 8), but a Linear reads only the last axis: a Flatten is missing. nn.Flatten() right before it " +
			"gives (4, 4096), one row per sample, so the Linear's in_features must be 4096 (not 8).",
	);
	assert.equal(
		line("4, 64, 8, 8", "nn.Flatten(0)\nnn.Linear(4096, 10)"),
		"The first Linear (layer 2) gets an " +
			"input of shape (16384,): the batch axis was flattened into the other axes at layer 1, so the samples are no " +
			"longer apart. nn.Flatten() there keeps the batch axis (start_dim=1): it gives (4, 4096), one row per " +
			"sample, so the Linear's in_features must be 4096.",
	);
	assert.match(
		line("4, 64, 8, 8", "nn.Flatten(0, 1)\nnn.Linear(8, 10)"),
		/flattened into the other axes at layer 1, .* nn.Flatten\(\) there keeps the batch axis \(start_dim=1\)\.$/,
	);
	assert.match(
		line("4, 64, 8, 8", "nn.Flatten(2)\nnn.Linear(64, 10)"),
		/the Flatten before it leaves more than one row per sample. nn.Flatten\(\) right before it gives \(4, 4096\)/,
	);
	assert.match(
		line("3, 32, 32", "nn.Conv2d(3, 16, 3)\nnn.Flatten()\nnn.Linear(900, 10)"),
		/this is one unbatched image, .* nn.Flatten\(0\) right before it gives \(14400,\), one row for the image/,
	);
	assert.match(
		line("3, 32, 32", "nn.Conv2d(3, 16, 3)\nnn.Flatten(0)\nnn.Linear(14400, 10)"),
		/\(14400,\): its in_features must be 14400\.$/,
	);
	assert.match(
		line("8, 10, 100", "nn.Linear(100, 10)"),
		/\(8, 10, 100\): its in_features must be 100\.$/,
	);
});

test("the Flatten a Linear needs follows the rank: (C, L) is one sequence, (C, D, H, W) one volume", () => {
	const line = (input, stack) => linearLine(trace(input, stack).firstLinear);
	assert.match(
		line("3, 100", "nn.Conv1d(3, 8, 5)\nnn.Linear(96, 10)"),
		/\(8, 96\), .* a Flatten is missing\. nn.Flatten\(0\) right before it gives \(768,\), one row for the sequence/,
	);
	assert.match(
		line("2, 3, 100", "nn.Conv1d(3, 8, 5)\nnn.Linear(96, 10)"),
		/nn.Flatten\(\) right before it gives \(2, 768\), one row per sample/,
	);
	assert.match(
		line("4, 6, 8, 8", "nn.Conv3d(4, 2, 3)\nnn.Flatten()\nnn.Linear(36, 5)"),
		/this is one unbatched volume, .* nn.Flatten\(0\) right before it gives \(288,\), one row for the volume/,
	);
	assert.match(
		line("2, 4, 6, 8, 8", "nn.Conv3d(4, 2, 3)\nnn.Linear(6, 5)"),
		/nn.Flatten\(\) right before it gives \(2, 288\), one row per sample/,
	);
});

test("no single field after a strided transposed conv or uneven adaptive windows", () => {
	const fields = (stack) => trace("1, 2, 10, 10", stack).rows.map((r) => r.field);
	assert.deepEqual(
		fields("nn.ConvTranspose2d(2, 2, 3)\nnn.ConvTranspose2d(2, 2, 3, stride=2)"),
		[[3, 3], null],
	);
	assert.deepEqual(fields("nn.AdaptiveAvgPool2d(5)\nnn.AdaptiveAvgPool2d(3)"), [
		[2, 2],
		null,
	]);
	assert.deepEqual(
		fields(
			"nn.Conv2d(2, 2, (1, 3), dilation=2)\nnn.BatchNorm2d(2)\nnn.AdaptiveAvgPool2d(1)",
		),
		[
			[1, 5],
			[1, 5],
			[10, 10],
		],
	); // the whole 10 x 6 map, 5 + 5 columns wide
});

test("a layer refusing its arguments fails first, even after an input refused earlier", () => {
	const { rows, failed } = trace(
		"1, 3, 8, 8",
		"nn.Linear(5, 2)\nnn.ReLU()\nnn.Conv2d(3, 4, 3, groups=2)",
	);
	assert.equal(failed, 2);
	assert.deepEqual(
		rows.map((r) => r.error?.message ?? (r.shape ? "shape" : "not reached")),
		["not reached", "not reached", "in_channels must be divisible by groups"],
	);
	assert.equal(
		trace("1, 3, 8, 8", "nn.ReLU()\nnn.Conv2d(3)").rows[1].error.type,
		"TypeError",
	);
});

test("an input refused: the layer's message, the rest not reached", () => {
	const { rows, failed } = trace("8, 100", "nn.Linear(200, 10)\nnn.ReLU()");
	assert.equal(failed, 0);
	assert.equal(
		rows[0].error.message,
		"addmm: mat1 and mat2 shapes cannot be multiplied (8x100 and 200x10)",
	);
	assert.equal(rows[1].shape, undefined);
});

test("an unbatched image is traced as PyTorch runs it", () => {
	const { rows, failed } = trace(
		"3, 32, 32",
		"nn.Conv2d(3, 16, 3)\nnn.MaxPool2d(2)\nnn.Flatten(0)\nnn.Linear(3600, 10)",
	);
	assert.equal(failed, null);
	assert.deepEqual(
		rows.map((r) => r.shape),
		[[16, 30, 30], [16, 15, 15], [3600], [10]],
	);
	assert.deepEqual(
		rows.map((r) => r.field?.[0] ?? null),
		[3, 4, null, null],
	);
	const lesson7 = trace("8, 28, 28", "nn.Conv2d(1, 16, 3)");
	assert.match(
		lesson7.rows[0].error.message,
		/expected input\[1, 8, 28, 28\] to have 1 channels, but got 8/,
	);
});

test("settings outside the model stop the trace with what it does not know", () => {
	const { rows, failed } = trace(
		"1, 3, 8, 8",
		"nn.Flatten()\nnn.Conv2d(3, 4, 3, padding=1, padding_mode='reflect')",
	);
	assert.equal(failed, 1);
	assert.match(
		rows[1].outside,
		/3-D or 4-D input where Conv2d's padding_mode is not 'zeros'/,
	);
});

test("bad input shapes and stacks are problems, not rows", () => {
	assert.equal(parseShape("(8, 3, 32, 32)").shape.length, 4);
	assert.equal(parseShape("100,").shape[0], 100);
	assert.deepEqual(trace("4, 3, 0, 32", "nn.ReLU()").problem, {
		message: "size 3 of the input shape, 0, is not between 1 and 2147483647",
		where: "input",
	});
	assert.equal(
		trace("1,2,3,4,5,6", "nn.ReLU()").problem.message,
		"the input shape has 6 sizes; the tracer takes 1 to 5",
	);
	assert.deepEqual(trace("1, 3, 8, 8", "  # nothing\n").problem, {
		message: "the stack has no layers",
		where: "stack",
		line: 1,
		column: 1,
	});
	assert.deepEqual(
		trace("1, 3, 8, 8", "nn.ReLU()\nnn.Fold((4, 4), 3)").problem.line,
		2,
	);
});

test("the Python to copy is the stack as code", () => {
	assert.equal(
		trace("2, 3, 8, 8", "Conv2d(3, 4, 3, padding='same', bias=False)").python,
		[
			"import torch",
			"from torch import nn",
			"model = nn.Sequential(",
			"    nn.Conv2d(3, 4, 3, padding='same', bias=False),",
			")",
			"x = torch.randn(2, 3, 8, 8)",
			"print(model(x).shape)",
		].join("\n"),
	);
});

test("each row's cost, field and jump; adaptive pooling's windows; torchinfo's totals", () => {
	const stack =
		"nn.Conv2d(3, 8, 3)\nnn.AdaptiveAvgPool2d((5, 9))\nnn.Flatten()\nnn.Linear(360, 2)";
	const { inputField, inputBytes, rows, totals } = trace(
		"4, 3, 32, 32",
		stack,
		"float16",
	);
	assert.deepEqual([inputField, inputBytes], [[1, 1], 24576]);
	assert.deepEqual(
		rows.map((r) => [r.mult_adds, r.output_bytes, r.field, r.jump]),
		[
			[806400, 57600, [3, 3], [1, 1]],
			[0, 2880, null, null], // 30 rows into 5 windows of 6, 30 columns into 9 uneven
			[0, 2880, null, null],
			[2888, 16, null, null],
		],
	);
	assert.deepEqual(rows[1].windows, [
		{
			out: 5,
			windows: [0, 1, 2, 3, 4].map((i) => [i, 6 * i, 6 * i + 6]),
		},
		{
			out: 9,
			windows: [
				[0, 0, 4],
				[1, 3, 7],
				[2, 6, 10],
				[8, 26, 30],
			],
		},
	]);
	assert.equal(totals.text[3], "Total mult-adds (Units.MEGABYTES): 0.81");
	assert.equal(totals.total_input, 24640);
	assert.equal(trace("4, 3, 32, 32", "nn.Conv2d(4, 8, 3)").totals, null);
});

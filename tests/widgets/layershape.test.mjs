// docs/javascripts/shapes/layers.js against the PyTorch answers of
// tests/cases/layers.json (written by tests/cases/generate.py), its messages
// (the newest release's words) put into the words of the release that wrote
// the cases.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { pyNumber } from "../../docs/javascripts/shapes/domain.js";
import { layerOutput } from "../../docs/javascripts/shapes/layers.js";
import { asPrintedBy } from "../../docs/javascripts/shapes/rewordings.js";
import {
	poolWindowCount,
	transposedLength,
} from "../../docs/javascripts/shapes/window.js";

const { cases, torch_version: stored } = JSON.parse(
	readFileSync(new URL("../cases/layers.json", import.meta.url)),
);
const inStoredWords = (answer) =>
	answer.error
		? {
				...answer,
				error: { ...answer.error, message: asPrintedBy(answer.error.message, stored) },
			}
		: answer;

test("every layer case gets PyTorch's shape and parameters or its message", () => {
	const mismatches = cases
		.filter((c) => {
			try {
				assert.deepEqual(inStoredWords(layerOutput(c.layer, c.input)), c.torch);
				return false;
			} catch {
				return true;
			}
		})
		.map((c) => [c, layerOutput(c.layer, c.input)]);
	assert.deepEqual(
		mismatches.slice(0, 3),
		[],
		`${mismatches.length} of ${cases.length} differ`,
	);
});

test("ceil_mode keeps a partial last window, never one starting past the input", () => {
	assert.equal(poolWindowCount(5, 2, 2, 0, 1, true), 3); // pixel 4 alone
	assert.equal(poolWindowCount(3, 2, 2, 1, 1, true), 2); // window 3 would start in the padding
	assert.equal(poolWindowCount(2, 1, 2, 0, 1, true), 1);
	assert.equal(poolWindowCount(7, 3), 2); // stride defaults to the kernel
	assert.equal(poolWindowCount(2, 3), 0); // too small: layerOutput says so
});

test("the transposed formula takes ConvTranspose2d's argument order", () => {
	assert.equal(transposedLength(16, 3, 2, 1), 31);
	assert.equal(transposedLength(16, 3, 2, 1, 1), 32);
	assert.equal(transposedLength(5, 3, 1, 0, 0, 2), 9);
});

test("an unbatched (C, H, W) image goes through as PyTorch runs it, a batch of one", () => {
	const conv = (inChannels) => ({
		type: "Conv2d",
		args: { in_channels: inChannels, out_channels: 16, kernel_size: 3 },
	});
	assert.deepEqual(layerOutput(conv(3), [3, 32, 32]), {
		shape: [16, 30, 30],
		params: 448,
	});
	assert.equal(
		layerOutput(conv(1), [8, 28, 28]).error.message,
		"Given groups=1, weight of size [16, 1, 3, 3], " +
			"expected input[1, 8, 28, 28] to have 1 channels, but got 8 channels instead",
	); // lesson 7's example
	const up = {
		type: "ConvTranspose2d",
		args: { in_channels: 3, out_channels: 2, kernel_size: 4, stride: 2, padding: 1 },
	};
	assert.deepEqual(layerOutput(up, [3, 5, 7]).shape, [2, 10, 14]);
	assert.equal(
		layerOutput({ type: "BatchNorm2d", args: { num_features: 3 } }, [3, 5, 7]).error
			.message,
		"expected 4D input (got 3D input)",
	);
});

test("outside the modelled domain the model says so instead of guessing", () => {
	const conv = { in_channels: 3, out_channels: 4, kernel_size: 3 };
	assert.match(
		layerOutput(
			{ type: "Conv2d", args: { ...conv, padding: 1, padding_mode: "reflect" } },
			[3, 8],
		).outside,
		/3-D or 4-D input where Conv2d's padding_mode is not 'zeros'/,
	);
	assert.match(
		layerOutput(
			{ type: "Conv2d", args: { ...conv, kernel_size: { float: 3 } } },
			[1, 3, 8, 8],
		).outside,
		/kernel_size/,
	);
	assert.match(
		layerOutput(
			{ type: "Linear", args: { in_features: 2 ** 40, out_features: 1 } },
			[1, 2],
		).outside,
		/in_features/,
	);
	assert.match(
		layerOutput({ type: "Softmax2d", args: {} }, [1, 2]).outside,
		/a layer of Conv1d, Conv2d, Conv3d, ConvTranspose1d/,
	);
});

test("building checks the arguments only", () => {
	assert.deepEqual(
		layerOutput({ type: "Linear", args: { in_features: 4, out_features: 2 } }, null),
		{},
	);
	assert.equal(
		layerOutput({ type: "Dropout", args: { p: 2 } }, null).error.message,
		"dropout probability has to be between 0 and 1, but got 2",
	);
});

test("floats print as Python prints them", () => {
	assert.deepEqual(
		[
			2,
			{ float: 2 },
			1.5,
			{ float: 1e-7 },
			0.0001,
			{ float: 1e15 },
			{ float: 1.5e20 },
		].map(pyNumber),
		["2", "2.0", "1.5", "1e-07", "0.0001", "1000000000000000.0", "1.5e+20"],
	);
});

test("one and three spatial axes, and the resizing layers, as PyTorch gives them", () => {
	const out = (type, args, shape) => layerOutput({ type, args }, shape);
	const conv1d = { in_channels: 32, out_channels: 64, kernel_size: 3 };
	assert.equal(
		out("Conv1d", conv1d, [8, 100, 32]).error.message,
		"Given groups=1, weight of size [64, 32, 3], expected input[8, 100, 32] to have " +
			"32 channels, but got 100 channels instead",
	); // (N, L, E) text embeddings, not transposed to (N, E, L)
	assert.deepEqual(out("Conv1d", conv1d, [8, 32, 100]), {
		shape: [8, 64, 98],
		params: 6208,
	});
	assert.deepEqual(
		out(
			"Conv3d",
			{ in_channels: 3, out_channels: 8, kernel_size: 3, padding: 1 },
			[2, 3, 16, 32, 32],
		),
		{ shape: [2, 8, 16, 32, 32], params: 656 },
	);
	assert.deepEqual(out("MaxPool1d", { kernel_size: 2 }, [32, 100]).shape, [32, 50]);
	assert.deepEqual(out("BatchNorm1d", { num_features: 32 }, [8, 32]), {
		shape: [8, 32],
		params: 64,
	});
	assert.deepEqual(
		out("Upsample", { scale_factor: 1.5 }, [1, 3, 7, 7]).shape,
		[1, 3, 10, 10],
	);
	assert.deepEqual(
		out("PixelShuffle", { upscale_factor: 2 }, [8, 64, 16, 16]).shape,
		[8, 16, 32, 32],
	);
	assert.deepEqual(out("Unfold", { kernel_size: 3 }, [2, 3, 8, 8]).shape, [2, 27, 36]);
});

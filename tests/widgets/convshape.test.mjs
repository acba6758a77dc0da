// docs/javascripts/shapes/conv.js against the PyTorch answers of
// tests/cases/conv2d.json (written by tests/cases/generate.py).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
	explore,
	samePadding,
	unseenCells,
} from "../../docs/javascripts/shapes/conv.js";

const { cases } = JSON.parse(
	readFileSync(new URL("../cases/conv2d.json", import.meta.url)),
);

// The part of explore()'s answer that PyTorch states.
function torchPart(result) {
	if (result.error) return { error: result.error };
	return { shape: result.shape, weight: result.weight, params: result.params };
}

test("every case gets PyTorch's shape, weight, parameters or message", () => {
	const mismatches = cases.filter((c) => {
		try {
			assert.deepEqual(torchPart(explore(c.config)), c.torch);
			return false;
		} catch {
			return true;
		}
	});
	assert.deepEqual(
		mismatches.slice(0, 3),
		[],
		`${mismatches.length} of ${cases.length} differ`,
	);
});

test("the cases cover accepted and rejected settings", () => {
	const rejected = cases.filter((c) => c.torch.error).length;
	assert.ok(cases.length >= 500 && rejected >= 150 && cases.length - rejected >= 150);
});

test("an even kernel with 'same' pads one more pixel after than before", () => {
	assert.deepEqual(samePadding(4), [1, 2]);
	assert.deepEqual(samePadding(3, 2), [2, 2]);
});

test("dropped rows are what the last stride leaves over", () => {
	const [height] = explore({
		...cases[0].config,
		input: [1, 1, 8, 8],
		kernel_size: [3, 3],
		stride: [2, 2],
		padding: [0, 0],
	}).axes;
	assert.deepEqual([height.out, height.dropped], [3, 1]); // rows 0..6 used, row 7 not
});

test("unseen cells are every cell no kernel tap reads, not only the dropped tail", () => {
	const axes = explore({
		...cases[0].config,
		input: [1, 1, 8, 10],
		kernel_size: [1, 2],
		stride: [2, 4],
		dilation: [1, 3],
		padding: [0, 0],
	}).axes;
	assert.deepEqual(
		axes.map((x) => unseenCells(x, "zeros")),
		[
			[1, 3, 5, 7],
			[1, 2, 5, 6, 8, 9],
		],
	);
});

test("an error names the arguments at fault", () => {
	const base = {
		...cases[0].config,
		input: [1, 3, 8, 8],
		in_channels: 3,
		out_channels: 4,
		kernel_size: [3, 3],
		stride: [1, 1],
		padding: [0, 0],
		dilation: [1, 1],
		groups: 1,
	};
	const fields = (change) => explore({ ...base, ...change }).fields;
	assert.deepEqual(fields({ groups: 2 }), ["in_channels", "groups"]);
	assert.deepEqual(fields({ input: [1, 4, 8, 8] }), ["input.1", "in_channels"]);
	assert.deepEqual(fields({ kernel_size: [3, 9] }), ["kernel_size.1"]);
	assert.deepEqual(fields({ stride: [1, 0] }), ["stride.1"]);
	assert.deepEqual(fields({ padding: "same", stride: [2, 1] }), [
		"padding",
		"stride.0",
	]);
	assert.deepEqual(fields({ padding: [0, 8], padding_mode: "reflect" }), [
		"padding_mode",
		"padding.1",
	]);
});

// docs/javascripts/inverse.js: the solver's order, bounds and messages.
// tests/model/test_inverse.py checks its answers against PyTorch and a brute force.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
	BOUNDS,
	effect,
	layerLine,
	preferred,
	solve,
} from "../../docs/javascripts/inverse.js";

const lines = (found, layer = "Conv2d") => found.map((s) => layerLine(layer, s));

test("32 -> 16: the three the page names come first", () => {
	assert.deepEqual(lines(solve({ size: 32, target: 16 }).conv.slice(0, 3)), [
		"nn.Conv2d(3, 16, kernel_size=2, stride=2)",
		"nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)",
		"nn.Conv2d(3, 16, kernel_size=4, stride=2, padding=1)",
	]);
});

test("the order: no dilation first, then no rows left out between windows, then kernel, stride, padding", () => {
	const { conv } = solve({ size: 57, target: 19 });
	assert.ok(conv.length > 10);
	for (const [i, s] of conv.slice(1).entries()) {
		assert.ok(preferred(conv[i], s) <= 0, JSON.stringify([conv[i], s]));
	}
	const setting = (kernel, stride, padding, dilation) => ({
		kernel,
		stride,
		padding,
		dilation,
	});
	assert.ok(preferred(setting(11, 4, 5, 1), setting(2, 1, 0, 2)) < 0); // dilation only when needed
	assert.ok(preferred(setting(9, 2, 4, 1), setting(1, 2, 0, 1)) < 0); // a 1 x 1 kernel with stride 2 skips rows
	assert.ok(preferred(setting(3, 2, 1, 1), setting(4, 2, 1, 1)) < 0);
});

test("settings that compute the same thing are listed once", () => {
	const { conv } = solve({ size: 32, target: 16 });
	assert.deepEqual(
		conv.filter((s) => s.kernel === 1).map((s) => s.dilation),
		[1],
	); // no dilation on 1 x 1
	assert.equal(new Set(conv.map((s) => effect("Conv2d", 32, 16, s))).size, conv.length);
	const one = { kernel: 11, padding: 0, dilation: 3 }; // one window: the stride changes nothing
	assert.equal(
		effect("Conv2d", 32, 1, { ...one, stride: 2 }),
		effect("Conv2d", 32, 1, { ...one, stride: 4 }),
	);
	assert.deepEqual(
		solve({ size: 32, target: 1, kernel: 11, dilation: 3 })
			.conv.filter((s) => !s.padding)
			.map((s) => s.stride),
		[2],
	);
	assert.notEqual(
		effect("Conv2d", 8, 8, { kernel: 3, stride: 1, padding: 1, dilation: 1 }),
		effect("Conv2d", 8, 8, { kernel: 3, stride: 1, padding: 1, dilation: 2 }),
	);
});

test("fixed arguments hold in every solution", () => {
	const { conv } = solve({ size: 64, target: 32, kernel: 3, stride: 2 });
	assert.deepEqual(lines(conv), [
		"nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)",
		"nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=2, dilation=2)",
		"nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=3, dilation=3)",
	]);
	assert.equal(
		solve({ size: 64, target: 32, kernel: 3, stride: 2, dilation: 1 }).conv.length,
		1,
	);
});

test("growing with padding: 32 -> 44 only with kernel 11 and padding 11", () => {
	assert.deepEqual(lines(solve({ size: 32, target: 44 }).conv), [
		"nn.Conv2d(3, 16, kernel_size=11, padding=11)",
	]);
});

test("a larger target lists ConvTranspose2d too, output_padding below stride or dilation", () => {
	const { conv, transposed, why } = solve({ size: 32, target: 64 });
	assert.deepEqual(conv, []);
	assert.match(
		why,
		/^No nn.Conv2d within the bounds turns 32 into 64: from 32 it reaches sizes 1 to 44\.$/,
	);
	assert.deepEqual(lines(transposed.slice(0, 3), "ConvTranspose2d"), [
		"nn.ConvTranspose2d(3, 16, kernel_size=2, stride=2)",
		"nn.ConvTranspose2d(3, 16, kernel_size=3, stride=2, padding=1, output_padding=1)",
		"nn.ConvTranspose2d(3, 16, kernel_size=4, stride=2, padding=1)",
	]);
	const dilated = transposed.findIndex((s) => s.dilation > 1);
	assert.ok(dilated > 0 && transposed.slice(dilated).every((s) => s.dilation > 1));
	assert.ok(transposed.every((s) => s.output_padding < Math.max(s.stride, s.dilation)));
	assert.ok(transposed.some((s) => s.output_padding === 3));
	assert.equal(solve({ size: 32, target: 16 }).transposed, null); // shrinking: Conv2d only
});

test("no solution says which sizes the layer reaches", () => {
	const { conv, why } = solve({ size: 32, target: 30, stride: 4 });
	assert.deepEqual(conv, []);
	assert.match(
		why,
		/with stride 4 turns 32 into 30: from 32 it reaches sizes 1 to 11\./,
	);
	assert.match(
		solve({ size: 3, target: 2, kernel: 11, dilation: 4 }).why,
		/no size at all/,
	);
	assert.match(
		solve({ size: 32, target: 400 }).why,
		/No nn.ConvTranspose2d within the bounds turns 32 into 400: from 32 it reaches sizes 20 to 168\./,
	);
});

test("bad requests get a message, not an exception", () => {
	for (const [request, message] of [
		[{ size: 32, target: 0 }, /target must be a whole number from 1 to 4096/],
		[{ size: 1e9, target: 3 }, /size must be/],
		[{ size: 8, target: 3.5 }, /target must be/],
		[{ size: 8, target: 3, stride: 5 }, /stride must be a whole number from 1 to 4/],
		[{ size: 8, target: 3, kernel: 0 }, /kernel must be/],
		[{ size: Number.NaN, target: 3 }, /size must be/],
	]) {
		const answer = solve(request);
		assert.deepEqual(answer.conv, []);
		assert.match(answer.why, message);
	}
});

test("the bounds are the issue's", () => {
	assert.deepEqual(BOUNDS, { kernel: 11, stride: 4, dilation: 4, output_padding: 3 });
});

test("the lessons' exercises are among the solutions their links promise", () => {
	const has = (found, want) =>
		found.some((s) => Object.entries(want).every(([k, v]) => s[k] === v));
	assert.ok(
		has(solve({ size: 56, target: 28 }).conv, {
			kernel: 5,
			stride: 2,
			padding: 2,
			dilation: 1,
		}),
	); // stride
	const { transposed } = solve({ size: 28, target: 56 }); // transposed
	assert.ok(
		has(transposed, {
			kernel: 4,
			stride: 2,
			padding: 1,
			output_padding: 0,
			dilation: 1,
		}),
	);
	assert.ok(
		has(transposed, {
			kernel: 3,
			stride: 2,
			padding: 1,
			output_padding: 1,
			dilation: 1,
		}),
	);
});

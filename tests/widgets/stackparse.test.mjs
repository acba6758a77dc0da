// docs/javascripts/stackparse.js: nn.Sequential(...) text as in code, read
// without running it; malformed text gets a message with its line and column.

import assert from "node:assert/strict";
import { test } from "node:test";
import { bindArguments, parseStack } from "../../docs/javascripts/stackparse.js";

const layers = (text) =>
	parseStack(text).layers.map(({ type, positional, keywords }) => [
		type,
		positional,
		keywords,
	]);

test("a stack pasted from code: prefixes, keywords, tuples, comments, trailing commas", () => {
	assert.deepEqual(
		layers(`model = torch.nn.Sequential(  # the features
    nn.Conv2d(3, 16, (3, 5), padding="same", bias=False),
    MaxPool2d(kernel_size=[2, 2], stride=None, ceil_mode=True),
    nn.Dropout(p=.5), nn.LeakyReLU(-1e-2),
    nn.Linear(64 * 8 * 8, 10,),
)`),
		[
			["Conv2d", [3, 16, [3, 5]], { padding: "same", bias: false }],
			["MaxPool2d", [], { kernel_size: [2, 2], stride: null, ceil_mode: true }],
			["Dropout", [], { p: { float: 0.5 } }],
			["LeakyReLU", [{ float: -0.01 }], {}],
			["Linear", [4096, 10], {}],
		],
	);
});

test("layer rows: one call per line, commas optional; (3) is 3 and (3,) a tuple", () => {
	assert.deepEqual(
		layers("nn.Conv2d(1, 2, (3))\nnn.ReLU()\n\nnn.AdaptiveAvgPool2d((1,)),"),
		[
			["Conv2d", [1, 2, 3], {}],
			["ReLU", [], {}],
			["AdaptiveAvgPool2d", [[1]], {}],
		],
	);
});

test("each line and column is where the layer starts", () => {
	const { layers: found } = parseStack(
		"nn.Sequential(\n  nn.ReLU(),\n     nn.Flatten())",
	);
	assert.deepEqual(
		found.map(({ line, column }) => [line, column]),
		[
			[2, 3],
			[3, 6],
		],
	);
});

const problem = (text) => parseStack(text).error;

test("malformed text is named with its line and column", () => {
	assert.deepEqual(problem("nn.Conv2d(3, 4 3)"), {
		message: "expected ',' or ')', found '3'",
		line: 1,
		column: 16,
	});
	assert.deepEqual(problem("nn.Sequential(\n  nn.ReLU()\n  nn.Tanh())"), {
		message: "expected ',' or ')', found 'nn'",
		line: 3,
		column: 3,
	});
	assert.deepEqual(problem("nn.ReLU("), {
		message: "the '(' of ReLU is never closed",
		line: 1,
		column: 8,
	});
	assert.deepEqual(problem("nn.Linear(12345678901234567890, 2)"), {
		message: "the number 12345678901234567890 is too large",
		line: 1,
		column: 11,
	});
	assert.deepEqual(problem("nn.Linear(99999 * 99999 * 99999 * 9999, 2)"), {
		message: "the product is too large",
		line: 1,
		column: 11,
	});
	assert.deepEqual(problem("nn.Conv2d(3, 4, kernel_size=3, 5)"), {
		message: "positional argument follows keyword argument",
		line: 1,
		column: 32,
	});
	assert.deepEqual(problem("nn.ReLU(inplace=True, inplace=False)"), {
		message: "keyword argument repeated: inplace",
		line: 1,
		column: 23,
	});
	assert.deepEqual(problem("nn.Conv2d(3, 4, k)"), {
		message:
			"expected a value (a number, True, False, None, a string or a tuple), found 'k'",
		line: 1,
		column: 17,
	});
	assert.deepEqual(problem("nn.Conv2d(3, 4, 3) $"), {
		message: 'unexpected character "$"',
		line: 1,
		column: 20,
	});
	assert.deepEqual(problem("F.conv2d(x)"), {
		message: "expected nn.conv2d or conv2d, found 'F.conv2d'",
		line: 1,
		column: 1,
	});
	assert.deepEqual(problem("nn.Linear(4, 2.5 * 2)"), {
		message: "only whole numbers multiply",
		line: 1,
		column: 20,
	});
	assert.equal(
		problem(`nn.Conv2d(${"(".repeat(50)}`).message,
		"tuples nested too deeply",
	);
	assert.equal(
		problem("x".repeat(100_001)).message,
		"the text is longer than 100000 characters",
	);
});

test("code is read, never run: a call is no value", () => {
	assert.deepEqual(problem("__import__('os').system('ls')"), {
		message: "expected a layer such as nn.Conv2d(...), found '.'",
		line: 1,
		column: 17,
	});
	assert.deepEqual(problem("nn.Conv2d(eval('3'), 4, 3)"), {
		message:
			"expected a value, found a call of eval: " +
			"arguments are numbers, True, False, None, strings and tuples (is a ')' missing before it?)",
		line: 1,
		column: 11,
	});
	assert.equal(
		problem("nn.Sequential(nn.Conv2d(3, 4, 3, nn.ReLU())").message.slice(0, 41),
		"expected a value, found a call of ReLU: a",
	);
});

test("arguments bind to the module's parameters, or Python's TypeError", () => {
	const bind = (type, positional, keywords = {}) =>
		bindArguments({ type, positional, keywords });
	assert.deepEqual(bind("Conv2d", [3, 16, 3], { padding: 1 }).args, {
		in_channels: 3,
		out_channels: 16,
		kernel_size: 3,
		padding: 1,
	});
	const message = (...call) => bind(...call).error.message;
	assert.equal(
		message("Conv2d", [3]),
		"Conv2d.__init__() missing 2 required positional arguments: 'out_channels' and 'kernel_size'",
	);
	assert.equal(
		message("Conv2d", []),
		"Conv2d.__init__() missing 3 required positional arguments: 'in_channels', 'out_channels', and 'kernel_size'",
	);
	assert.equal(
		message("Conv2d", [3, 4, 3], { kernel_size: 3 }),
		"Conv2d.__init__() got multiple values for argument 'kernel_size'",
	);
	assert.equal(
		message("ReLU", [true, 2], { foo: 1 }),
		"ReLU.__init__() got an unexpected keyword argument 'foo'",
	);
	assert.equal(
		message("Flatten", [1, 2, 3]),
		"Flatten.__init__() takes from 1 to 3 positional arguments but 4 were given",
	);
	assert.equal(
		message("Sigmoid", [3]),
		"Sigmoid.__init__() takes 1 positional argument but 2 were given",
	);
	assert.equal(
		message("MaxPool2d", []),
		"_MaxPoolNd.__init__() missing 1 required positional argument: 'kernel_size'",
	);
	assert.deepEqual(bind("Identity", [3], { anything: 1 }).args, {});
	assert.deepEqual(bind("BatchNorm2d", [8], { bias: true }).args, {
		num_features: 8,
		bias: true,
	});
});

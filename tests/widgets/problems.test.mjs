// docs/javascripts/problems.js: the same seed draws the same problem, every
// kind is drawn, answers are read leniently and graded strictly.
// tests/model/test_problems.py checks the answers of 500 seeds against PyTorch.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
	draw,
	generator,
	grade,
	KINDS,
	MAX_SEED,
	readAnswer,
} from "../../docs/javascripts/problems.js";

test("a seed draws the same problem every time, and seeds differ", () => {
	assert.deepEqual(draw(42), draw(42));
	assert.deepEqual(draw(MAX_SEED, "stride"), draw(MAX_SEED, "stride"));
	const givens = new Set(Array.from({ length: 50 }, (_, seed) => draw(seed).given));
	assert.ok(givens.size >= 48);
});

test("the generator is uniform enough to reach every kind and its whole range", () => {
	const kinds = new Set(Array.from({ length: 200 }, (_, seed) => draw(seed).kind));
	assert.deepEqual([...kinds].sort(), [...KINDS].sort());
	const next = generator(7);
	const values = Array.from({ length: 10000 }, next);
	assert.ok(values.every((v) => v >= 0 && v < 1));
	assert.ok(Math.abs(values.reduce((a, b) => a + b) / values.length - 0.5) < 0.02);
});

test("a kind asked for is the kind drawn", () => {
	for (const kind of KINDS) assert.equal(draw(5, kind).kind, kind);
});

test("answers are read as PyTorch prints them or as tuples (the page's examples first)", () => {
	for (const text of [
		"torch.Size([1, 32, 33, 33])",
		"(1, 32, 33, 33)",
		"1, 32, 33, 33",
	]) {
		assert.deepEqual(readAnswer(text), { numbers: [1, 32, 33, 33] }, text);
	}
	for (const text of [
		"(8, 16, 5, 5)",
		"torch.Size([8, 16, 5, 5])",
		"8, 16, 5, 5",
		" 8 16 5 5 ",
		"[8,16,5,5]",
	]) {
		assert.deepEqual(readAnswer(text), { numbers: [8, 16, 5, 5] }, text);
	}
	assert.deepEqual(readAnswer("2"), { numbers: [2] });
});

test("the right answer is right, off-by-one answers are not", () => {
	for (let seed = 0; seed < 60; seed++) {
		const problem = draw(seed);
		const want = problem.answer;
		assert.equal(grade(problem, `(${want.join(", ")})`).right, true, problem.given);
		for (let i = 0; i < want.length; i++) {
			for (const step of [-1, 1]) {
				const off = want.map((n, j) => (j === i ? n + step : n));
				const verdict = grade(problem, off.join(", "));
				assert.equal(verdict.right, false, `${seed}: ${off}`);
				if (off[i] >= 0) assert.equal(verdict.unreadable, undefined);
			}
		}
	}
});

test("empty, garbage, huge and mis-sized answers get a message, not a verdict", () => {
	const shape = draw(0, "output");
	const number = draw(0, "padding");
	for (const [problem, text, message] of [
		[shape, "", /Type an answer first/],
		[shape, "   ", /Type an answer first/],
		[shape, "abc", /whole numbers only/],
		[shape, "(8, 16, 5.5, 5)", /whole numbers only/],
		[shape, "-1, 2, 3, 4", /whole numbers only/],
		[shape, "99999999999999999999, 1, 1, 1", /far too large/],
		[shape, "1, 2, 3", /has 4 numbers/],
		[number, "1, 2", /One number/],
		[number, "x".repeat(500), /more than 80 characters/],
	]) {
		const verdict = grade(problem, text);
		assert.equal(verdict.right, false);
		assert.equal(verdict.unreadable, true, text);
		assert.match(verdict.message, message);
	}
});

test("a wrong shape says which entries to check", () => {
	const problem = draw(3, "output");
	const [n, c, h, w] = problem.answer;
	assert.match(grade(problem, `${n}, ${c}, ${h + 1}, ${w}`).message, /check H\./);
});

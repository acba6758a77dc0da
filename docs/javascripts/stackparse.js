// Reads a stack of layers as it appears in code, never running it (no eval,
// no Function): `nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), ...)`
// or the calls alone, one per line. Values: ints, floats, True/False/None,
// strings, tuples and lists of them, products of ints (64 * 8 * 8); `nn.` or
// `torch.nn.` prefixes and
// `model = ` are optional; comments, trailing commas and newlines are fine.
// parseStack(text) gives {layers: [{type, positional, keywords, line, column}]}
// or {error: {message, line, column}}. bindArguments maps a call's arguments to
// the module's parameter names, with Python's TypeError where they do not fit.
import { LAYERS } from "./shapes/layers.js";
import { number, ParseError, shown, tokenize } from "./stacktokens.js";

const MAX_TEXT = 100_000; // characters: a pasted stack is far shorter
const MAX_DEPTH = 20; // nested tuples

class Parser {
	constructor(text) {
		this.tokens = tokenize(text);
		this.i = 0;
	}
	get next() {
		return this.tokens[this.i];
	}
	take() {
		return this.tokens[this.i++];
	}
	is(value) {
		return this.next.kind !== "string" && this.next.value === value;
	}
	expect(value, what = `'${value}'`) {
		if (!this.is(value))
			throw new ParseError(`expected ${what}, found ${shown(this.next)}`, this.next.at);
		return this.take();
	}

	// A dotted name such as nn.Conv2d: its last part and where it starts.
	dotted() {
		const first = this.next;
		if (first.kind !== "name")
			throw new ParseError(
				`expected a layer such as nn.Conv2d(...), found ${shown(first)}`,
				first.at,
			);
		const parts = [this.take().value];
		while (this.is(".")) {
			this.take();
			if (this.next.kind !== "name")
				throw new ParseError(
					`expected a name after '.', found ${shown(this.next)}`,
					this.next.at,
				);
			parts.push(this.take().value);
		}
		const prefix = parts.slice(0, -1).join(".");
		if (!["", "nn", "torch.nn"].includes(prefix)) {
			throw new ParseError(
				`expected nn.${parts.at(-1)} or ${parts.at(-1)}, found '${parts.join(".")}'`,
				first.at,
			);
		}
		return { name: parts.at(-1), at: first.at };
	}

	// A value, or a product of ints such as 64 * 8 * 8.
	value(depth = 0) {
		const token = this.next;
		let value = this.atom(depth);
		while (this.is("*")) {
			this.take();
			const at = this.next.at;
			const factor = this.atom(depth);
			if (!Number.isInteger(value) || !Number.isInteger(factor))
				throw new ParseError("only whole numbers multiply", at);
			value *= factor;
			if (!Number.isSafeInteger(value))
				throw new ParseError("the product is too large", token.at);
		}
		return value;
	}

	atom(depth) {
		const token = this.next;
		if (depth > MAX_DEPTH) throw new ParseError("tuples nested too deeply", token.at);
		if (token.kind === "number") return number(this.take().value, token.at);
		if (token.kind === "string") return this.take().value.slice(1, -1);
		if (this.is("-") || this.is("+")) {
			const sign = this.take().value === "-" ? -1 : 1;
			const value = this.value(depth + 1);
			if (typeof value === "number") return sign * value;
			if (value && typeof value === "object" && "float" in value)
				return { float: sign * value.float };
			throw new ParseError(
				`expected a number after '${sign < 0 ? "-" : "+"}'`,
				token.at,
			);
		}
		if (token.kind === "name") {
			const constants = { True: true, False: false, None: null };
			if (token.value in constants) return constants[this.take().value];
			throw new ParseError(
				`expected a value (a number, True, False, None, a string or a tuple), found '${token.value}'`,
				token.at,
			);
		}
		if (this.is("(") || this.is("[")) {
			const close = this.take().value === "(" ? ")" : "]";
			const items = [];
			let comma = false;
			while (!this.is(close)) {
				items.push(this.value(depth + 1));
				if (this.is(close)) break;
				this.expect(",", `',' or '${close}'`);
				comma = true;
			}
			this.take();
			return close === ")" && items.length === 1 && !comma ? items[0] : items; // (3) is 3
		}
		throw new ParseError(`expected a value, found ${shown(token)}`, token.at);
	}

	// One call: Name(args), arguments in Python's order rules.
	call() {
		const { name, at } = this.dotted();
		const open = this.expect("(", `'(' after ${name}`);
		const positional = [];
		const keywords = {};
		while (!this.is(")")) {
			const start = this.next;
			if (start.kind === "end")
				throw new ParseError(`the '(' of ${name} is never closed`, open.at);
			if (start.kind === "name" && this.tokens[this.i + 1].value === "=") {
				this.i += 2;
				if (start.value in keywords)
					throw new ParseError(`keyword argument repeated: ${start.value}`, start.at);
				keywords[start.value] = this.value();
			} else {
				if (Object.keys(keywords).length)
					throw new ParseError(
						"positional argument follows keyword argument",
						start.at,
					);
				if (
					start.kind === "name" &&
					[".", "("].includes(this.tokens[this.i + 1].value)
				) {
					const { name } = this.dotted();
					throw new ParseError(
						`expected a value, found a call of ${name}: arguments are numbers, True, False, ` +
							"None, strings and tuples (is a ')' missing before it?)",
						start.at,
					);
				}
				positional.push(this.value());
			}
			if (this.is(")")) break;
			this.expect(",", `',' or ')'`);
		}
		this.take();
		return { type: name, positional, keywords, at };
	}

	stack() {
		if (this.next.kind === "name" && this.tokens[this.i + 1].value === "=") this.i += 2; // model = ...
		const layers = [];
		const first = this.next.kind === "name" && this.dottedAhead();
		if (first === "Sequential") {
			this.dotted();
			this.expect("(", "'(' after Sequential");
			while (!this.is(")")) {
				layers.push(this.call());
				if (this.is(")")) break;
				this.expect(",", "',' or ')'");
			}
			this.take();
		} else {
			while (this.next.kind !== "end") {
				layers.push(this.call());
				if (this.is(",")) this.take();
			}
		}
		if (this.next.kind !== "end")
			throw new ParseError(
				`expected the end of the text, found ${shown(this.next)}`,
				this.next.at,
			);
		return layers;
	}

	dottedAhead() {
		let j = this.i;
		while (this.tokens[j + 1]?.value === "." && this.tokens[j + 2]?.kind === "name")
			j += 2;
		return this.tokens[j].value;
	}
}

// Line and column (both from 1) of a character offset.
export function position(text, at) {
	let line = 1;
	let start = 0;
	for (let i = text.indexOf("\n"); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) {
		line += 1;
		start = i + 1;
	}
	return { line, column: at - start + 1 };
}

export function parseStack(text) {
	try {
		if (text.length > MAX_TEXT)
			throw new ParseError(`the text is longer than ${MAX_TEXT} characters`, MAX_TEXT);
		const layers = new Parser(text)
			.stack()
			.map(({ at, ...layer }) => ({ ...layer, ...position(text, at) }));
		return { layers };
	} catch (error) {
		if (!(error instanceof ParseError)) throw error;
		return { error: { message: error.message, ...position(text, error.at) } };
	}
}

const quoted = (names) => names.map((n) => `'${n}'`);
function nameList(names) {
	// Python's "'a', 'b', and 'c'"
	const q = quoted(names);
	return q.length < 3
		? q.join(" and ")
		: `${q.slice(0, -1).join(", ")}, and ${q.at(-1)}`;
}

// The call's arguments by parameter name, or Python's TypeError for
// nn.<type>(...) when they do not fit its __init__ (CPython's order:
// keywords, then too many positional, then missing ones).
export function bindArguments({ type, positional, keywords }) {
	const { params, keywordOnly = [], init = type } = LAYERS[type];
	if (params === "*") return { args: {} };
	const fail = (message) => ({
		error: { type: "TypeError", message: `${init}.__init__() ${message}` },
	});
	const names = params.map(([name]) => name);
	const args = {};
	positional.slice(0, names.length).forEach((value, i) => {
		args[names[i]] = value;
	});
	for (const [name, value] of Object.entries(keywords)) {
		if (!names.includes(name) && !keywordOnly.some(([k]) => k === name)) {
			return fail(`got an unexpected keyword argument '${name}'`);
		}
		if (name in args) return fail(`got multiple values for argument '${name}'`);
		args[name] = value;
	}
	if (positional.length > names.length) {
		const required = params.filter((p) => p.length === 1).length;
		const takes =
			required === names.length
				? `${names.length + 1}`
				: `from ${required + 1} to ${names.length + 1}`;
		const plural = takes === "1" ? "argument" : "arguments";
		return fail(
			`takes ${takes} positional ${plural} but ${positional.length + 1} were given`,
		);
	}
	const missing = params
		.filter((p) => p.length === 1 && !(p[0] in args))
		.map(([name]) => name);
	if (missing.length) {
		return fail(
			`missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${nameList(missing)}`,
		);
	}
	return { args };
}

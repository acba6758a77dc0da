// The tokens of a stack as it appears in code (stackparse.js reads them):
// names, numbers, strings and operators, with where each starts; comments and
// white space dropped. A character no token takes is a ParseError.
const TOKEN =
	/\s+|#[^\n]*|(?<name>[A-Za-z_]\w*)|(?<number>(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)|(?<string>'[^'\n\\]*'|"[^"\n\\]*")|(?<op>[()[\],=.\-+*])/y;

export class ParseError {
	constructor(message, at) {
		this.message = message;
		this.at = at;
	}
}

// The tokens of `text`, then an end token.
export function tokenize(text) {
	const tokens = [];
	TOKEN.lastIndex = 0;
	while (TOKEN.lastIndex < text.length) {
		const at = TOKEN.lastIndex;
		const match = TOKEN.exec(text);
		if (!match)
			throw new ParseError(`unexpected character ${JSON.stringify(text[at])}`, at);
		const { name, number, string, op } = match.groups;
		const kind =
			name !== undefined
				? "name"
				: number !== undefined
					? "number"
					: string !== undefined
						? "string"
						: op !== undefined
							? "op"
							: null;
		if (kind) tokens.push({ kind, value: match[0], at });
	}
	tokens.push({ kind: "end", value: "the end of the text", at: text.length });
	return tokens;
}

// How a message names a token: 'x', or the end of the text.
export const shown = (token) =>
	token.kind === "end" ? token.value : `'${token.value}'`;

// A number token's value: an int, or {float: x} (Python's 2.0 is not 2).
export function number(text, at) {
	const digits = text.replaceAll("_", "");
	if (/^\d+$/.test(digits)) {
		const value = Number(digits);
		if (!Number.isSafeInteger(value))
			throw new ParseError(`the number ${text} is too large`, at);
		return value;
	}
	const value = Number(digits);
	if (!Number.isFinite(value))
		throw new ParseError(`the number ${text} is not one the tracer can read`, at);
	return { float: value };
}

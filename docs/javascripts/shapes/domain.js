// The modelled domain shared by the shape rules, mirroring shapes/domain.py:
// what the model claims to know (Outside for the rest), PyTorch's refusals
// (Refusal: its exception type and message) and Python's spelling of values.
export const BIG = 2 ** 31 - 1; // the largest number the model takes

export class Refusal {
	constructor(type, message) {
		this.type = type;
		this.message = message;
	}
}
export class Outside {
	constructor(what) {
		this.message = `modelled: ${what}`;
	}
}
export const refuse = (type, message) => {
	throw new Refusal(type, message);
};
export const modelled = (ok, what) => {
	if (!ok) throw new Outside(what);
};
// device= and dtype= change no shape: the model takes only None.
export const noDevice = (a) =>
	modelled(a.device === null && a.dtype === null, "device and dtype None");
export const list = (values) => `[${values.join(", ")}]`;
export const isInt = (v) => Number.isInteger(v) && Math.abs(v) <= BIG;
export const isBool = (v) => typeof v === "boolean";
export const prod = (values) => values.reduce((a, b) => a * b, 1);
export const numberOf = (v) =>
	v !== null && typeof v === "object" && "float" in v ? v.float : v;

// Python's str() of an int or float argument.
export function pyNumber(v) {
	const x = numberOf(v);
	if (x === v && Number.isInteger(x)) return String(x);
	if (x !== 0 && (Math.abs(x) >= 1e16 || Math.abs(x) < 1e-4)) {
		return x.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
	}
	return Number.isInteger(x) ? `${x}.0` : String(x);
}

// An int for each of `count` axes, as nn.Conv{count}d expands one.
export const perAxis = (value, count) =>
	Array.isArray(value) ? value : Array(count).fill(value);

// An int or `count` ints, each in [low, BIG], as an array.
export function intArgs(value, low, name, count = 2) {
	const values = Number.isInteger(value) ? Array(count).fill(value) : value;
	modelled(
		Array.isArray(values) &&
			values.length === count &&
			values.every((v) => isInt(v) && v >= low),
		`${name} as an int or ${count} ints from ${low} to ${BIG}`,
	);
	return values;
}

// Python's str() of a tuple: (5, 6), (12,), (2.0, 3.0).
export const pyTuple = (values) =>
	`(${values.map(pyNumber).join(", ")}${values.length === 1 ? "," : ""})`;

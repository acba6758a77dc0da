// Practice problems with fresh numbers, with no DOM: draw(seed, kind) makes
// the same problem for the same seed, everywhere (a link shares it), and
// grade(problem, text) says whether a typed answer is right. Every size comes
// from the shape modules (shapes/conv.js, shapes/layers.js), never from a formula
// written here; the hints only show the formulas with the problem's numbers.
import { explore } from "./shapes/conv.js";
import { layerOutput } from "./shapes/layers.js";

export const KINDS = ["output", "padding", "stride", "linear", "pool"];
export const MAX_SEED = 2 ** 32 - 1;
const MAX_ANSWER_LENGTH = 80;

// mulberry32: a small, well-mixed 32-bit generator; numbers in [0, 1).
export function generator(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = Math.imul(state ^ (state >>> 15), state | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
}

// What nn.Conv2d(c, o, kernel_size=k, stride=s, padding=p, dilation=d) does to (n, c, h, w).
function conv({ n, c, o, h, w, k, s, p, d = 1 }) {
	return explore({
		input: [n, c, h, w],
		in_channels: c,
		out_channels: o,
		kernel_size: [k, k],
		stride: [s, s],
		padding: [p, p],
		dilation: [d, d],
		groups: 1,
		bias: true,
		padding_mode: "zeros",
	});
}

// Optional arguments as Python writes them, `hide` as "?": ", stride=2, padding=?".
const keywords = (args, hide = "") =>
	args
		.map(([name, value, plain]) =>
			name === hide ? `, ${name}=?` : value === plain ? "" : `, ${name}=${value}`,
		)
		.join("");
const convLine = ({ c, o, k, s, p, d = 1 }, hide = "") =>
	`nn.Conv2d(${c}, ${o}, kernel_size=${k}${keywords(
		[
			["stride", s, 1],
			["padding", p, 0],
			["dilation", d, 1],
		],
		hide,
	)})`;
const shapeText = (shape) => `(${shape.join(", ")})`;
const torchSize = (shape) => `torch.Size([${shape.join(", ")}])`;
const setup = (v) =>
	`import torch\nfrom torch import nn\nx = torch.randn(${v.n}, ${v.c}, ${v.h}, ${v.w})`;

// ⌊(20 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1: the output size, `unknown` (p or s) left as a letter.
function formula(v, size, unknown = "", ceil = false) {
	const [p, s] = [unknown === "padding" ? "p" : v.p, unknown === "stride" ? "s" : v.s];
	const [open, close] = ceil ? ["⌈", "⌉"] : ["⌊", "⌋"];
	return `${open}(${size} + 2·${p} − ${v.d ?? 1}·(${v.k} − 1) − 1) / ${s}${close} + 1`;
}

// One function per kind: the problem's numbers `v`, its answer (a shape, or one
// number called `name`), what the solution prints, or null to draw again.
const DRAW = {
	output(rand, int) {
		const v = {
			n: int(1, 8),
			c: int(1, 16),
			o: int(1, 32),
			h: int(5, 64),
			w: int(5, 64),
			k: int(1, 7),
			s: int(1, 3),
			d: rand() < 0.2 ? 2 : 1,
		};
		v.p = int(0, Math.floor(v.k / 2));
		const { shape } = conv(v);
		if (!shape) return null; // a kernel wider than the padded input: draw again
		return {
			v,
			answer: shape,
			printed: torchSize(shape),
			question: "What shape does `conv(x)` have?",
			given: `${setup(v)}\nconv = ${convLine(v)}`,
			hint: `H_out = ${formula(v, v.h)}, and the same with W = ${v.w}; N stays ${v.n}, C becomes out_channels.`,
			solution: `${setup(v)}\nconv = ${convLine(v)}\nprint(conv(x).shape)`,
		};
	},
	padding(_rand, int) {
		// stride 1 or 2: each step of padding adds 2 ≥ stride, so one padding fits
		const v = {
			n: int(1, 8),
			c: int(1, 16),
			o: int(1, 32),
			h: int(5, 64),
			k: int(1, 4) * 2 - 1,
			s: int(1, 2),
		};
		v.w = v.h;
		v.p = int(0, v.k);
		const { shape } = conv(v);
		if (!shape) return null;
		return {
			v,
			answer: [v.p],
			name: "padding",
			target: shape[2],
			printed: torchSize(shape),
			question: `Which \`padding\` makes \`conv(x)\` of shape ${shapeText(shape)}?`,
			given: `${setup(v)}\nconv = ${convLine(v, "padding")}`,
			hint: `${shape[2]} = ${formula(v, v.h, "padding")}: solve for p.`,
			solution: `${setup(v)}\nconv = ${convLine(v)}\nprint(conv(x).shape)`,
		};
	},
	stride(_rand, int) {
		const v = {
			n: int(1, 8),
			c: int(1, 16),
			o: int(1, 32),
			h: int(8, 64),
			k: int(1, 5),
			s: int(1, 4),
		};
		v.w = v.h;
		v.p = int(0, Math.floor(v.k / 2));
		const out = (s) => conv({ ...v, s }).shape?.[2];
		const size = out(v.s);
		// Only a stride no neighbour shares (sizes fall as the stride grows): one answer.
		if (
			size === undefined ||
			out(v.s + 1) === size ||
			(v.s > 1 && out(v.s - 1) === size)
		)
			return null;
		const shape = [v.n, v.o, size, size];
		return {
			v,
			answer: [v.s],
			name: "stride",
			target: size,
			printed: torchSize(shape),
			question: `Which \`stride\` makes \`conv(x)\` of shape ${shapeText(shape)}?`,
			given: `${setup(v)}\nconv = ${convLine(v, "stride")}`,
			hint: `${size} = ${formula(v, v.h, "stride")}: try s = 1, 2, 3, … until it fits.`,
			solution: `${setup(v)}\nconv = ${convLine(v)}\nprint(conv(x).shape)`,
		};
	},
	linear(_rand, int) {
		// Conv2d, ReLU, MaxPool2d(2), Flatten, then Linear(?, 10)
		const v = {
			n: int(1, 8),
			c: int(1, 8),
			o: int(2, 32),
			h: int(6, 48),
			w: int(6, 48),
			k: int(1, 5),
			s: int(1, 2),
		};
		v.p = int(0, Math.floor(v.k / 2));
		const { shape } = conv(v);
		const pooled =
			shape &&
			layerOutput({ type: "MaxPool2d", args: { kernel_size: 2 } }, shape).shape;
		if (!pooled) return null; // a conv output of 1 pixel: nothing left to pool
		const features = layerOutput({ type: "Flatten", args: {} }, pooled).shape[1];
		const model = (linear) =>
			`${setup(v)}\nmodel = nn.Sequential(\n    ${convLine(v)},\n    nn.ReLU(),\n` +
			`    nn.MaxPool2d(2),\n    nn.Flatten(),\n    nn.Linear(${linear}, 10),\n)`;
		return {
			v,
			answer: [features],
			name: "in_features",
			printed: torchSize([v.n, 10]),
			question: "Which `in_features` does the `nn.Linear` need?",
			given: model("?"),
			hint:
				`Flatten gives C·H·W numbers per sample, with C = ${v.o}. After the Conv2d, ` +
				`H = ${formula(v, v.h)} and W = ${formula(v, v.w)}; MaxPool2d(2) then takes each to ⌊(H − 2) / 2⌋ + 1.`,
			solution: `${model(features)}\nprint(model(x).shape)`,
		};
	},
	pool(rand, int) {
		const v = {
			n: int(1, 8),
			c: int(1, 32),
			h: int(4, 64),
			w: int(4, 64),
			k: int(2, 4),
			d: 1,
		};
		v.s = rand() < 0.6 ? v.k : int(1, v.k);
		v.p = int(0, Math.floor(v.k / 2));
		const type = rand() < 0.7 ? "MaxPool2d" : "AvgPool2d";
		const ceil = rand() < 0.25;
		const { shape } = layerOutput(
			{ type, args: { kernel_size: v.k, stride: v.s, padding: v.p, ceil_mode: ceil } },
			[v.n, v.c, v.h, v.w],
		);
		if (!shape) return null;
		const line = `nn.${type}(kernel_size=${v.k}${keywords([
			["stride", v.s, v.k],
			["padding", v.p, 0],
			["ceil_mode", ceil ? "True" : "False", "False"],
		])})`;
		return {
			v,
			answer: shape,
			printed: torchSize(shape),
			question: "What shape does `pool(x)` have?",
			given: `${setup(v)}\npool = ${line}`,
			hint:
				`H_out = ${formula(v, v.h, "", ceil)}${ceil ? " (rounded up, but no window may start past the input)" : ""}` +
				`, and the same with W = ${v.w}; N and C stay (${v.n}, ${v.c}).`,
			solution: `${setup(v)}\npool = ${line}\nprint(pool(x).shape)`,
		};
	},
};

// The problem of `seed` (a whole number 0..MAX_SEED), of `kind` or of the kind the seed draws.
export function draw(seed, kind) {
	const rand = generator(seed);
	const int = (low, high) => low + Math.floor(rand() * (high - low + 1));
	const chosen = KINDS.includes(kind) ? kind : KINDS[int(0, KINDS.length - 1)];
	for (;;) {
		// a draw that does not fit is drawn again, from the same sequence
		const problem = DRAW[chosen](rand, int);
		if (problem) {
			return {
				seed,
				kind: chosen,
				...problem,
				answerText: problem.name
					? `${problem.name}=${problem.answer[0]}`
					: shapeText(problem.answer),
			};
		}
	}
}

// The whole numbers of an answer: "(8, 16, 5, 5)", "torch.Size([8, 16, 5, 5])", "8 16 5 5", "2".
export function readAnswer(text) {
	const trimmed = text.trim();
	if (!trimmed) return { error: "Type an answer first." };
	if (trimmed.length > MAX_ANSWER_LENGTH)
		return { error: `That is more than ${MAX_ANSWER_LENGTH} characters.` };
	const inner = trimmed
		.replace(/^torch\.Size\(\s*\[(.*)\]\s*\)$/, "$1")
		.replace(/^[([](.*)[)\]]$/, "$1");
	const parts = inner.split(/\s*,\s*|\s+/).filter(Boolean);
	if (!parts.every((part) => /^\d+$/.test(part))) {
		return {
			error: "Write whole numbers only, separated by commas, such as (8, 16, 5, 5).",
		};
	}
	if (parts.some((part) => part.length > 9))
		return { error: "That number is far too large for any answer here." };
	return { numbers: parts.map(Number) };
}

// {right, message}: the learner's answer to `problem`, or why it cannot be read.
export function grade(problem, text) {
	const { numbers, error } = readAnswer(text);
	if (error) return { right: false, message: error, unreadable: true };
	const want = problem.answer;
	if (numbers.length !== want.length) {
		return {
			right: false,
			unreadable: true,
			message:
				want.length === 1
					? "One number, please."
					: `A shape here has ${want.length} numbers: (N, C, H, W).`,
		};
	}
	if (numbers.every((n, i) => n === want[i])) {
		return {
			right: true,
			message: `Right: ${problem.name ? problem.answerText : `the shape is ${problem.answerText}`}.`,
		};
	}
	if (want.length === 1)
		return { right: false, message: "Not this one: try again, or ask for a hint." };
	const off = ["N", "C", "H", "W"].filter((_, i) => numbers[i] !== want[i]);
	return {
		right: false,
		message: `Not yet: check ${off.join(" and ")}. Try again, or ask for a hint.`,
	};
}

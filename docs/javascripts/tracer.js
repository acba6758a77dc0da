// The layer-stack tracer widget (docs/tools/tracer.md): an input shape and a
// stack in, stacktrace.js's table and torchinfo's totals out. Its state lives in
// the address bar as #input=4,3,32,32&stack=<URL-encoded nn.Sequential text>, with
// &dtype=float16 (say) where the dtype is not float32, so a stack can be shared
// and reloaded.

import { DTYPES } from "./shapes/cost.js";
import { olderWordings } from "./shapes/rewordings.js";
import { formatShape, linearLine, trace } from "./stacktrace.js";
import { hashState, mount, onHashState, writeHash } from "./widget.js";

const DEFAULT_INPUT = "4, 3, 32, 32";
const DEFAULT_DTYPE = "float32";
const DEFAULT_STACK = `nn.Sequential(
    nn.Conv2d(3, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(64 * 8 * 8, 10),
)`;

function element(tag, attributes = {}, ...children) {
	const node = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes))
		node.setAttribute(name, value);
	node.append(...children);
	return node;
}

// {input, stack} from the hash, or a note on what could not be read.
function fromHash(hash) {
	const state = {};
	const unknown = [];
	for (const part of hash.split("&")) {
		const [key, ...rest] = part.split("=");
		try {
			const value = decodeURIComponent(rest.join("=").replaceAll("+", " "));
			if (key === "input" || key === "stack") state[key] = value;
			else if (key === "dtype" && Object.hasOwn(DTYPES, value)) state.dtype = value;
			else if (key === "dtype")
				state.note = `The tracer does not know the dtype ${value}; float32 is shown instead.`;
			else unknown.push(key);
		} catch {
			state.note = `The address's ${key} is not valid URL encoding; the default is shown instead.`;
		}
	}
	if (unknown.length)
		state.note = `The tracer does not know the address's key ${unknown.join(", ")}.`;
	return state;
}

const hashOf = (input, stack, dtype) =>
	`#input=${input
		.split(",")
		.map((n) => n.trim())
		.join(",")}&stack=${encodeURIComponent(stack)}` +
	(dtype === DEFAULT_DTYPE ? "" : `&dtype=${dtype}`);

function row(cells, className) {
	return element("tr", className ? { class: className } : {}, ...cells);
}

const unmodelled = (r) => r.outside.replace(/^modelled: /, "");
// Under a message in the newest release's words, what older releases print.
const olderLines = (message) =>
	olderWordings(message).flatMap(({ releases, message: words }) => [
		element("br"),
		element("small", {}, `PyTorch ${releases}: ${words}`),
	]);
const count = (n) => (n === null ? "past 2**53" : n.toLocaleString("en-US"));
const axesText = (sizes) => (sizes ? sizes.join(" × ") : "—");
const AXES = [[], ["length"], ["height", "width"], ["depth", "height", "width"]];
// Adaptive pooling's windows, [start, end) of each output index, one line per axis.
const windowLines = (axes) =>
	axes.flatMap(({ out, windows }, a) => {
		const parts = windows.map(([i, start, end]) => `${i}: [${start}, ${end})`);
		const shown =
			out > windows.length
				? `${parts.slice(0, 3).join(", ")}, …, ${parts[3]}`
				: parts.join(", ");
		return [
			element("br"),
			element("small", {}, `${AXES[axes.length][a]} windows: ${shown}`),
		];
	});

const td = (...children) => element("td", {}, ...children);
const wide = (...children) => element("td", { colspan: 6 }, ...children);

// A layer's row: its numbers, PyTorch's error, what the model leaves out, or
// "not reached".
function layerRow(r, i) {
	const head = [td(String(i + 1)), td(element("code", {}, r.call))];
	if (r.shape) {
		const numbers = [r.params, r.mult_adds, r.output_bytes].map((n) => td(count(n)));
		const windows = r.windows ? windowLines(r.windows) : [];
		return row([
			...head,
			td(formatShape(r.shape)),
			...numbers,
			td(axesText(r.field), ...windows),
			td(axesText(r.jump)),
		]);
	}
	if (r.error) {
		const { type, message } = r.error;
		const why = [element("strong", {}, `${type}: `), message, ...olderLines(message)];
		return row([...head, wide(...why)], "tracer-error");
	}
	if (r.outside) {
		const why = `The tracer models only ${unmodelled(r)}: here PyTorch's answer may depend on more than the shapes.`;
		return row([...head, wide(why)], "tracer-error");
	}
	return row([...head, wide("not reached")], "tracer-skipped");
}

// The table's rows, the summary and the Python for a trace() answer.
function render(parts, answer, dtype) {
	const { tbody, summary, totals, bytesHead, python, problem } = parts;
	tbody.replaceChildren();
	summary.replaceChildren();
	totals.replaceChildren();
	bytesHead.textContent = `Output bytes (${dtype})`;
	if (answer.problem) {
		const { message, line, column, where } = answer.problem;
		problem.textContent =
			where === "input"
				? `Input shape: ${message}.`
				: `Stack, line ${line}, column ${column}: ${message}.`;
		python.textContent = "";
		return;
	}
	problem.textContent = "";
	const field = answer.inputField;
	tbody.append(
		row(
			["0", "input", formatShape(answer.input), "0", "0", count(answer.inputBytes)]
				.concat([axesText(field), axesText(field)])
				.map((text) => td(text)),
		),
		...answer.rows.map(layerRow),
	);
	const total = answer.rows.reduce((sum, r) => sum + (r.params ?? 0), 0);
	const lines = [];
	if (answer.failed !== null) {
		const failed = answer.rows[answer.failed];
		lines.push(
			failed.error
				? `PyTorch stops at layer ${answer.failed + 1} with ${failed.error.type}: ` +
						`${failed.error.message}`
				: `The tracer stops at layer ${answer.failed + 1}: it models only ` +
						`${unmodelled(failed)}.`,
		);
	} else {
		lines.push(
			`Output shape ${formatShape(answer.rows.at(-1).shape)}, ${total.toLocaleString("en-US")} parameters.`,
		);
	}
	if (answer.firstLinear) lines.push(linearLine(answer.firstLinear));
	summary.append(...lines.map((line) => element("p", {}, line)));
	if (answer.totals) {
		totals.append(
			element("p", {}, `Totals, as torchinfo 1.8.0's summary prints them (${dtype}):`),
			element(
				"pre",
				{},
				element("code", { tabindex: "0" }, answer.totals.text.join("\n")),
			),
		);
	} else if (answer.failed === null) {
		totals.append(
			element("p", {}, "The totals pass 2**53, past what the tracer counts exactly."),
		);
	}
	python.textContent = answer.python;
}

function build(root) {
	const input = element("input", {
		id: "tracer-input",
		type: "text",
		spellcheck: "false",
		autocomplete: "off",
		"aria-describedby": "tracer-problem",
	});
	const stack = element("textarea", {
		id: "tracer-stack",
		rows: "9",
		spellcheck: "false",
		autocomplete: "off",
		"aria-describedby": "tracer-problem",
	});
	const problem = element("p", {
		id: "tracer-problem",
		class: "tracer-problem",
		role: "status",
	});
	const tbody = element("tbody");
	const bytesHead = element("th", { scope: "col" });
	const heads = [
		..."#|Layer|Output shape|Parameters|Mult-adds".split("|"),
		bytesHead,
		"Receptive field",
		"Jump",
	].map((name) =>
		typeof name === "string" ? element("th", { scope: "col" }, name) : name,
	);
	const dtype = element(
		"select",
		{ id: "tracer-dtype" },
		...Object.keys(DTYPES).map((name) =>
			element("option", { value: name }, `${name} (${DTYPES[name]} bytes)`),
		),
	);
	const table = element(
		"div",
		{
			class: "tracer-scroll",
			tabindex: "0",
			role: "region",
			"aria-label": "Shapes layer by layer",
		},
		element("table", {}, element("thead", {}, element("tr", {}, ...heads)), tbody),
	);
	const summary = element("div", { class: "tracer-summary" });
	const totals = element("div", { class: "tracer-totals" });
	const python = element("code", { tabindex: "0" }); // it scrolls (Material: pre > code)
	const note = element("p", { class: "tracer-problem" });
	root.replaceChildren(
		note,
		element(
			"p",
			{},
			element(
				"label",
				{ for: "tracer-input" },
				"Input shape, batch first: (N, C, L), (N, C, H, W), (N, C, D, H, W), or without N for one sample",
			),
			input,
		),
		element(
			"p",
			{},
			element(
				"label",
				{ for: "tracer-stack" },
				"Layers: nn.Sequential(...) as in code, or one layer per line",
			),
			stack,
		),
		element(
			"p",
			{},
			element("label", { for: "tracer-dtype" }, "Output bytes and sizes for the dtype"),
			dtype,
		),
		problem,
		table,
		summary,
		totals,
		element("p", {}, "The same stack in Python, to run yourself:"),
		element("pre", { class: "tracer-python" }, python),
	);
	const parts = { tbody, summary, totals, bytesHead, python, problem };
	const update = (write) => {
		const answer = trace(input.value, stack.value, dtype.value);
		render(parts, answer, dtype.value);
		input.setAttribute("aria-invalid", String(answer.problem?.where === "input"));
		stack.setAttribute("aria-invalid", String(answer.problem?.where === "stack"));
		if (write) writeHash(hashOf(input.value, stack.value, dtype.value));
	};
	const load = (hash) => {
		const state = hash === null ? {} : fromHash(hash);
		input.value = state.input ?? DEFAULT_INPUT;
		stack.value = state.stack ?? DEFAULT_STACK;
		dtype.value = state.dtype ?? DEFAULT_DTYPE;
		note.textContent = state.note ?? "";
		update(false);
	};
	input.addEventListener("input", () => update(true));
	stack.addEventListener("input", () => update(true));
	dtype.addEventListener("change", () => update(true));
	onHashState(load);
	load(hashState());
}

mount("tracer", build);

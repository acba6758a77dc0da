// The layer-stack tracer widget (docs/tools/tracer.md): an input shape and a
// stack in, stacktrace.js's table out. Its state lives in the address bar as
// #input=N,C,H,W&stack=<URL-encoded nn.Sequential text>, so a stack can be
// shared and reloaded.
import { olderWordings } from "./shapes/rewordings.js";
import { formatShape, linearLine, trace } from "./stacktrace.js";
import { hashState, mount, onHashState, writeHash } from "./widget.js";

const DEFAULT_INPUT = "4, 3, 32, 32";
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
			else unknown.push(key);
		} catch {
			state.note = `The address's ${key} is not valid URL encoding; the default is shown instead.`;
		}
	}
	if (unknown.length)
		state.note = `The tracer does not know the address's key ${unknown.join(", ")}.`;
	return state;
}

const hashOf = (input, stack) =>
	`#input=${input
		.split(",")
		.map((n) => n.trim())
		.join(",")}&stack=${encodeURIComponent(stack)}`;

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
const fieldText = (field) => (field ? `${field[0]} × ${field[1]}` : "—");

// The table's rows, the summary and the Python for a trace() answer.
function render(parts, answer) {
	const { tbody, summary, python, problem } = parts;
	tbody.replaceChildren();
	summary.replaceChildren();
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
	tbody.append(
		row([
			element("td", {}, "0"),
			element("td", {}, "input"),
			element("td", {}, formatShape(answer.input)),
			element("td", {}, "0"),
			element("td", {}, answer.input.length >= 3 ? "1 × 1" : "—"),
		]),
	);
	let total = 0;
	answer.rows.forEach((r, i) => {
		const cells = [
			element("td", {}, String(i + 1)),
			element("td", {}, element("code", {}, r.call)),
		];
		if (r.shape) {
			total += r.params;
			tbody.append(
				row([
					...cells,
					element("td", {}, formatShape(r.shape)),
					element("td", {}, r.params.toLocaleString("en-US")),
					element("td", {}, fieldText(r.field)),
				]),
			);
		} else if (r.error) {
			tbody.append(
				row(
					[
						...cells,
						element(
							"td",
							{ colspan: 3 },
							element("strong", {}, `${r.error.type}: `),
							r.error.message,
							...olderLines(r.error.message),
						),
					],
					"tracer-error",
				),
			);
		} else if (r.outside) {
			tbody.append(
				row(
					[
						...cells,
						element(
							"td",
							{ colspan: 3 },
							`The tracer models only ${unmodelled(r)}: ` +
								"here PyTorch's answer may depend on more than the shapes.",
						),
					],
					"tracer-error",
				),
			);
		} else {
			tbody.append(
				row([...cells, element("td", { colspan: 3 }, "not reached")], "tracer-skipped"),
			);
		}
	});
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
	const heads = ["#", "Layer", "Output shape", "Parameters", "Receptive field"].map(
		(name) => element("th", { scope: "col" }, name),
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
				"Input shape: (N, C, H, W), or (C, H, W) for one image",
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
		problem,
		table,
		summary,
		element("p", {}, "The same stack in Python, to run yourself:"),
		element("pre", { class: "tracer-python" }, python),
	);
	const parts = { tbody, summary, python, problem };
	const update = (write) => {
		const answer = trace(input.value, stack.value);
		render(parts, answer);
		input.setAttribute("aria-invalid", String(answer.problem?.where === "input"));
		stack.setAttribute("aria-invalid", String(answer.problem?.where === "stack"));
		if (write) writeHash(hashOf(input.value, stack.value));
	};
	const load = (hash) => {
		const state = hash === null ? {} : fromHash(hash);
		input.value = state.input ?? DEFAULT_INPUT;
		stack.value = state.stack ?? DEFAULT_STACK;
		note.textContent = state.note ?? "";
		update(false);
	};
	input.addEventListener("input", () => update(true));
	stack.addEventListener("input", () => update(true));
	onHashState(load);
	load(hashState());
}

mount("tracer", build);

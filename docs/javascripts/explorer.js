// The Conv2d shape explorer: nn.Conv2d's arguments in, what PyTorch does out.
// <div data-conv-explorer [data-preset="n=8&c=3&..."] [data-url-state] [data-link=URL]>
import { picture } from "./explorer-grid.js";
import { explore, PADDING_MODES, unseenCells } from "./shapes/conv.js";
import { hashState, mount, onHashState, WIDGETS, writeHash } from "./widget.js";

const MAX = 4096;
const NUMBERS = [
	["n", "batch N", 1, 1, 1, "input.0"],
	["c", "channels C", 1, 1, 3, "input.1"],
	["h", "height H", 1, 1, 8, "input.2"],
	["w", "width W", 1, 1, 8, "input.3"],
	["i", "in_channels", 1, 1, 3, "in_channels"],
	["o", "out_channels", 1, 1, 4, "out_channels"],
	["kh", "kernel kh", 1, 1, 3, "kernel_size.0"],
	["kw", "kernel kw", 1, 1, 3, "kernel_size.1"],
	["sh", "stride sh", 0, 1, 1, "stride.0"],
	["sw", "stride sw", 0, 1, 1, "stride.1"],
	["dh", "dilation dh", 1, 1, 1, "dilation.0"],
	["dw", "dilation dw", 1, 1, 1, "dilation.1"],
	["g", "groups", 0, 1, 1, "groups"],
	["ph", "padding ph", 0, 0, 0, "padding.0"],
	["pw", "padding pw", 0, 0, 0, "padding.1"],
].map(([key, label, least, accepted, start, argument]) => ({
	key,
	label,
	least,
	accepted,
	start,
	argument,
}));
// The values a link may give the other fields (the first is the default).
const CHOICES = {
	pad: ["numbers", "same", "valid"],
	mode: PADDING_MODES,
	bias: ["1", "0", "true", "false"],
};
const LABELS = { pad: "padding", mode: "padding_mode" };
const DEFAULTS = {
	...Object.fromEntries(NUMBERS.map((f) => [f.key, `${f.start}`])),
	...Object.fromEntries(
		Object.entries(CHOICES).map(([key, values]) => [key, values[0]]),
	),
};
// shapes/conv.js's names of the arguments at fault -> the fields that set them
const FIELD_OF = {
	padding: "pad",
	padding_mode: "mode",
	...Object.fromEntries(NUMBERS.map((f) => [f.argument, f.key])),
};
const FIELDSETS = {
	"Input x": [...WIDGETS.explorer.inputKeys].join(" "),
	Layer: "i o kh kw sh sw dh dw g bias",
	Padding: "pad ph pw mode",
};
const KEYS = Object.values(FIELDSETS).join(" ").split(" ");

// The form's values (numbers parsed) as shapes/conv.js's config.
const configOf = (v) => ({
	input: [v.n, v.c, v.h, v.w],
	in_channels: v.i,
	out_channels: v.o,
	kernel_size: [v.kh, v.kw],
	stride: [v.sh, v.sw],
	dilation: [v.dh, v.dw],
	groups: v.g,
	padding: v.pad === "numbers" ? [v.ph, v.pw] : v.pad,
	bias: v.bias === "1",
	padding_mode: v.mode,
});

// [value, or null if unusable; why the field is refused or doubtful]
function parse(text, least, accepted) {
	const n = text.trim() && Number(text);
	if (typeof n !== "number" || Number.isNaN(n)) return [null, "enter a whole number"];
	if (n > MAX || n < least)
		return [null, n > MAX ? `at most ${MAX}` : `at least ${least}`];
	if (!/^\s*-?\d+\s*$/.test(text))
		return [null, Number.isInteger(n) ? `write it as ${n}` : "enter a whole number"];
	return [n, n < accepted ? `PyTorch needs ≥ ${accepted}` : ""];
}

// A link's settings over `base`, and what it holds that the explorer cannot use.
function read(params, base) {
	const state = { ...base, i: params.get("i") ?? params.get("c") ?? base.i };
	const ignored = [];
	for (const [key, value] of params) {
		const choices = CHOICES[key];
		if (!(key in DEFAULTS)) ignored.push(`${key} (not a setting)`);
		else if (choices && !choices.includes(value))
			ignored.push(`${key}=${value} (not one of ${choices.join(", ")})`);
		else if (key !== "i") state[key] = value;
	}
	return [state, ignored.length ? `Ignored in the link: ${ignored.join("; ")}.` : ""];
}

const pair = ([a, b]) => (a === b ? `${a}` : `(${a}, ${b})`);

function code(c) {
	const args = [c.in_channels, c.out_channels, `kernel_size=${pair(c.kernel_size)}`];
	const add = (name, value, plain) => value !== plain && args.push(`${name}=${value}`);
	add("stride", pair(c.stride), "1");
	add("padding", Array.isArray(c.padding) ? pair(c.padding) : `"${c.padding}"`, "0");
	add("dilation", pair(c.dilation), "1");
	add("groups", c.groups, 1);
	add("bias", c.bias ? "True" : "False", "True");
	add("padding_mode", `"${c.padding_mode}"`, '"zeros"');
	return (
		`import torch\nfrom torch import nn\nx = torch.randn(${c.input.join(", ")})\n` +
		`conv = nn.Conv2d(${args.join(", ")})\nprint(conv(x).shape)`
	);
}

function formula(name, a, unit) {
	const pad = a.before === a.after ? `2·${a.before}` : `${a.before} + ${a.after}`;
	const input = Math.max(0, a.dropped - a.after);
	return (
		`${name}_out = ⌊(${a.size} + ${pad} − ${a.dilation}·(${a.kernel} − 1) − 1) / ${a.stride}⌋ + 1` +
		` = ⌊${a.size + a.before + a.after - a.span} / ${a.stride}⌋ + 1 = ${a.out}; ${a.dropped} ${unit}${a.dropped === 1 ? "" : "s"} ` +
		`dropped at the end (${input} of input, ${a.dropped - input} of padding)`
	);
}

// One axis: its label, then padding, input cells (red: no output depends on
// them) and, under them, the first and last kernel positions.
function axisSvg(a, name, unit, mode) {
	const cells = a.size + a.before + a.after;
	const label =
		`<p class="cx-axis">${name}: ${a.before} + ${a.size} + ${a.after} ${unit}s ` +
		`(padding, input, padding), ${a.out} kernel positions`;
	if (cells > 60) return `${label}; too many to draw.</p>`;
	const unseen = unseenCells(a, mode);
	const rows = [...Array(a.out).keys()].filter((i) => i < 4 || i >= a.out - 2);
	let body = "";
	for (let i = 0; i < cells; i++) {
		const kind =
			i < a.before || i >= a.before + a.size
				? "pad"
				: unseen.includes(i - a.before)
					? "unseen"
					: "in";
		body += `<rect class="${kind}" x="${i * 12}" width="10" height="10"/>`;
	}
	rows.forEach((p, row) => {
		const y = row * 12 + 18;
		const x = (cell) => (p * a.stride + cell) * 12 + 5;
		body += `<path d="M${x(0)} ${y}H${x(a.span - 1)}"/>`;
		for (let t = 0; t < a.kernel; t++)
			body += `<circle cx="${x(t * a.dilation)}" cy="${y}" r="3"/>`;
	});
	return (
		`${label}</p><svg role="img" aria-label="${name}: input ${unit}s no output depends on: ` +
		`${unseen.join(", ") || "none"}" viewBox="-1 -1 ${cells * 12} ${rows.length * 12 + 14}" ` +
		`width="${cells * 18}">${body}</svg>`
	);
}

const KEY = `<p class="cx-key">${[
	["in", "input"],
	["unseen", "input no output depends on"],
	["pad", "padding"],
	["read", "input the picked output reads"],
	["tap", "kernel taps: the picked output's; under a strip, a row per kernel position"],
]
	.map(([kind, text]) => `<span><i class="${kind}"></i> ${text}</span>`)
	.join(" ")}</p>`;

function field(id, key) {
	if (key === "bias")
		return '<label class="cx-check"><input type="checkbox" name="bias"> bias</label>';
	const why = `<small id="${id + key}-why"></small>`;
	const label = `<label for="${id + key}">${LABELS[key] ?? NUMBERS.find((f) => f.key === key).label}</label>`;
	const control = CHOICES[key]
		? `<select id="${id + key}" name="${key}"><option>${CHOICES[key].join("<option>")}</select>`
		: `<input id="${id + key}" name="${key}" inputmode="numeric" autocomplete="off">`;
	return `<div class="cx-field">${label}${control}${why}</div>`;
}

function build(root, index) {
	const id = `cx${index}-`;
	const { preset, link } = root.dataset;
	const [start, presetNote] = read(new URLSearchParams(preset), DEFAULTS);
	const urlState = "urlState" in root.dataset;
	root.innerHTML = `<div class="cx-bar"><p class="cx-now">Output shape <output class="cx-shape"></output></p>
<p class="cx-error" id="${id}error" role="status"></p></div><p class="cx-note" role="status"></p>
<form class="cx-form">${Object.entries(FIELDSETS)
		.map(
			([legend, keys]) =>
				`<fieldset><legend>${legend}</legend>${keys
					.split(" ")
					.map((k) => field(id, k))
					.join("")}</fieldset>`,
		)
		.join("")}
<p><button type="button" class="cx-button" data-reset>Reset</button> ${link ? '<a data-open href="">Open in the explorer</a>' : ""}</p></form>
<div class="cx-result"><p></p><p></p><p></p><div class="cx-grid"></div><div class="cx-svg"></div>${KEY}</div>
<div class="cx-code-box"><pre><code class="cx-code"></code></pre><p><button type="button" class="cx-button" data-copy>Copy code</button>
<span class="cx-copied" role="status"></span></p></div>`;
	const form = root.querySelector("form");
	const $ = (selector) => root.querySelector(selector);
	const [height, width, weight] = root.querySelectorAll(".cx-result > p");
	const draw = picture($(".cx-grid"), id);
	let state; // one text per field, shown by the form
	const fill = ([settings, note], write) => {
		state = { ...settings, bias: ["1", "true"].includes(settings.bias) ? "1" : "0" };
		for (const el of form.elements) {
			if (el.type === "checkbox") el.checked = state.bias === "1";
			else if (el.name) el.value = state[el.name];
		}
		update(write);
		$(".cx-note").textContent = note;
	};

	function update(write) {
		$(".cx-note").textContent = ""; // the link's note: the learner has moved on
		const v = { ...state };
		const hash = `#${new URLSearchParams(KEYS.map((key) => [key, state[key]]))}`;
		let usable = true;
		for (const el of form.elements) {
			const number = NUMBERS.find((f) => f.key === el.name);
			if (!number) continue;
			el.disabled = el.name[0] === "p" && v.pad !== "numbers"; // ph, pw: only for numbers
			const [value, why] = el.disabled
				? [0, ""]
				: parse(state[el.name], number.least, number.accepted);
			v[el.name] = value;
			usable &&= value !== null;
			$(`#${el.id}-why`).textContent = why;
		}
		const result = usable
			? explore(configOf(v))
			: { error: { message: "Fix the marked field." } };
		const { error, fields = [] } = result;
		for (const el of form.elements) {
			if (!el.id) continue;
			const why = $(`#${el.id}-why`);
			const atFault = fields.some((f) => FIELD_OF[f] === el.name);
			if (atFault) why.textContent ||= "PyTorch refuses this";
			el.setAttribute("aria-invalid", why.textContent !== "");
			el.setAttribute("aria-describedby", `${why.id}${atFault ? ` ${id}error` : ""}`);
		}
		$(".cx-error").textContent = error
			? (error.type ? `PyTorch raises ${error.type}: ` : "") + error.message
			: "";
		$(".cx-now").hidden = $(".cx-result").hidden = !!error; // nothing stale on screen
		$(".cx-code-box").hidden = !usable;
		$(".cx-copied").textContent = "";
		if (link) $("[data-open]").href = link + hash;
		if (urlState && write) writeHash(hash);
		$(".cx-code").textContent = usable ? code(configOf(v)) : "";
		if (error) return;
		const [h, w] = result.axes;
		const k = result.weight;
		$(".cx-shape").textContent = `(${result.shape.join(", ")})`;
		height.textContent = formula("H", h, "row");
		width.textContent = formula("W", w, "column");
		weight.textContent = `weight (${k.join(", ")}); parameters ${k.join("·")}${v.bias === "1" ? ` + ${k[0]}` : ""} = ${result.params}`;
		draw(result.axes, v.mode);
		$(".cx-svg").innerHTML =
			axisSvg(h, "Height", "row", v.mode) + axisSvg(w, "Width", "column", v.mode);
	}

	form.addEventListener("input", ({ target: el }) => {
		state[el.name] = el.type === "checkbox" ? (el.checked ? "1" : "0") : el.value;
		update(true);
	});
	$("[data-reset]").onclick = () => fill([start, ""], true);
	$("[data-copy]").onclick = async () => {
		$(".cx-copied").textContent = await Promise.resolve($(".cx-code").textContent)
			.then((text) => navigator.clipboard.writeText(text))
			.then(
				() => "Copied.",
				() => "Copy refused: select and press Ctrl+C.",
			);
	};
	// Unknown keys count as state too: #height=5 gets a note.
	const linked = (hash) => read(new URLSearchParams(hash), start);
	if (urlState) onHashState((hash) => fill(linked(hash)));
	fill(urlState && hashState() !== null ? linked(hashState()) : [start, presetNote]);
}

mount("explorer", build);

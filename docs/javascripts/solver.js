// The inverse solver's page widget: an input size and a target size in, every
// nn.Conv2d (and nn.ConvTranspose2d) setting that links them out, the usual
// first, each effect once (inverse.js). <div data-inverse-solver></div>; its
// state is the URL hash.
import { BOUNDS, layerLine, MAX_SIZE, solve } from "./inverse.js";
import { hashState, mount, onHashState, writeHash } from "./widget.js";

// key, label, largest value, default ("" = any: the solver tries them all)
const FIELDS = [
	["size", "input size (H = W)", MAX_SIZE, "32"],
	["target", "target size", MAX_SIZE, "16"],
	["kernel", "kernel_size (blank: any)", BOUNDS.kernel, ""],
	["stride", "stride (blank: any)", BOUNDS.stride, ""],
	["dilation", "dilation (blank: any)", BOUNDS.dilation, ""],
];
const OPTIONAL = ["kernel", "stride", "dilation"];
const CHANNELS = [3, 16]; // the lines' in_channels and out_channels: they do not change the size

// [value (undefined: blank), why it is refused ("" if usable)]
function parse(text, key, most) {
	if (!text.trim())
		return [undefined, OPTIONAL.includes(key) ? "" : "enter a whole number"];
	if (!/^\s*\d+\s*$/.test(text)) return [undefined, "enter a whole number"];
	const n = Number(text);
	if (n < 1 || n > most) return [undefined, n < 1 ? "at least 1" : `at most ${most}`];
	return [n, ""];
}

// A link's settings, and a note on what in it the solver cannot use.
function read(hash) {
	const state = Object.fromEntries(FIELDS.map((f) => [f[0], f[3]]));
	const ignored = [];
	for (const [key, value] of new URLSearchParams(hash)) {
		if (key in state) state[key] = value.slice(0, 12);
		else ignored.push(key.slice(0, 20));
	}
	return [
		state,
		ignored.length ? `Ignored in the link: ${ignored.join(", ")} (not a setting).` : "",
	];
}

const element = (tag, className, text = "") =>
	Object.assign(document.createElement(tag), { className, textContent: text });

// The solutions as a list in a box of its own, reachable with Tab.
function list(name, lines) {
	const box = element("div", "tf-list");
	box.tabIndex = 0;
	box.setAttribute("role", "region");
	box.setAttribute("aria-label", `${name} settings`);
	const ol = box.appendChild(element("ol", ""));
	for (const line of lines)
		ol.appendChild(element("li", "")).appendChild(element("code", "", line));
	return box;
}

function check(size, layer, line) {
	return (
		`import torch\nfrom torch import nn\nx = torch.randn(1, ${CHANNELS[0]}, ${size}, ${size})\n` +
		`layer = ${line}\nprint(layer(x).shape)  # ${layer}`
	);
}

function build(root, index) {
	const id = `tf${index}-`;
	root.innerHTML = `<p class="tf-note" role="status"></p><form class="tf-form">${FIELDS.map(
		([key, label]) =>
			`<div class="tf-field"><label for="${id + key}">${label}</label><input id="${id + key}" name="${key}" ` +
			`inputmode="numeric" autocomplete="off" aria-describedby="${id + key}-why"><small id="${id + key}-why"></small></div>`,
	).join(
		"",
	)}</form><p class="tf-summary" role="status"></p><div class="tf-result"></div>`;
	const form = root.querySelector("form");
	const result = root.querySelector(".tf-result");
	const summary = root.querySelector(".tf-summary"); // read out; the long lists are not
	const note = root.querySelector(".tf-note");

	// The one state object (key -> the field's text) drives the form, the
	// messages and the link; the form only reports what was typed.
	let state;
	function update(write) {
		const request = {};
		let usable = true;
		for (const [key, , most] of FIELDS) {
			const input = form.elements[key];
			const [value, why] = parse(state[key], key, most);
			root.querySelector(`#${input.id}-why`).textContent = why;
			input.setAttribute("aria-invalid", why !== "");
			if (value !== undefined) request[key] = value;
			usable &&= why === "";
		}
		if (write) {
			note.textContent = "";
			const filled = FIELDS.map(([key]) => [key, state[key].trim()]);
			writeHash(`#${new URLSearchParams(filled.filter(([, value]) => value))}`);
		}
		result.replaceChildren();
		if (usable) return show(request, solve(request));
		summary.className = "tf-summary tf-bad";
		summary.textContent = "Fix the marked field.";
	}

	function show({ size, target }, { conv, transposed, why }) {
		const count = (n, layer) => `${n} nn.${layer} setting${n === 1 ? "" : "s"}`;
		const conversions = [
			["Conv2d", conv],
			["ConvTranspose2d", transposed ?? []],
		].filter(([, found]) => found.length);
		const total = conv.length + (transposed ?? []).length;
		summary.className = `tf-summary ${total ? "tf-good" : "tf-bad"}`;
		summary.textContent = total
			? `${conversions.map(([layer, found]) => count(found.length, layer)).join(" and ")} ` +
				`turn${total === 1 ? "s" : ""} ${size} into ${target}, the usual first.`
			: why;
		if (why && conversions.length) result.append(element("p", "", why));
		for (const [layer, found] of conversions) {
			const lines = found.map((s) => layerLine(layer, s, ...CHANNELS));
			result.append(
				element(
					"p",
					"",
					`${count(found.length, layer)}; to check the first in PyTorch:`,
				),
			);
			const code = element("pre", "");
			code.appendChild(element("code", "", check(size, layer, lines[0]))).tabIndex = 0; // it scrolls
			result.append(code, list(`nn.${layer}`, lines));
		}
	}

	const fill = ([linked, why]) => {
		state = linked;
		for (const [key] of FIELDS) form.elements[key].value = state[key];
		update(false);
		note.textContent = why;
	};
	form.addEventListener("input", ({ target }) => {
		state[target.name] = target.value;
		update(true);
	});
	form.addEventListener("submit", (event) => event.preventDefault());
	onHashState((hash) => fill(read(hash)));
	fill(read(hashState() ?? ""));
}

mount("solver", build);

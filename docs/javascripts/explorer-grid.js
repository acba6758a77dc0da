// The explorer's 2-D picture (explorer.js draws it): the padded input as a
// grid, the output grid beside it. Picking an output cell (a click, or the
// arrow keys in the output grid) lights the input cells its window reads.
// A red cell is read by no output: its row or its column is read by none
// (a cell's gradient is its row's times its column's; the tests check it).
import { sourceCell, unseenCells } from "./shapes/conv.js";

export const MAX_SIDE = 32; // padded cells per side drawn; past it, the strips alone
const MOVES = {
	ArrowUp: [-1, 0],
	ArrowDown: [1, 0],
	ArrowLeft: [0, -1],
	ArrowRight: [0, 1],
};

// One axis of output p: its taps (padded indices, dilation apart) and the
// input cells they read, through padding_mode's copies.
function windowOf(x, mode, p) {
	const taps = [...Array(x.kernel).keys()].map((t) => p * x.stride + t * x.dilation);
	const reads = taps
		.map((i) => sourceCell(x, mode, i - x.before))
		.filter((i) => i >= 0 && i < x.size);
	return { taps, reads: [...new Set(reads)].sort((a, b) => a - b) };
}

// ("row", [3, 4, 5, 8]) -> "rows 3–5, 8"
function cells(name, list) {
	const parts = [];
	for (let a = 0, b = 0; a < list.length; a = ++b) {
		while (list[b + 1] === list[b] + 1) b++;
		parts.push(b - a > 1 ? `${list[a]}–${list[b]}` : list.slice(a, b + 1).join(", "));
	}
	return `${name}${list.length > 1 ? "s" : ""} ${parts.join(", ")}`;
}

function says([h, w], wins, [i, j], mode) {
	const inside = (x, win) =>
		win.taps.filter((t) => t >= x.before && t < x.before + x.size).length;
	const taps = h.kernel * w.kernel;
	const padded = taps - inside(h, wins[0]) * inside(w, wins[1]);
	const reads =
		wins[0].reads.length && wins[1].reads.length
			? `input ${cells("row", wins[0].reads)}, ${cells("column", wins[1].reads)}`
			: "no input cell";
	return (
		`Output (${i}, ${j}) reads ${reads}` +
		(padded
			? `; ${padded} of its ${taps} taps fall on ` +
				`padding${mode === "zeros" ? " (zeros)" : `, ${mode} copies of input cells`}`
			: "") +
		"."
	);
}

// The picture in `box` (ids start with `id`): returns draw(axes, mode).
export function picture(box, id) {
	let axes,
		mode,
		pick = [0, 0];
	const $ = (selector) => box.querySelector(selector);

	function show() {
		const [h, w] = axes;
		const wins = axes.map((x, a) => windowOf(x, mode, pick[a]));
		const unseen = axes.map((x) => unseenCells(x, mode));
		let html = "";
		for (let r = 0; r < h.before + h.size + h.after; r++) {
			for (let c = 0; c < w.before + w.size + w.after; c++) {
				const [y, x] = [r - h.before, c - w.before];
				const inside = y >= 0 && y < h.size && x >= 0 && x < w.size;
				const copy =
					!inside &&
					mode !== "zeros" &&
					` title="copy of input (${sourceCell(h, mode, y)}, ${sourceCell(w, mode, x)})"`;
				const kind = !inside
					? "pad"
					: unseen[0].includes(y) || unseen[1].includes(x)
						? "unseen"
						: wins[0].reads.includes(y) && wins[1].reads.includes(x)
							? "read"
							: "in";
				const tap = wins[0].taps.includes(r) && wins[1].taps.includes(c) ? " tap" : "";
				html += `<i class="${kind}${tap}"${copy || ""}></i>`;
			}
		}
		$(".cx-input").innerHTML = html;
		const red = unseen
			.map((u, a) => u.length && cells(["row", "column"][a], u))
			.filter(Boolean)
			.join(" or ");
		$(".cx-input").setAttribute(
			"aria-label",
			`Input with padding; read by no output: ${red ? `cells in ${red}` : "none"}`,
		);
		const said = says(axes, wins, pick, mode);
		$(".cx-said").textContent = said;
		for (const cell of box.querySelectorAll("[role=gridcell]")) {
			const on = cell.dataset.at === `${pick}`;
			cell.setAttribute("aria-selected", on);
			cell.setAttribute(
				"aria-label",
				on ? said : `(${cell.dataset.at.replace(",", ", ")})`,
			);
		}
		$(".cx-output").setAttribute("aria-activedescendant", `${id}o${pick.join("-")}`);
	}

	box.addEventListener("click", (event) => {
		const cell = event.target.closest("[role=gridcell]");
		if (!cell) return;
		pick = cell.dataset.at.split(",").map(Number);
		show();
	});
	box.addEventListener("keydown", (event) => {
		const [i, j] = pick;
		const [last, end] = axes.map((x) => x.out - 1);
		const move = MOVES[event.key];
		const to = move
			? [i + move[0], j + move[1]]
			: {
					Home: event.ctrlKey ? [0, 0] : [i, 0],
					End: event.ctrlKey ? [last, end] : [i, end],
					PageUp: [0, j],
					PageDown: [last, j],
				}[event.key];
		if (!to || !event.target.matches(".cx-output")) return;
		event.preventDefault(); // arrows pick a cell, not scroll the page
		pick = [Math.min(Math.max(to[0], 0), last), Math.min(Math.max(to[1], 0), end)];
		show();
	});

	return (newAxes, newMode) => {
		[axes, mode] = [newAxes, newMode];
		const [h, w] = axes;
		const side = axes.map((x) => x.before + x.size + x.after);
		if (Math.max(...side) > MAX_SIDE) {
			box.innerHTML =
				`<p class="cx-big">The padded input is ${side.join(" × ")} cells, too many to draw ` +
				`as a grid (at most ${MAX_SIDE} a side): the strips below show each axis alone.</p>`;
			return;
		}
		pick = pick.map((p, a) => Math.min(p, axes[a].out - 1));
		let rows = "";
		for (let i = 0; i < h.out; i++) {
			rows += `<div role="row">${[...Array(w.out).keys()]
				.map((j) => `<i role="gridcell" id="${id}o${i}-${j}" data-at="${i},${j}"></i>`)
				.join("")}</div>`;
		}
		box.innerHTML =
			`<div class="cx-pair"><figure style="--n:${side[1]}">` +
			`<figcaption>Input with padding, ${side.join(" × ")}</figcaption><div class="cx-input" role="img"></div>` +
			`</figure><figure class="cx-out" style="--n:${w.out}"><figcaption id="${id}og">Output, ` +
			`${h.out} × ${w.out}: pick a cell</figcaption><div class="cx-output" role="grid" tabindex="0" ` +
			`aria-labelledby="${id}og" aria-describedby="${id}said">${rows}</div></figure></div>` +
			`<p class="cx-said" id="${id}said"></p>`;
		show();
	};
}

// The inverse of the shape rules, with no DOM: which nn.Conv2d settings (and,
// to grow a size, which nn.ConvTranspose2d ones) turn an input size into a
// target size. Each candidate's size comes from the shape modules, so no
// formula is written twice; the solver only enumerates, orders and keeps one
// setting of each group that computes the same thing.
import { explore } from "./shapes/conv.js";
import { layerOutput } from "./shapes/layers.js";
import { transposedLength } from "./shapes/window.js";

// The search space: kernel 1..11, stride 1..4, dilation 1..4, padding
// 0..kernel and, for ConvTranspose2d, output_padding 0..3 (PyTorch takes it
// below the stride or the dilation: shapes/layers.js says which it refuses).
export const BOUNDS = { kernel: 11, stride: 4, dilation: 4, output_padding: 3 };
export const MAX_SIZE = 4096;
const DEFAULTS = { stride: 1, padding: 0, dilation: 1, output_padding: 0 };

const upTo = (last, first = 1) =>
	Array.from({ length: last - first + 1 }, (_, i) => first + i);

// The height nn.Conv2d gives a (1, 1, size, 1) input, or null where PyTorch refuses.
function convSize(size, { kernel, stride, padding, dilation }) {
	const result = explore({
		input: [1, 1, size, 1],
		in_channels: 1,
		out_channels: 1,
		kernel_size: [kernel, 1],
		stride: [stride, 1],
		padding: [padding, 0],
		dilation: [dilation, 1],
		groups: 1,
		bias: true,
		padding_mode: "zeros",
	});
	return result.error ? null : result.shape[2];
}

// ConvTranspose2d's size by its formula alone, and whether PyTorch takes the
// setting (layerOutput: output_padding below the stride or dilation, a size
// of at least 1). The formula sorts every candidate; the slower full check
// runs only on the few that matter.
const transposedSize = (size, s) =>
	transposedLength(size, s.kernel, s.stride, s.padding, s.output_padding, s.dilation);
const transposedTaken = (size, s) =>
	"shape" in
	layerOutput(
		{
			type: "ConvTranspose2d",
			args: {
				in_channels: 1,
				out_channels: 1,
				kernel_size: [s.kernel, 1],
				stride: [s.stride, 1],
				padding: [s.padding, 0],
				output_padding: [s.output_padding, 0],
				dilation: [s.dilation, 1],
			},
		},
		[1, 1, size, 1],
	);

// Every (kernel, stride, dilation, padding) of the bounds, with `fixed` ones
// held, and each of `extras` as output_padding (none for Conv2d).
function settings(fixed, extras = [undefined]) {
	const all = [];
	for (const kernel of fixed.kernel ? [fixed.kernel] : upTo(BOUNDS.kernel)) {
		for (const stride of fixed.stride ? [fixed.stride] : upTo(BOUNDS.stride)) {
			for (const dilation of fixed.dilation
				? [fixed.dilation]
				: upTo(BOUNDS.dilation)) {
				for (let padding = 0; padding <= kernel; padding++) {
					for (const extra of extras) {
						all.push(
							extra === undefined
								? { kernel, stride, padding, dilation }
								: { kernel, stride, padding, dilation, output_padding: extra },
						);
					}
				}
			}
		}
	}
	return all;
}

// The order of the list, as one reaches for a setting: no dilation unless none
// without works (then the smallest), windows that leave no row out (a kernel at
// least the stride) before those that do, then the smallest kernel, stride,
// padding and output_padding, in that order.
const ORDER = ["dilation", "gaps", "kernel", "stride", "padding", "output_padding"];
const rank = (s, key) => (key === "gaps" ? Number(s.kernel < s.stride) : (s[key] ?? 0));
export function preferred(a, b) {
	const differs = ORDER.find((key) => rank(a, key) !== rank(b, key));
	return differs ? rank(a, differs) - rank(b, differs) : 0;
}

// What a setting computes from an input of `size` to an output of `out`, as a key:
// for each kernel tap, the (output, input) pixels it links. Conv2d's tap t links
// output i to input i * stride + t * dilation - padding, ConvTranspose2d's tap t
// input i to that output, where it falls inside: a run of i with a step of stride
// in the other. Settings with the same key give the same output for every input
// and every weight: dilation on a 1 x 1 kernel, the stride with one window, a tap
// that meets only padding change nothing.
export function effect(layer, size, out, s) {
	const [count, other] = layer === "Conv2d" ? [out, size] : [size, out];
	return upTo(s.kernel - 1, 0)
		.map((tap) => {
			const start = tap * s.dilation - s.padding;
			const first = Math.max(0, Math.ceil(-start / s.stride));
			const last = Math.min(count - 1, Math.floor((other - 1 - start) / s.stride));
			return first > last
				? ""
				: `${tap} ${first} ${start + first * s.stride} ${last - first + 1}` +
						(last > first ? ` ${s.stride}` : "");
		})
		.filter(Boolean)
		.join("|");
}

// "sizes 1 to 34 except 33" or "no size at all": what a layer reaches from `size`.
function reach(sizes) {
	if (!sizes.length)
		return "no size at all (every kernel is wider than the padded input)";
	const seen = new Set(sizes);
	const low = Math.min(...sizes);
	const high = Math.max(...sizes);
	const gaps = upTo(high, low).filter((n) => !seen.has(n));
	const shown =
		gaps.length > 6
			? `${gaps.slice(0, 5).join(", ")} and ${gaps.length - 5} more`
			: gaps.join(", ");
	return `sizes ${low} to ${high}${gaps.length ? ` except ${shown}` : ""}`;
}

// What is wrong with a request, or "" if it can be solved.
function checkRequest({ size, target, kernel, stride, dilation }) {
	const numbers = {
		size: [size, MAX_SIZE],
		target: [target, MAX_SIZE],
		kernel: [kernel, BOUNDS.kernel],
		stride: [stride, BOUNDS.stride],
		dilation: [dilation, BOUNDS.dilation],
	};
	for (const [name, [value, most]] of Object.entries(numbers)) {
		if (value === undefined && !["size", "target"].includes(name)) continue;
		if (!Number.isInteger(value) || value < 1 || value > most)
			return `${name} must be a whole number from 1 to ${most}`;
	}
	return "";
}

// The settings of `candidates` that turn `size` into `target`, in `preferred`
// order, the first of each group with the same `effect` only, and why none
// does ("" when one does). sizeOf gives a setting's output size (null where
// PyTorch refuses it); taken says whether PyTorch takes it.
function search(layer, size, target, fixed, candidates, sizeOf, taken = () => true) {
	const bySize = new Map();
	for (const s of candidates) {
		const out = sizeOf(size, s);
		if (out === null) continue;
		if (!bySize.has(out)) bySize.set(out, []);
		bySize.get(out).push(s);
	}
	const effects = new Set();
	const found = (bySize.get(target) ?? [])
		.filter((s) => taken(size, s))
		.sort(preferred)
		.filter((s) => {
			const key = effect(layer, size, target, s);
			return !effects.has(key) && Boolean(effects.add(key));
		});
	if (found.length) return [found, ""];
	const reached = [...bySize]
		.filter(([, group]) => group.some((s) => taken(size, s)))
		.map(([out]) => out);
	return [
		[],
		`No nn.${layer} within the bounds${held(fixed)} turns ${size} into ${target}: ` +
			`from ${size} it reaches ${reach(reached)}.`,
	];
}

// {conv, transposed, why}: the Conv2d settings that turn `size` into `target`,
// in `preferred` order; when the target is larger, the ConvTranspose2d ones too
// (null otherwise); why a layer has none ("" when each has one). `fixed`
// holds any of kernel, stride, dilation the learner set.
export function solve({ size, target, ...fixed }) {
	const invalid = checkRequest({ size, target, ...fixed });
	if (invalid) return { conv: [], transposed: null, why: invalid };
	const [conv, convWhy] = search(
		"Conv2d",
		size,
		target,
		fixed,
		settings(fixed),
		convSize,
	);
	if (target <= size) return { conv, transposed: null, why: convWhy };
	const [transposed, transposedWhy] = search(
		"ConvTranspose2d",
		size,
		target,
		fixed,
		settings(fixed, upTo(BOUNDS.output_padding, 0)),
		transposedSize,
		transposedTaken,
	);
	return { conv, transposed, why: [convWhy, transposedWhy].filter(Boolean).join(" ") };
}

// ", with kernel_size 3 and stride 2": the arguments the learner held fixed.
function held(fixed) {
	const names = { kernel: "kernel_size", stride: "stride", dilation: "dilation" };
	const parts = Object.keys(names)
		.filter((key) => fixed[key])
		.map((key) => `${names[key]} ${fixed[key]}`);
	return parts.length ? ` with ${parts.join(" and ")}` : "";
}

// The layer's line, defaults left out: nn.Conv2d(3, 16, kernel_size=3, padding=1).
export function layerLine(layer, s, inChannels = 3, outChannels = 16) {
	const args = [inChannels, outChannels, `kernel_size=${s.kernel}`];
	for (const [name, value] of Object.entries(DEFAULTS)) {
		if (s[name] !== undefined && s[name] !== value) args.push(`${name}=${s[name]}`);
	}
	return `nn.${layer}(${args.join(", ")})`;
}

// The layer-stack tracer's answers, with no DOM: trace(inputText, stackText) reads an
// input shape ("8, 3, 32, 32") and a stack (stackparse.js) and follows the shape through
// each layer (shapes/layers.js), as nn.Sequential(...)(torch.randn(...)) would: every
// layer is built first, so a layer that refuses its arguments is the one that fails
// even when an earlier layer would refuse its input. Each row: the layer's code, its
// output shape, parameter count, cost (mult-adds and output bytes as torchinfo counts
// them, shapes/cost.js), receptive field and jump, or PyTorch's error where it fails.
import {
	layerCost,
	nextField,
	outputBytes,
	poolWindow,
	spatialRank,
	startField,
	summaryText,
	summaryTotals,
} from "./shapes/cost.js";
import { BIG, prod, pyNumber } from "./shapes/domain.js";
import { LAYERS, layerOutput, withDefaults } from "./shapes/layers.js";
import { bindArguments, parseStack } from "./stackparse.js";

const MAX_LAYERS = 1000;
const KNOWN = Object.keys(LAYERS).join(", ");

// A shape as Python prints a tuple: (8, 64, 56, 56), (100,).
export const formatShape = (shape) =>
	`(${shape.join(", ")}${shape.length === 1 ? "," : ""})`;

// A parsed value as Python source.
export function pyValue(v) {
	if (v === true || v === false) return v ? "True" : "False";
	if (v === null) return "None";
	if (typeof v === "string") return v.includes("'") ? `"${v}"` : `'${v}'`;
	if (Array.isArray(v)) return formatShape(v.map(pyValue));
	return pyNumber(v);
}

export const callText = ({ type, positional, keywords }) =>
	`nn.${type}(${[
		...positional.map(pyValue),
		...Object.entries(keywords).map(([name, value]) => `${name}=${pyValue(value)}`),
	].join(", ")})`;

// "8, 3, 32, 32" (brackets allowed) -> {shape} or {error}.
export function parseShape(text) {
	const parts = text
		.trim()
		.replace(/^[([]|[)\]]$/g, "")
		.split(",")
		.map((part) => part.trim());
	if (parts.at(-1) === "" && parts.length > 1) parts.pop(); // (100,)
	if (parts.length > 5)
		return {
			error: `the input shape has ${parts.length} sizes; the tracer takes 1 to 5`,
		};
	for (const [i, part] of parts.entries()) {
		const where = `size ${i + 1} of the input shape`;
		if (!/^\d+$/.test(part))
			return { error: `${where}, ${JSON.stringify(part)}, is not a whole number` };
		if (Number(part) < 1 || Number(part) > BIG)
			return { error: `${where}, ${part}, is not between 1 and ${BIG}` };
	}
	return { shape: parts.map(Number) };
}

const wrap = (dim, ndim) => ((dim % ndim) + ndim) % ndim;
const SAMPLES = { 1: "sequence", 2: "image", 3: "volume" }; // one unbatched input

// Whether a layer given an input of `shape` reads its axis 0 as the batch: one
// sliding over d axes takes (N, C, ...d) or one unbatched (C, ...d), Unfold as a
// 2-D one; BatchNorm (BatchNorm1d's (N, C) too) and Upsample take batches only.
// {batched, rank}, or null for a layer that does not tell (ReLU, PixelShuffle).
function batchOf(type, shape) {
	const rank = spatialRank(type) ?? (type === "Unfold" ? 2 : null);
	if (rank !== null && shape.length === rank + 2) return { batched: true, rank };
	if (rank !== null && shape.length === rank + 1) return { batched: false, rank };
	if (/^BatchNorm[123]d$|^Upsample$/.test(type)) return { batched: true };
	return null;
}

// The first Linear (row `at`, whose input is inputs[at]) and its in_features. A
// classifier's Linear wants each sample as one row, (N, F) or (F,) for one unbatched
// sample, and reads only the last axis; where the shape reaching it is not such a
// row, the answer names the Flatten that gives the row: `flatten`, the `shape` it
// gives, and `missing` where no Flatten comes before or `merged`, the row of a
// Flatten that took the batch axis in. The layers before any Flatten that read a set
// number of axes tell whether the input is a batch (batchOf): Conv1d's (C, L) is one
// sequence, not a batch (N, F). Where none tells, (N, C, H, W) and (N, F) are batches;
// where they disagree, no axis keeps the samples: the last axis's size, as elsewhere.
function linearInput(input, layers, bound, inputs, at) {
	const shape = inputs[at];
	const answer = { row: at, input: shape, inFeatures: shape.at(-1) };
	const before = layers.slice(0, at);
	const dims = (args) => [args.start_dim, args.end_dim];
	const flattens = before.map(
		(layer, i) =>
			layer.type === "Flatten" &&
			dims(withDefaults("Flatten", bound[i].args)).map((dim) =>
				wrap(dim, inputs[i].length),
			),
	);
	const reshaped = flattens.findIndex(Boolean); // the axes mean other things after
	const [told, ...more] = before
		.slice(0, reshaped < 0 ? at : reshaped)
		.flatMap((layer, i) => batchOf(layer.type, inputs[i]) ?? []);
	const agree = told && more.every((verdict) => verdict.batched === told.batched);
	const batched = told ? agree && told.batched : [2, 4].includes(input.length);
	const merged = flattens.findIndex(
		(dims) => batched && dims && dims[0] === 0 && dims[1] > 0,
	);
	if (merged >= 0) {
		// the row's numbers hold while nothing after the Flatten changed its output
		const row = [inputs[merged][0], prod(inputs[merged].slice(1))];
		const kept =
			shape.length === 1 && formatShape(inputs[merged + 1]) === formatShape(shape);
		return {
			...answer,
			merged,
			flatten: "nn.Flatten()",
			shape: kept ? row : null,
			inFeatures: kept ? row[1] : null,
		};
	}
	const sample = agree && !told.batched ? SAMPLES[told.rank] : null;
	const flat = (batched && shape.length > 2) || (sample && shape.length > 1);
	if (flat && Number.isSafeInteger(prod(shape))) {
		const row = batched ? [shape[0], prod(shape.slice(1))] : [prod(shape)];
		return {
			...answer,
			...(sample && { sample }),
			missing: !flattens.some(Boolean),
			flatten: batched ? "nn.Flatten()" : "nn.Flatten(0)",
			shape: row,
			inFeatures: row.at(-1),
		};
	}
	return answer;
}

// The summary's line on the first Linear: its in_features, or the Flatten that
// gives it one row per sample (linearInput's answer).
export function linearLine({
	row,
	input,
	inFeatures,
	flatten,
	shape,
	missing,
	merged,
	sample,
}) {
	const gets = `The first Linear (layer ${row + 1}) gets an input of shape ${formatShape(input)}`;
	if (!flatten) return `${gets}: its in_features must be ${inFeatures}.`;
	const gives =
		shape &&
		`${formatShape(shape)}, one row ${shape.length === 1 ? `for the ${sample}` : "per sample"}, ` +
			`so the Linear's in_features must be ${inFeatures}`;
	if (merged !== undefined) {
		return (
			`${gets}: the batch axis was flattened into the other axes at layer ${merged + 1}, so the samples ` +
			`are no longer apart. ${flatten} there keeps the batch axis (start_dim=1)${gives ? `: it gives ${gives}` : ""}.`
		);
	}
	const problem = missing
		? "a Flatten is missing"
		: flatten === "nn.Flatten(0)"
			? `this is one unbatched ${sample}, and nn.Flatten() keeps its axis 0 apart as if it were a batch`
			: "the Flatten before it leaves more than one row per sample";
	return (
		`${gets}, but a Linear reads only the last axis: ${problem}. ${flatten} right before it gives ` +
		`${gives} (not ${input.at(-1)}).`
	);
}

// Adaptive pooling's windows on each axis it pools: {out, windows: [[index,
// start, end], ...]}, the first three and the last where there are more than six.
function windowsOf(type, before, after) {
	const rank = spatialRank(type);
	if (!type.startsWith("Adaptive") || after.length <= rank) return null;
	return after.slice(-rank).map((out, a) => {
		const size = before.at(a - rank);
		const indices = out > 6 ? [0, 1, 2, out - 1] : [...Array(out).keys()];
		return { out, windows: indices.map((i) => [i, ...poolWindow(size, out, i)]) };
	});
}

// Everything the tracer shows: {input, inputField, rows, failed, firstLinear,
// totals, python} or {problem}; output bytes and sizes in dtype.
export function trace(inputText, stackText, dtype = "float32") {
	const input = parseShape(inputText);
	if (input.error) return { problem: { message: input.error, where: "input" } };
	const parsed = parseStack(stackText);
	if (parsed.error) return { problem: { ...parsed.error, where: "stack" } };
	const { layers } = parsed;
	if (!layers.length)
		return {
			problem: {
				message: "the stack has no layers",
				where: "stack",
				line: 1,
				column: 1,
			},
		};
	if (layers.length > MAX_LAYERS)
		return {
			problem: {
				message: `the stack has more than ${MAX_LAYERS} layers`,
				where: "stack",
			},
		};
	const unknown = layers.find((layer) => !Object.hasOwn(LAYERS, layer.type));
	if (unknown) {
		return {
			problem: {
				message: `nn.${unknown.type} is not a layer the tracer knows (it knows ${KNOWN})`,
				where: "stack",
				line: unknown.line,
				column: unknown.column,
			},
		};
	}
	const rows = layers.map((layer) => ({ call: callText(layer), line: layer.line }));
	const bound = layers.map(bindArguments);
	let built = layers.length; // the first layer whose __init__ refuses
	for (const [i, layer] of layers.entries()) {
		const answer = bound[i].error
			? bound[i]
			: layerOutput({ type: layer.type, args: bound[i].args }, null);
		if (answer.error || answer.outside) {
			built = i;
			Object.assign(rows[i], answer);
			break;
		}
	}
	let shape = input.shape;
	const inputField = startField(
		shape,
		layers.map((layer) => layer.type),
	);
	let field = inputField;
	let failed = built < layers.length ? built : null;
	const inputs = []; // the shape reaching each layer run
	for (let i = 0; i < built; i++) {
		const { type } = layers[i];
		inputs.push(shape);
		const answer = layerOutput({ type, args: bound[i].args }, shape);
		if (answer.error || answer.outside) {
			if (failed === null) Object.assign(rows[i], answer);
			failed ??= i;
			break;
		}
		field = nextField(
			field,
			type,
			withDefaults(type, bound[i].args),
			shape,
			answer.shape,
		);
		Object.assign(rows[i], {
			shape: answer.shape,
			params: answer.params,
			...layerCost(type, answer.shape, answer.params, dtype),
			field: field ? field.size : null, // null: no single field
			jump: field ? field.jump : null,
			windows: windowsOf(type, shape, answer.shape),
		});
		shape = answer.shape;
	}
	const linear = layers.findIndex(
		(layer) => layer.type === "Linear" || layer.type === "LazyLinear",
	);
	const firstLinear =
		linear >= 0 && linear < inputs.length
			? linearInput(input.shape, layers, bound, inputs, linear)
			: null;
	const totals = failed === null ? summaryTotals(input.shape, rows, dtype) : null;
	const complete = totals && Object.values(totals).every((n) => n !== null);
	return {
		input: input.shape,
		inputField: inputField?.size ?? null,
		inputBytes: outputBytes(input.shape, dtype),
		rows,
		failed,
		firstLinear,
		totals: complete ? { ...totals, text: summaryText(totals) } : null,
		python: python(input.shape, rows),
	};
}

function python(input, rows) {
	return [
		"import torch",
		"from torch import nn",
		"model = nn.Sequential(",
		...rows.map((row) => `    ${row.call},`),
		")",
		`x = torch.randn(${input.join(", ")})`,
		"print(model(x).shape)",
	].join("\n");
}

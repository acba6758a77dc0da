// What each layer of an nn.Sequential stack does to a shape, mirroring
// shapes/layers.py; the rules live by subject (convolutions.js, pools.js,
// resizing.js, features.js), each with its layers' signatures. No DOM.
//
// layerOutput({type: "Conv2d", args: {...torch's keyword names...}}, inputShape)
// gives {shape, params}, {error: {type, message}} where PyTorch raises (its
// exception type and message, in the newest release's words, rewordings.js;
// the module's __init__ first, then its forward in training mode), or
// {outside: "modelled: ..."} for settings the model does not claim to know
// (sizes < 1, floats where PyTorch wants ints, numbers past 2**31 - 1, an input
// of the wrong rank to a convolution with a padding_mode other than "zeros").
// Without an input shape (null) only building the layer is checked. Tuples are
// arrays; a Python float is a number that is not an integer or {float: x} (2.0
// prints as "2.0"); None is null.
import { LAYERS as CONVOLUTIONS } from "./convolutions.js";
import { modelled, Outside, Refusal } from "./domain.js";
import { LAYERS as FEATURES } from "./features.js";
import { LAYERS as POOLS } from "./pools.js";
import { LAYERS as RESIZING } from "./resizing.js";

// Each layer by its name: {rule, params, keywordOnly, forward, built, init}.
export const LAYERS = { ...CONVOLUTIONS, ...POOLS, ...RESIZING, ...FEATURES };

// The arguments with the defaults filled in.
export function withDefaults(type, args) {
	const { params, keywordOnly = [], forward = [] } = LAYERS[type];
	if (params === "*") return args;
	return Object.fromEntries(
		[...params, ...keywordOnly, ...forward]
			.filter((p) => p.length > 1 || p[0] in args)
			.map(([name, value]) => [name, name in args ? args[name] : value]),
	);
}

// What nn.<type>(**args) does to an input of inputShape (null: building it only).
export function layerOutput(layer, inputShape) {
	try {
		modelled(
			Object.hasOwn(LAYERS, layer.type),
			`a layer of ${Object.keys(LAYERS).join(", ")}`,
		);
		const { rule, built } = LAYERS[layer.type];
		if (!inputShape && !built) return {};
		const result = rule(
			inputShape && [...inputShape],
			withDefaults(layer.type, layer.args),
		);
		modelled(
			!result.shape || [...result.shape, result.params].every(Number.isSafeInteger),
			"shapes and parameter counts below 2**53",
		);
		return result;
	} catch (thrown) {
		if (thrown instanceof Refusal)
			return { error: { type: thrown.type, message: thrown.message } };
		if (thrown instanceof Outside) return { outside: thrown.message };
		throw thrown;
	}
}

// Shape computation: explore() per configuration, over 100,000 seeded random
// configurations from the explorer's domain, against the budget in microseconds
// that benchmarks/explorer.py passes from budgets.toml.
// Run: node benchmarks/explorer.mjs MICROSECONDS
import { explore, PADDING_MODES } from "../docs/javascripts/shapes/conv.js";

const COUNT = 100_000;
const BUDGET_NS = Number(process.argv[2]) * 1000;
if (!(BUDGET_NS > 0)) {
	throw new Error(
		`give the budget in microseconds (benchmarks.explorer passes budgets.toml's)`,
	);
}
let seed = 5;
const random = (low, high) => {
	// a small seeded LCG: the same configs each run
	seed = (seed * 1103515245 + 12345) % 2147483648;
	return low + (seed % (high - low + 1));
};
const pair = (low, high) => [random(low, high), random(low, high)];

const configs = Array.from({ length: COUNT }, () => {
	const groups = [1, 1, 1, 2, 4, 0][random(0, 5)];
	const channels = Math.max(groups, 1) * random(1, 64);
	return {
		input: [random(1, 64), channels, random(1, 512), random(1, 512)],
		in_channels: channels,
		out_channels: Math.max(groups, 1) * random(1, 64),
		kernel_size: pair(1, 11),
		stride: random(0, 19) ? pair(1, 3) : [0, 1],
		dilation: pair(1, 3),
		groups,
		padding: [pair(0, 5), pair(0, 5), "same", "valid"][random(0, 3)],
		bias: random(0, 1) === 1,
		padding_mode: PADDING_MODES[random(0, 3)],
	};
});

function run() {
	let rejected = 0;
	const start = process.hrtime.bigint();
	for (const config of configs) rejected += explore(config).error ? 1 : 0;
	return [Number(process.hrtime.bigint() - start) / COUNT, rejected];
}

run(); // warm-up: let the JIT compile explore()
const runs = Array.from({ length: 7 }, run);
const perConfig = runs.map(([ns]) => ns).sort((a, b) => a - b)[3];
console.log(
	`explore(): ${perConfig.toFixed(0)} ns per configuration (median of 7 runs over ` +
		`${COUNT} configurations, ${runs[0][1]} of them rejected); budget ${BUDGET_NS} ns: ` +
		(perConfig <= BUDGET_NS ? "within" : "OVER"),
);
process.exitCode = perConfig <= BUDGET_NS ? 0 : 1;

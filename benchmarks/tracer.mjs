// Tracer: trace() of a 100-layer stack of each rank, from its text (parsing,
// binding, every layer's shape, parameters, cost and receptive field, the totals,
// the Python) in node: a 1-D stack on (N, C, L), a 2-D one on (N, C, H, W) and a
// 3-D one on (N, C, D, H, W), each the median of 7 runs; the slowest rank against
// the budget in milliseconds that benchmarks/tracer.py passes from budgets.toml.
// Run: node benchmarks/tracer.mjs MILLISECONDS
import { trace } from "../docs/javascripts/stacktrace.js";

const BUDGET_MS = Number(process.argv[2]);
if (!(BUDGET_MS > 0)) {
	throw new Error(
		`give the budget in milliseconds (benchmarks.tracer passes budgets.toml's)`,
	);
}
// A ResNet-like trunk of 32 blocks, then the head: 100 layers, for d axes.
function stackText(d) {
	const block = [
		`nn.Conv${d}d(64, 64, kernel_size=3, padding=1, bias=False)`,
		`nn.BatchNorm${d}d(64)`,
		"nn.ReLU(inplace=True)",
	];
	const layers = [
		...Array(32).fill(block).flat(),
		`nn.AdaptiveAvgPool${d}d(1)`,
		"nn.Flatten()",
		"nn.Dropout(p=0.2)",
		"nn.Linear(64, 10)",
	];
	return `model = nn.Sequential(\n${layers.map((layer) => `    ${layer},\n`).join("")})`;
}
const INPUTS = { 1: "8, 64, 1000", 2: "8, 64, 56, 56", 3: "2, 64, 16, 56, 56" };
const RUNS = 200;

function run(input, text) {
	const start = process.hrtime.bigint();
	for (let i = 0; i < RUNS; i++) {
		const { rows, totals } = trace(input, text);
		if (rows.length !== 100 || !totals) throw new Error("the stack did not trace");
	}
	return Number(process.hrtime.bigint() - start) / RUNS / 1e6;
}

const medians = Object.entries(INPUTS).map(([d, input]) => {
	const text = stackText(d);
	run(input, text); // warm-up: let the JIT compile the tracer
	const times = Array.from({ length: 7 }, () => run(input, text)).sort((a, b) => a - b);
	console.log(`trace(), ${d}-D, (${input}): ${times[3].toFixed(2)} ms`);
	return times[3];
});
const slowest = Math.max(...medians);
console.log(
	`trace(): ${slowest.toFixed(2)} ms for the slowest 100-layer stack (median of 7 runs of ${RUNS}); ` +
		`budget ${BUDGET_MS} ms: ${slowest <= BUDGET_MS ? "within" : "OVER"}`,
);
process.exitCode = slowest <= BUDGET_MS ? 0 : 1;

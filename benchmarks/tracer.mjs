// Tracer: trace() of a 100-layer stack, from its text (parsing, binding, every
// layer's shape, parameters and receptive field, the Python) in node, against
// the budget in milliseconds that benchmarks/tracer.py passes from budgets.toml.
// Run: node benchmarks/tracer.mjs MILLISECONDS
import { trace } from "../docs/javascripts/stacktrace.js";

const BUDGET_MS = Number(process.argv[2]);
if (!(BUDGET_MS > 0)) {
	throw new Error(
		`give the budget in milliseconds (benchmarks.tracer passes budgets.toml's)`,
	);
}
const BLOCK = [
	"nn.Conv2d(64, 64, kernel_size=3, padding=1, bias=False)",
	"nn.BatchNorm2d(64)",
	"nn.ReLU(inplace=True)",
];
const LAYERS = [
	...Array(32).fill(BLOCK).flat(),
	"nn.AdaptiveAvgPool2d((1, 1))",
	"nn.Flatten()",
	"nn.Dropout(p=0.2)",
	"nn.Linear(64, 10)",
]; // 100 layers
const TEXT = `model = nn.Sequential(\n${LAYERS.map((layer) => `    ${layer},\n`).join("")})`;
const RUNS = 200;

function run() {
	const start = process.hrtime.bigint();
	for (let i = 0; i < RUNS; i++) {
		if (trace("8, 64, 56, 56", TEXT).rows.length !== 100)
			throw new Error("the stack did not trace");
	}
	return Number(process.hrtime.bigint() - start) / RUNS / 1e6;
}

run(); // warm-up: let the JIT compile the tracer
const times = Array.from({ length: 7 }, run).sort((a, b) => a - b);
const median = times[3];
console.log(
	`trace(): ${median.toFixed(2)} ms for a ${LAYERS.length}-layer stack (median of 7 runs of ${RUNS}); ` +
		`budget ${BUDGET_MS} ms: ${median <= BUDGET_MS ? "within" : "OVER"}`,
);
process.exitCode = median <= BUDGET_MS ? 0 : 1;

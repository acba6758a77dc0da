// Solver: solve() for one request over the default bounds (kernel <= 11,
// stride <= 4, dilation <= 4, padding <= kernel, and for a larger target the
// ConvTranspose2d search too), the slowest of 60 seeded requests, each the
// median of 7 runs, against the budget in milliseconds that
// benchmarks/solver.py passes from budgets.toml.
// Run: node benchmarks/solver.mjs MILLISECONDS
import { solve } from "../docs/javascripts/inverse.js";

const BUDGET_MS = Number(process.argv[2]);
if (!(BUDGET_MS > 0)) {
	throw new Error(
		`give the budget in milliseconds (benchmarks.solver passes budgets.toml's)`,
	);
}
let seed = 16;
const random = (low, high) => {
	// a small seeded LCG: the same requests each run
	seed = (seed * 1103515245 + 12345) % 2147483648;
	return low + (seed % (high - low + 1));
};
const requests = Array.from({ length: 60 }, (_, i) => {
	const size = random(1, 512);
	// shrinking, growing (both searches) and out of reach, in turn
	const target = [random(1, size), random(size + 1, 4 * size + 40), 4096][i % 3];
	return { size, target };
});

function median(request) {
	const times = Array.from({ length: 7 }, () => {
		const start = process.hrtime.bigint();
		solve(request);
		return Number(process.hrtime.bigint() - start) / 1e6;
	}).sort((a, b) => a - b);
	return times[3];
}

requests.forEach(solve); // warm-up: let the JIT compile the search
const times = requests.map(median);
const worst = Math.max(...times);
const sorted = [...times].sort((a, b) => a - b);
console.log(
	`solve(): slowest request ${worst.toFixed(1)} ms, median ${sorted[30].toFixed(1)} ms ` +
		`(${requests.length} requests, median of 7 runs each); budget ${BUDGET_MS} ms: ` +
		(worst <= BUDGET_MS ? "within" : "OVER"),
);
process.exitCode = worst <= BUDGET_MS ? 0 : 1;

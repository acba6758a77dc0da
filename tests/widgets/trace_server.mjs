// One long-lived process for the tracer's property tests: each stdin line is
// a JSON array of {input, stack} texts, each stdout line the array of
// trace() answers in tests/support/layer_oracle.py's format: a row per layer
// up to the failing one ({shape, params}, {error}, {outside}, or null for a
// layer not reached), with the receptive fields and the first Linear apart.
import { createInterface } from "node:readline";
import { trace } from "../../docs/javascripts/stacktrace.js";

function answer({ input, stack }) {
	const { problem, rows, failed, firstLinear } = trace(input, stack);
	if (problem) return { problem };
	const reached = rows.slice(0, failed === null ? rows.length : failed + 1);
	return {
		rows: reached.map((row) =>
			row.shape
				? { shape: row.shape, params: row.params }
				: row.error
					? { error: row.error }
					: row.outside
						? { outside: row.outside }
						: null,
		),
		fields: reached.map((row) => row.field ?? null),
		firstLinear,
	};
}

for await (const line of createInterface({ input: process.stdin })) {
	process.stdout.write(`${JSON.stringify(JSON.parse(line).map(answer))}\n`);
}

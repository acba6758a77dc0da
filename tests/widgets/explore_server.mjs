// One long-lived process for the property test: each stdin line is a JSON
// array of configurations, each stdout line the array of explore() answers.
import { createInterface } from "node:readline";
import { explore } from "../../docs/javascripts/shapes/conv.js";

const answer = (config) => {
	const result = explore(config);
	return result.error
		? { error: result.error }
		: { shape: result.shape, weight: result.weight, params: result.params };
};

for await (const line of createInterface({ input: process.stdin })) {
	process.stdout.write(`${JSON.stringify(JSON.parse(line).map(answer))}\n`);
}

// One long-lived process for the cost model's property tests
// (tests/model/test_cost_property.py): each stdin line is a JSON array of
// {input, layers, dtype}, each stdout line the array of stackCost() answers
// with the totals' printed lines as `text`.
import { createInterface } from "node:readline";
import { stackCost, summaryText } from "../../docs/javascripts/shapes/cost.js";

function answer({ input, layers, dtype }) {
	const cost = stackCost(input, layers, dtype);
	return cost && { ...cost, text: summaryText(cost.totals) };
}

for await (const line of createInterface({ input: process.stdin })) {
	process.stdout.write(`${JSON.stringify(JSON.parse(line).map(answer))}\n`);
}

// The node side of tests/support/node.py. Each stdin line is a JSON batch of
// calls, [module, name, args]: module a path under docs/javascripts/, args an
// array for name(...args), null for the export's value itself; name null for
// the kind of each export ("function", "class" or "value"). Each batch gets one
// stdout line: {answers} in the calls' order, or {failed, stack} for the first
// call that threw, so Python can show the JavaScript stack.
import { createInterface } from "node:readline";

const MODULES = new URL("../../docs/javascripts/", import.meta.url);

function kind(value) {
	if (typeof value !== "function") return "value";
	return /^class\b/.test(Function.prototype.toString.call(value))
		? "class"
		: "function";
}

async function answer([module, name, args]) {
	const exported = await import(new URL(module, MODULES));
	if (name === null) {
		return Object.fromEntries(
			Object.entries(exported).map(([key, value]) => [key, kind(value)]),
		);
	}
	if (!(name in exported)) throw new Error(`${module} exports no ${name}`);
	return args === null ? exported[name] : exported[name](...args);
}

for await (const line of createInterface({ input: process.stdin })) {
	const answers = [];
	let reply;
	for (const call of JSON.parse(line)) {
		try {
			answers.push(await answer(call));
		} catch (error) {
			reply = { failed: call, stack: error?.stack ?? String(error) };
			break;
		}
	}
	process.stdout.write(`${JSON.stringify(reply ?? { answers })}\n`);
}

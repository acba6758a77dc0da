// The practice page's widget: a problem drawn from the seed in the URL hash
// (problems.js), an answer field, a hint and the solution on request.
// <div data-practice></div>; #seed=N[&kind=padding] names the problem.
import { draw, grade, KINDS, MAX_SEED } from "./problems.js";
import { hashState, isAnchor, mount, onHashState, writeHash } from "./widget.js";

const element = (tag, className = "", text = "") =>
	Object.assign(document.createElement(tag), { className, textContent: text });
const freshSeed = () => crypto.getRandomValues(new Uint32Array(1))[0];

// {seed, kind, note} from a hash such as "seed=42&kind=stride"; a seed that
// is missing or unusable becomes a fresh one, and the note says why.
function read(hash) {
	const params = new URLSearchParams(hash);
	const problems = [];
	const text = params.get("seed");
	const seed =
		text !== null && /^\d{1,10}$/.test(text) && Number(text) <= MAX_SEED
			? Number(text)
			: null;
	if (text !== null && seed === null)
		problems.push(
			`seed "${text.slice(0, 20)}" is not a whole number from 0 to ${MAX_SEED}`,
		);
	const kind = params.get("kind");
	if (kind !== null && !KINDS.includes(kind))
		problems.push(`kind "${kind.slice(0, 20)}" is not one of ${KINDS.join(", ")}`);
	for (const key of params.keys())
		if (!["seed", "kind"].includes(key))
			problems.push(`${key.slice(0, 20)} is not a setting`);
	return {
		seed: seed ?? freshSeed(),
		kind: KINDS.includes(kind) ? kind : undefined,
		note: problems.length ? `Ignored in the link: ${problems.join("; ")}.` : "",
	};
}

const hashOf = ({ seed, kind }) =>
	`#${new URLSearchParams(kind ? { seed, kind } : { seed })}`;

// "Which `padding` ..." with each `name` as code.
function withCode(text) {
	const p = element("p", "tf-question");
	p.append(
		...text.split("`").map((part, i) => (i % 2 ? element("code", "", part) : part)),
	);
	return p;
}

function build(root, index) {
	const id = `tp${index}-`;
	root.innerHTML = `<p class="tf-note" role="status"></p><div class="tf-task"></div>
<form class="tf-form"><div class="tf-field"><label for="${id}answer">Your answer</label>
<input id="${id}answer" name="answer" class="tf-wide" autocomplete="off" spellcheck="false" maxlength="80"
 aria-describedby="${id}feedback"></div><button class="tf-button tf-check">Check</button></form>
<p><button type="button" class="tf-button"
 data-hint aria-expanded="false">Hint</button><button type="button" class="tf-button" data-solution
 aria-expanded="false">Solution</button><button type="button" class="tf-button" data-new>New problem</button></p>
<p id="${id}feedback" class="tf-feedback" role="status"></p><div class="tf-hint" hidden></div>
<div class="tf-solution" hidden></div><p><a data-share href="">Link to this problem</a></p>`;
	const $ = (selector) => root.querySelector(selector);
	const form = $("form");
	const answer = form.elements.answer;
	const feedback = $(".tf-feedback");
	let current;

	function show({ seed, kind, note }) {
		current = { ...draw(seed, kind), pinned: kind };
		$(".tf-note").textContent = note;
		const task = $(".tf-task");
		const given = element("pre");
		given.appendChild(element("code", "", current.given)).tabIndex = 0; // it may scroll
		task.replaceChildren(
			element("p", "", `Problem ${seed} (${current.kind}):`),
			withCode(current.question),
			given,
		);
		answer.value = "";
		answer.removeAttribute("aria-invalid");
		feedback.textContent = "";
		feedback.className = "tf-feedback";
		$(".tf-hint").replaceChildren(element("p", "", current.hint));
		const code = element("pre");
		code.appendChild(element("code", "", current.solution)).tabIndex = 0;
		$(".tf-solution").replaceChildren(
			code,
			element(
				"p",
				"",
				`It prints ${current.printed}; the answer is ${current.answerText}.`,
			),
		);
		for (const button of ["hint", "solution"]) toggle(button, false);
		$("[data-share]").href = hashOf({ seed, kind });
	}

	function toggle(name, open) {
		$(`.tf-${name}`).hidden = !open;
		$(`[data-${name}]`).setAttribute("aria-expanded", open);
	}

	form.addEventListener("submit", (event) => {
		event.preventDefault();
		const { right, message, unreadable } = grade(current, answer.value);
		feedback.textContent = message;
		feedback.className = `tf-feedback ${right ? "tf-good" : "tf-bad"}`;
		answer.setAttribute("aria-invalid", Boolean(unreadable));
	});
	for (const name of ["hint", "solution"]) {
		$(`[data-${name}]`).onclick = () => toggle(name, $(`.tf-${name}`).hidden);
	}
	// A new problem is a new entry of the history: Back returns to the last one.
	$("[data-new]").onclick = () => {
		location.hash = hashOf({ seed: freshSeed(), kind: current.pinned });
	};
	onHashState((hash) => show(read(hash)));
	const start = read(hashState() ?? "");
	if (!isAnchor()) writeHash(hashOf(start));
	show(start);
}

mount("practice", build);

// PyTorch's messages whose words depend on the release, mirroring
// shapes/rewordings.py (tests/model/test_rewordings.py compares them). The models
// speak the newest release's words; the widgets add, with olderWordings, what
// older releases print instead. No DOM.

// Each: the release that changed the words, the message's start since, before.
export const REWORDINGS = [
	// nn.Linear's size mismatch names the product that failed: addmm with a
	// bias (bias + input @ weight.T), mm without one.
	[
		[2, 15],
		"addmm: mat1 and mat2 shapes cannot be multiplied",
		"mat1 and mat2 shapes cannot be multiplied",
	],
	[
		[2, 15],
		"mm: mat1 and mat2 shapes cannot be multiplied",
		"mat1 and mat2 shapes cannot be multiplied",
	],
].map(([since, now, before]) => ({ since, now, before }));

const compare = (a, b) => a[0] - b[0] || a[1] - b[1];
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const NEWEST_FIRST = [...REWORDINGS].sort((a, b) => compare(b.since, a.since));

// [major, minor] of a version string such as "2.13.0+cpu".
export const release = (version) =>
	version
		.match(/^(\d+)\.(\d+)/)
		.slice(1)
		.map(Number);

// The releases before `since`, as the pages name them: "2.14 and older".
export const olderReleases = ([major, minor]) =>
	minor ? `${major}.${minor - 1} and older` : `before ${major}.0`;

function inRelease(text, [major, minor]) {
	for (const { since, now, before } of NEWEST_FIRST) {
		if (compare([major, minor], since) < 0) {
			text = text.replace(
				new RegExp(`(^|\\W)${escaped(now)}`, "g"),
				(_, start) => start + before,
			);
		}
	}
	return text;
}

// `text`, in the newest release's words, as torch `version` prints it: each
// reworded start, where a word begins, in the older words.
export const asPrintedBy = (text, version) => inRelease(text, release(version));

// What the releases before each rewording print instead of `message`, newest
// first: [{releases: "2.14 and older", message}]; [] where none differ.
export function olderWordings(message) {
	const changes = [...new Set(REWORDINGS.map(({ since }) => since.join(".")))]
		.map(release)
		.sort((a, b) => compare(b, a));
	return changes
		.map((since) => ({
			releases: olderReleases(since),
			message: inRelease(message, [since[0], since[1] - 1]),
		}))
		.filter((older) => older.message !== message);
}

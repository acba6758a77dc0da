// Material wraps each table in a box that scrolls sideways when the table
// is wider than the screen (.md-typeset__scrollwrap): keyboards must reach
// the box to scroll it (axe-core's scrollable-region-focusable), as they
// reach the formulas' boxes (course/markdown/mathml.py). document$ is Material's
// documented signal that a page's content is in place.
document$.subscribe(() => {
	for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
		box.tabIndex = 0;
	}
});

// Boxes that scroll sideways when their content is wider than the screen:
// Material's box around each table (.md-typeset__scrollwrap) and, on notebook
// pages, the code a Markdown cell shows without running it. Keyboards must
// reach such a box to scroll it (axe-core's scrollable-region-focusable), as
// they reach the formulas' boxes (course/markdown/mathml.py). document$ is
// Material's documented signal that a page's content is in place.
document$.subscribe(() => {
	for (const box of document.querySelectorAll(
		".md-typeset__scrollwrap, .jp-RenderedMarkdown pre",
	)) {
		box.tabIndex = 0;
	}
});

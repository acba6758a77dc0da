// What every widget does. Its marker comes from widgets.json, which the build
// reads too; a hash with "=" holds its state, one without is a heading's anchor.
import WIDGETS from "./widgets.json" with { type: "json" };

export { WIDGETS };
// Builds each marked element once the stylesheet loads (or fails): no unstyled flash.
export function mount(name, build) {
	const css = Object.assign(document.createElement("link"), {
		rel: "stylesheet",
		href: new URL(
			`../stylesheets/${WIDGETS[name].stylesheet ?? `${name}.css`}`,
			import.meta.url,
		),
	});
	css.onload = css.onerror = () =>
		document.querySelectorAll(`[${WIDGETS[name].marker}]`).forEach(build);
	document.head.append(css);
}
export const hashState = () =>
	location.hash.includes("=") ? location.hash.slice(1) : null;
export const isAnchor = () => location.hash !== "" && hashState() === null;
export const onHashState = (show) =>
	addEventListener("hashchange", () => hashState() && show(hashState()));
export const writeHash = (hash) => history.replaceState(null, "", hash);

// Math on the notebook pages, without MathJax from a CDN: mkdocs-jupyter
// loads this file as its MathJax (custom_mathjax_url in mkdocs.yml), and it
// swaps each $...$ and $$...$$ of the Markdown cells for the MathML the
// build computed (notebook-math.json, course/notebooks/math.py).
// A classic script (MathJax's place): its names stay inside this function.
(() => {
  const table = new URL("notebook-math.json", document.currentScript.src);
  const MATH = /\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$/g;
  const key = (marks, tex) => marks + tex.trim().split(/\s+/).join(" ");

  function typeset(text, mathml) {
    const pieces = [];
    let last = 0;
    for (const match of text.data.matchAll(MATH)) {
      const found = match[1] === undefined ? mathml[key("$", match[2])]
        : mathml[key("$$", match[1])];
      if (found === undefined) continue;
      pieces.push(document.createTextNode(text.data.slice(last, match.index)));
      const template = document.createElement("template");
      template.innerHTML = found;
      pieces.push(template.content);
      last = match.index + match[0].length;
    }
    if (!pieces.length) return;
    pieces.push(document.createTextNode(text.data.slice(last)));
    text.replaceWith(...pieces);
  }

  addEventListener("DOMContentLoaded", async () => {
    const mathml = await (await fetch(table)).json();
    for (const cell of document.querySelectorAll(".jp-RenderedMarkdown")) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      const texts = [];
      while (walker.nextNode()) {
        const text = walker.currentNode;
        if (text.data.includes("$") && !text.parentElement.closest("code, pre")) {
          texts.push(text);
        }
      }
      texts.forEach((text) => typeset(text, mathml));
    }
  });
})();

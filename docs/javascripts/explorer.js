// The Conv2d shape explorer: nn.Conv2d's arguments in, what PyTorch does out.
// <div data-conv-explorer [data-preset="n=8&c=3&..."] [data-url-state] [data-link=URL]>
import { explore, PADDING_MODES } from "./convshape.js";

const MAX = 4096;
// name, label, least value the model takes, least PyTorch accepts, default
const NUMBERS = [["n", "batch N", 1, 1, 1], ["c", "in_channels", 1, 1, 3], ["h", "height H", 1, 1, 8],
  ["w", "width W", 1, 1, 8], ["o", "out_channels", 1, 1, 4], ["kh", "kernel kh", 1, 1, 3],
  ["kw", "kernel kw", 1, 1, 3], ["sh", "stride sh", 0, 1, 1], ["sw", "stride sw", 0, 1, 1],
  ["dh", "dilation dh", 1, 1, 1], ["dw", "dilation dw", 1, 1, 1], ["g", "groups", 0, 1, 1],
  ["ph", "padding ph", 0, 0, 0], ["pw", "padding pw", 0, 0, 0]];
const DEFAULTS = { pad: "numbers", bias: 1, mode: "zeros",
  ...Object.fromEntries(NUMBERS.map((f) => [f[0], f[4]])) };
const FIELDSETS = { "Input x": "n c h w", Layer: "o kh kw sh sw dh dw g bias", Padding: "pad ph pw mode" };

// The form's state (as in the URL: n=1&c=3&...) as convshape.js's config.
const configOf = (v) => ({ input: [v.n, v.c, v.h, v.w], in_channels: v.c, out_channels: v.o,
  kernel_size: [v.kh, v.kw], stride: [v.sh, v.sw], dilation: [v.dh, v.dw], groups: v.g,
  padding: v.pad === "numbers" ? [v.ph, v.pw] : v.pad, bias: v.bias === 1, padding_mode: v.mode });

// [value, or null if unusable; why the field is refused or doubtful]
function parse(text, least, accepted) {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) return [null, "enter a whole number"];
  const n = +t;
  if (n > MAX || n < least) return [null, n > MAX ? `at most ${MAX}` : `at least ${least}`];
  return [n, n < accepted ? `PyTorch needs ≥ ${accepted}` : ""];
}

const pair = ([a, b]) => (a === b ? `${a}` : `(${a}, ${b})`);

function code(c) {
  const args = [c.in_channels, c.out_channels, `kernel_size=${pair(c.kernel_size)}`];
  const add = (name, value, plain) => value !== plain && args.push(`${name}=${value}`);
  add("stride", pair(c.stride), "1");
  add("padding", Array.isArray(c.padding) ? pair(c.padding) : `"${c.padding}"`, "0");
  add("dilation", pair(c.dilation), "1");
  add("groups", c.groups, 1);
  add("bias", c.bias ? "True" : "False", "True");
  add("padding_mode", `"${c.padding_mode}"`, '"zeros"');
  return `import torch\nfrom torch import nn\nx = torch.randn(${c.input.join(", ")})\n` +
    `conv = nn.Conv2d(${args.join(", ")})\nprint(conv(x).shape)`;
}

function formula(name, a, unit) {
  const pad = a.before === a.after ? `2·${a.before}` : `${a.before} + ${a.after}`;
  const input = Math.max(0, a.dropped - a.after);
  return `${name}_out = ⌊(${a.size} + ${pad} − ${a.dilation}·(${a.kernel} − 1) − 1) / ${a.stride}⌋ + 1` +
    ` = ⌊${a.size + a.before + a.after - a.span} / ${a.stride}⌋ + 1 = ${a.out}; ${a.dropped} ${unit}${a.dropped === 1 ? "" : "s"} ` +
    `dropped at the end (${input} of input, ${a.dropped - input} of padding)`;
}

// One axis: padding, input, dropped cells; the first and last kernel positions.
function axisSvg(a, name) {
  const cells = a.size + a.before + a.after;
  if (cells > 60) return `<p>${name}: ${cells} cells, too many to draw.</p>`;
  const rows = [...Array(a.out).keys()].filter((i) => i < 4 || i >= a.out - 2);
  let body = "";
  for (let i = 0; i < cells; i++) {
    const kind = i >= cells - a.dropped ? "drop" : i < a.before || i >= a.before + a.size ? "pad" : "in";
    body += `<rect class="${kind}" x="${i * 12}" width="10" height="10"/>`;
  }
  rows.forEach((p, row) => {
    const y = row * 12 + 18;
    const x = (cell) => (p * a.stride + cell) * 12 + 5;
    body += `<path d="M${x(0)} ${y}H${x(a.span - 1)}"/>`;
    for (let t = 0; t < a.kernel; t++) body += `<circle cx="${x(t * a.dilation)}" cy="${y}" r="3"/>`;
  });
  return `<svg role="img" aria-label="${name}: ${a.before} + ${a.size} + ${a.after} cells, ${a.out} ` +
    `kernel positions" viewBox="-1 -1 ${cells * 12} ${rows.length * 12 + 14}" width="${cells * 18}">${body}</svg>`;
}

function field(id, key) {
  const number = NUMBERS.find((f) => f[0] === key);
  const options = { pad: ["padding", "numbers", "same", "valid"], mode: ["padding_mode", ...PADDING_MODES] }[key];
  if (options) return `<label>${options.shift()}<select name="${key}"><option>${options.join("<option>")}</select></label>`;
  return number ? `<label>${number[1]}<input id="${id + key}" name="${key}" inputmode="numeric" autocomplete="off" ` +
    `aria-describedby="${id + key}-why"><small id="${id + key}-why"></small></label>`
    : '<label class="cx-check"><input type="checkbox" name="bias"> bias</label>';
}

function build(root, index) {
  const id = `cx${index}-`;
  const { preset, link } = root.dataset;
  const start = { ...DEFAULTS, ...Object.fromEntries(new URLSearchParams(preset)) };
  const urlState = "urlState" in root.dataset;
  root.innerHTML = `<form class="cx-form">${Object.entries(FIELDSETS).map(([legend, keys]) =>
    `<fieldset><legend>${legend}</legend>${keys.split(" ").map((k) => field(id, k)).join("")}</fieldset>`).join("")}
<p><button type="button" class="cx-button" data-reset>Reset</button> ${link ? '<a data-open href="">Open in the explorer</a>' : ""}</p></form>
<p class="cx-error" role="status"></p><div class="cx-result">
<p>Output shape <output class="cx-shape"></output></p><p></p><p></p><p></p>
<pre><code class="cx-code"></code></pre><p><button type="button" class="cx-button" data-copy>Copy code</button>
<span class="cx-copied" role="status"></span></p><div class="cx-svg"></div></div>`;
  const form = root.querySelector("form");
  const $ = (selector) => root.querySelector(selector);
  const [, height, width, weight] = root.querySelectorAll(".cx-result > p");
  const fill = (state) => {
    for (const el of form.elements) {
      const value = String(state[el.name] ?? start[el.name]);
      if (el.type === "checkbox") el.checked = value !== "0";
      else if (el.name) {
        el.value = value;
        if (el.value !== value) el.value = start[el.name]; // an unknown option
      }
    }
    update();
  };

  function update() {
    const v = { pad: form.pad.value, mode: form.mode.value, bias: +form.bias.checked };
    let usable = true;
    for (const [name, , least, accepted] of NUMBERS) {
      const el = form[name];
      el.disabled = name[0] === "p" && v.pad !== "numbers"; // ph, pw: only for numbers
      const [value, why] = el.disabled ? [0, ""] : parse(el.value, least, accepted);
      el.setAttribute("aria-invalid", why !== "");
      $(`#${id + name}-why`).textContent = why;
      v[name] = value;
      usable &&= value !== null;
    }
    const result = usable && explore(configOf(v));
    const error = result ? result.error : { message: "Fix the marked field (last valid result dimmed)." };
    $(".cx-error").textContent = error ? (error.type ? `PyTorch raises ${error.type}: ` : "") + error.message : "";
    $(".cx-result").classList.toggle("cx-stale", !!error);
    const hash = usable ? `#${new URLSearchParams(v)}` : location.hash;
    if (link) $("[data-open]").href = link + hash;
    if (urlState) history.replaceState(null, "", hash);
    if (error) return;
    const [h, w] = result.axes;
    const k = result.weight;
    $(".cx-shape").textContent = `(${result.shape.join(", ")})`;
    height.textContent = formula("H", h, "row");
    width.textContent = formula("W", w, "column");
    weight.textContent = `weight (${k.join(", ")}); parameters ${k.join("·")}${v.bias ? ` + ${k[0]}` : ""} = ${result.params}`;
    $(".cx-code").textContent = code(configOf(v));
    $(".cx-svg").innerHTML = axisSvg(h, "Height") + axisSvg(w, "Width");
  }

  form.addEventListener("input", update);
  $("[data-reset]").onclick = () => fill(start);
  $("[data-copy]").onclick = async () => {
    $(".cx-copied").textContent = await Promise.resolve($(".cx-code").textContent)
      .then((text) => navigator.clipboard.writeText(text))
      .then(() => "Copied.", () => "Copy refused: select and press Ctrl+C.");
  };
  const fromUrl = () => fill(Object.fromEntries(new URLSearchParams(location.hash.slice(1))));
  if (urlState) addEventListener("hashchange", fromUrl);
  urlState ? fromUrl() : fill(start);
}

const css = document.createElement("link");
css.rel = "stylesheet";
css.href = new URL("../stylesheets/explorer.css", import.meta.url);
document.head.append(css);
document.querySelectorAll("[data-conv-explorer]").forEach(build);

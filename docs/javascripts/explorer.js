// The Conv2d shape explorer: a form over nn.Conv2d's arguments that shows,
// on every change, what PyTorch does (shape math: convshape.js). Markup:
// <div data-conv-explorer [data-preset='{config}'] [data-url-state] [data-link=URL]>
import { explore, PADDING_MODES } from "./convshape.js";

const MAX = 4096;
// [name, label, least value the model takes, least value PyTorch accepts]
const NUMBERS = [["n", "batch N", 1, 1], ["c", "in_channels", 1, 1], ["h", "height H", 1, 1],
  ["w", "width W", 1, 1], ["o", "out_channels", 1, 1], ["kh", "kernel kh", 1, 1],
  ["kw", "kernel kw", 1, 1], ["sh", "stride sh", 0, 1], ["sw", "stride sw", 0, 1],
  ["ph", "padding ph", 0, 0], ["pw", "padding pw", 0, 0], ["dh", "dilation dh", 1, 1],
  ["dw", "dilation dw", 1, 1], ["g", "groups", 0, 1]];
const DEFAULTS = { n: 1, c: 3, h: 8, w: 8, o: 4, kh: 3, kw: 3, sh: 1, sw: 1, pad: "numbers",
  ph: 0, pw: 0, dh: 1, dw: 1, g: 1, bias: 1, mode: "zeros" };
const FIELDSETS = [["Input x", "n c h w"], ["Layer", "o kh kw sh sw dh dw g bias"],
  ["Padding", "pad ph pw mode"]];
let instances = 0;

// The form's flat state from a config in convshape.js's format.
function stateOf(c) {
  const pad = typeof c.padding === "string" ? c.padding : "numbers";
  const [ph, pw] = pad === "numbers" ? c.padding : [0, 0];
  return { n: c.input[0], c: c.in_channels, h: c.input[2], w: c.input[3], o: c.out_channels,
    kh: c.kernel_size[0], kw: c.kernel_size[1], sh: c.stride[0], sw: c.stride[1], pad, ph, pw,
    dh: c.dilation[0], dw: c.dilation[1], g: c.groups, bias: c.bias ? 1 : 0, mode: c.padding_mode };
}

function configOf(v) {
  return { input: [v.n, v.c, v.h, v.w], in_channels: v.c, out_channels: v.o,
    kernel_size: [v.kh, v.kw], stride: [v.sh, v.sw], dilation: [v.dh, v.dw], groups: v.g,
    padding: v.pad === "numbers" ? [v.ph, v.pw] : v.pad, bias: v.bias === 1, padding_mode: v.mode };
}

// [value, why it is refused or questionable]; value is null if unusable.
function parse(text, least, accepted) {
  const t = text.trim();
  if (!/^-?\d{1,9}$/.test(t)) return [null, t ? "enter a whole number" : "required"];
  const n = Number(t);
  if (n > MAX) return [null, `at most ${MAX}`];
  if (n < least) return [null, `at least ${least}`];
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
  const top = a.size + a.before + a.after - a.span;
  const input = Math.max(0, a.dropped - a.after);
  const left = a.dropped ? `${a.dropped} ${unit}${a.dropped > 1 ? "s" : ""} at the end never ` +
    `covered: ${input} of the input, ${a.dropped - input} of padding` : `no ${unit} dropped`;
  return `${name}_out = ⌊(${a.size} + ${pad} − ${a.dilation}·(${a.kernel} − 1) − 1) / ` +
    `${a.stride}⌋ + 1 = ⌊${top} / ${a.stride}⌋ + 1 = ${a.out}; ${left}`;
}

// One axis: padded input (padding, input, dropped cells), then where the
// kernel's taps land for the first and last output positions.
function axisSvg(a, name) {
  const cells = a.size + a.before + a.after;
  if (cells > 60) return `<p>${name}: ${cells} cells, too many to draw.</p>`;
  const shown = [...Array(a.out).keys()].filter((i) => i < 4 || i >= a.out - 2);
  const s = 12;
  let body = "";
  for (let i = 0; i < cells; i++) {
    const kind = i >= cells - a.dropped ? "drop" : i < a.before || i >= a.before + a.size ? "pad" : "in";
    body += `<rect class="${kind}" x="${i * s}" y="0" width="${s - 2}" height="${s - 2}"/>`;
  }
  shown.forEach((p, row) => {
    const y = (row + 1.5) * s;
    body += `<line x1="${p * a.stride * s + 5}" x2="${(p * a.stride + a.span - 1) * s + 5}" y1="${y}" y2="${y}"/>`;
    for (let t = 0; t < a.kernel; t++) body += `<circle cx="${(p * a.stride + t * a.dilation) * s + 5}" cy="${y}" r="3"/>`;
  });
  const label = `${name}: ${a.before} padding, ${a.size} input, ${a.after} padding cells; ` +
    `${a.out} kernel positions (${shown.length} drawn), stride ${a.stride}, dilation ${a.dilation}; ` +
    `${a.dropped} dropped`;
  return `<svg role="img" aria-label="${label}" viewBox="-1 -1 ${cells * s + 2} ${(shown.length + 1.5) * s}" ` +
    `width="${cells * s + 2}">${body}</svg>`;
}

function field(id, key) {
  const number = NUMBERS.find(([name]) => name === key);
  if (number) {
    return `<label>${number[1]}<input id="${id}${key}" name="${key}" inputmode="numeric" ` +
      `autocomplete="off" aria-describedby="${id}${key}-why"><small id="${id}${key}-why"></small></label>`;
  }
  if (key === "bias") return `<label class="cx-check"><input type="checkbox" name="bias"> bias</label>`;
  const options = key === "pad" ? ["numbers", "same", "valid"] : PADDING_MODES;
  return `<label>${key === "pad" ? "padding" : "padding_mode"}<select name="${key}">` +
    options.map((o) => `<option>${o}</option>`).join("") + "</select></label>";
}

function build(root) {
  const id = `cx${instances++}-`;
  root.innerHTML = `<form class="cx-form">${FIELDSETS.map(([legend, keys]) =>
    `<fieldset><legend>${legend}</legend>${keys.split(" ").map((k) => field(id, k)).join("")}</fieldset>`).join("")}
<p><button type="button" class="md-button" data-reset>Reset</button> ${root.dataset.link
    ? '<a data-open href="">Open in the explorer</a>' : ""}</p></form>
<p class="cx-error" role="status"></p><div class="cx-result">
<p>Output shape <output class="cx-shape" aria-live="polite"></output></p>
<p class="cx-formula"></p><p class="cx-formula"></p><p class="cx-weight"></p>
<pre><code class="cx-code"></code></pre><p><button type="button" class="md-button" data-copy>Copy code</button>
<span class="cx-copied" role="status"></span></p><div class="cx-svg"></div></div>`;
  const form = root.querySelector("form");
  const $ = (selector) => root.querySelector(selector);
  const preset = root.dataset.preset ? stateOf(JSON.parse(root.dataset.preset)) : DEFAULTS;
  const fill = (state) => {
    for (const el of form.elements) {
      const value = String(state[el.name] ?? preset[el.name]);
      if (el.type === "checkbox") el.checked = value !== "0";
      else if (el.name) el.value = value;
    }
  };

  const update = () => {
    const v = { pad: form.pad.value, mode: form.mode.value, bias: form.bias.checked ? 1 : 0 };
    let usable = true;
    for (const [name, , least, accepted] of NUMBERS) {
      const el = form[name];
      el.disabled = (name === "ph" || name === "pw") && v.pad !== "numbers";
      const [value, why] = el.disabled ? [0, ""] : parse(el.value, least, accepted);
      el.setAttribute("aria-invalid", String(why !== ""));
      $(`#${id}${name}-why`).textContent = why;
      v[name] = value;
      usable &&= value !== null;
    }
    const result = usable ? explore(configOf(v)) : null;
    const error = result ? result.error : { type: "", message: "" };
    $(".cx-error").textContent = !error ? "" : error.type
      ? `PyTorch raises ${error.type}: ${error.message}` : "Fix the marked field; the last valid result is dimmed.";
    $(".cx-result").classList.toggle("cx-stale", Boolean(error));
    const hash = new URLSearchParams(usable ? v : {}).toString();
    if (root.dataset.link) $("[data-open]").href = `${root.dataset.link}#${hash}`;
    if (usable && "urlState" in root.dataset) history.replaceState(null, "", `#${hash}`);
    if (error) return;
    const config = configOf(v);
    $(".cx-shape").textContent = `(${result.shape.join(", ")})`;
    const [height, width] = result.axes;
    const formulas = root.querySelectorAll(".cx-formula");
    formulas[0].textContent = formula("H", height, "row");
    formulas[1].textContent = formula("W", width, "column");
    const w = result.weight;
    $(".cx-weight").textContent = `weight (${w.join(", ")}); parameters ${w.join("·")}` +
      `${config.bias ? ` + ${w[0]}` : ""} = ${result.params}`;
    $(".cx-code").textContent = code(config);
    $(".cx-svg").innerHTML = axisSvg(height, "Height") + axisSvg(width, "Width");
  };

  const fromUrl = () => {
    fill(Object.fromEntries(new URLSearchParams(location.hash.slice(1))));
    update();
  };
  form.addEventListener("input", update);
  form.addEventListener("keydown", (event) => { // arrows step a number field
    const step = { ArrowUp: 1, ArrowDown: -1 }[event.key];
    const [value] = parse(event.target.value ?? "", -MAX, -MAX);
    if (!step || event.target.inputMode !== "numeric" || value === null) return;
    event.preventDefault();
    event.target.value = value + step;
    update();
  });
  $("[data-reset]").addEventListener("click", () => { fill(preset); update(); });
  $("[data-copy]").addEventListener("click", async () => {
    const text = $(".cx-code").textContent;
    try {
      await navigator.clipboard.writeText(text);
      $(".cx-copied").textContent = "Copied.";
    } catch { // no clipboard permission: select it for Ctrl+C instead
      getSelection().selectAllChildren($(".cx-code"));
      $(".cx-copied").textContent = "Selected: press Ctrl+C to copy.";
    }
  });
  if ("urlState" in root.dataset) {
    addEventListener("hashchange", fromUrl);
    fromUrl();
  } else {
    fill(preset);
    update();
  }
}

const css = document.createElement("link");
css.rel = "stylesheet";
css.href = new URL("../stylesheets/explorer.css", import.meta.url);
document.head.append(css);
document.querySelectorAll("[data-conv-explorer]").forEach(build);

// The inverse of the shape rules, with no DOM: which nn.Conv2d settings (and,
// to grow a size, which nn.ConvTranspose2d ones) turn an input size into a
// target size. Each candidate's size comes from the shape modules, so no
// formula is written twice; the solver only enumerates and orders.
import { explore } from "./convshape.js";

// The search space: kernel 1..11, stride 1..4, dilation 1..4, padding 0..kernel.
export const BOUNDS = { kernel: 11, stride: 4, dilation: 4 };
export const MAX_SIZE = 4096;
const DEFAULTS = { stride: 1, padding: 0, dilation: 1, output_padding: 0 };

const upTo = (last, first = 1) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

// The height nn.Conv2d gives a (1, 1, size, 1) input, or null where PyTorch refuses.
function convSize(size, { kernel, stride, padding, dilation }) {
  const result = explore({ input: [1, 1, size, 1], in_channels: 1, out_channels: 1,
    kernel_size: [kernel, 1], stride: [stride, 1], padding: [padding, 0], dilation: [dilation, 1],
    groups: 1, bias: true, padding_mode: "zeros" });
  return result.error ? null : result.shape[2];
}

// Every (kernel, stride, dilation, padding) of the bounds, with `fixed` ones held.
function* settings(fixed) {
  for (const kernel of fixed.kernel ? [fixed.kernel] : upTo(BOUNDS.kernel)) {
    for (const stride of fixed.stride ? [fixed.stride] : upTo(BOUNDS.stride)) {
      for (const dilation of fixed.dilation ? [fixed.dilation] : upTo(BOUNDS.dilation)) {
        for (const padding of upTo(kernel, 0)) yield { kernel, stride, padding, dilation };
      }
    }
  }
}

// How many arguments differ from their defaults: the first key of "simplest".
const changed = (s) => Object.entries(DEFAULTS).filter(([name, value]) => (s[name] ?? value) !== value).length;
const ORDER = ["kernel", "stride", "dilation", "padding", "output_padding"];
// Simplest first: fewest arguments away from their defaults, then the
// smallest kernel, stride, dilation, padding and output_padding, in that order.
export function simpler(a, b) {
  if (changed(a) !== changed(b)) return changed(a) - changed(b);
  const differs = ORDER.find((name) => (a[name] ?? 0) !== (b[name] ?? 0));
  return differs ? a[differs] - b[differs] : 0;
}

// "sizes 1 to 34" or "no size at all": what a layer reaches from `size`.
function reach(sizes) {
  if (!sizes.length) return "no size at all (every kernel is wider than the padded input)";
  const low = Math.min(...sizes);
  const high = Math.max(...sizes);
  const gaps = upTo(high, low).filter((n) => !sizes.includes(n));
  return `sizes ${low} to ${high}${gaps.length ? ` except ${gaps.join(", ")}` : ""}`;
}

// What is wrong with a request, or "" if it can be solved.
export function checkRequest({ size, target, kernel, stride, dilation }) {
  const numbers = { size: [size, MAX_SIZE], target: [target, MAX_SIZE], kernel: [kernel, BOUNDS.kernel],
    stride: [stride, BOUNDS.stride], dilation: [dilation, BOUNDS.dilation] };
  for (const [name, [value, most]] of Object.entries(numbers)) {
    if (value === undefined && !["size", "target"].includes(name)) continue;
    if (!Number.isInteger(value) || value < 1 || value > most) return `${name} must be a whole number from 1 to ${most}`;
  }
  return "";
}

// {conv, transposed, why}: the Conv2d settings that turn `size` into `target`,
// simplest first; when the target is larger, the ConvTranspose2d ones too
// (null otherwise); why none exists ("" when one does). `fixed` holds any of
// kernel, stride, dilation the learner set.
export function solve({ size, target, ...fixed }) {
  const invalid = checkRequest({ size, target, ...fixed });
  if (invalid) return { conv: [], transposed: null, why: invalid };
  const reached = [];
  const conv = [];
  for (const s of settings(fixed)) {
    const out = convSize(size, s);
    if (out === null) continue;
    reached.push(out);
    if (out === target) conv.push(s);
  }
  conv.sort(simpler);
  const transposed = null;
  const why = conv.length ? "" : `No nn.Conv2d within the bounds${held(fixed)} turns ${size} into ${target}: ` +
    `from ${size} it reaches ${reach([...new Set(reached)])}.`;
  return { conv, transposed, why };
}

// ", with kernel_size 3 and stride 2": the arguments the learner held fixed.
function held(fixed) {
  const names = { kernel: "kernel_size", stride: "stride", dilation: "dilation" };
  const parts = Object.keys(names).filter((key) => fixed[key]).map((key) => `${names[key]} ${fixed[key]}`);
  return parts.length ? ` with ${parts.join(" and ")}` : "";
}

// The layer's line, defaults left out: nn.Conv2d(3, 16, kernel_size=3, padding=1).
export function layerLine(layer, s, inChannels = 3, outChannels = 16) {
  const args = [inChannels, outChannels, `kernel_size=${s.kernel}`];
  for (const [name, value] of Object.entries(DEFAULTS)) {
    if (s[name] !== undefined && s[name] !== value) args.push(`${name}=${s[name]}`);
  }
  return `nn.${layer}(${args.join(", ")})`;
}

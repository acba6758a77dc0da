// docs/javascripts/convshape.js against the PyTorch answers of
// tests/cases/conv2d.json (written by tests/cases/generate.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { explore, samePadding } from "../../docs/javascripts/convshape.js";

const { cases } = JSON.parse(readFileSync(new URL("../cases/conv2d.json", import.meta.url)));

// The part of explore()'s answer that PyTorch states.
function torchPart(result) {
  if (result.error) return { error: result.error };
  return { shape: result.shape, weight: result.weight, params: result.params };
}

test("every case gets PyTorch's shape, weight, parameters or message", () => {
  const mismatches = cases.filter((c) => {
    try {
      assert.deepEqual(torchPart(explore(c.config)), c.torch);
      return false;
    } catch {
      return true;
    }
  });
  assert.deepEqual(mismatches.slice(0, 3), [], `${mismatches.length} of ${cases.length} differ`);
});

test("the cases cover accepted and rejected settings", () => {
  const rejected = cases.filter((c) => c.torch.error).length;
  assert.ok(cases.length >= 500 && rejected >= 150 && cases.length - rejected >= 150);
});

test("an even kernel with 'same' pads one more pixel after than before", () => {
  assert.deepEqual(samePadding(4), [1, 2]);
  assert.deepEqual(samePadding(3, 2), [2, 2]);
});

test("dropped rows are what the last stride leaves over", () => {
  const [height] = explore({ ...cases[0].config, input: [1, 1, 8, 8],
    kernel_size: [3, 3], stride: [2, 2], padding: [0, 0] }).axes;
  assert.deepEqual([height.out, height.dropped], [3, 1]); // rows 0..6 used, row 7 not
});

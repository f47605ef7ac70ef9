import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { toklab } from "../support/cli.js";
import { plantMixture, syntheticLanguage } from "../support/mixture/planted.js";

const dir = mkdtempSync(join(tmpdir(), "toklab-mixture-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const categories = [0, 1, 2].map((i) => ({ name: `lang${i}`, text: syntheticLanguage(200 + i, 3000) }));
const planted = plantMixture(categories, [1, 4, 9], 300);
const tokenizer = file("tokenizer.json", planted.json);
const args = categories.map((c) => `--category=${c.name}=${file(`${c.name}.txt`, c.text)}`);

describe("toklab mixture", () => {
  test("--json gives the planted mixture of a tokenizer trained on the files", async () => {
    const r = await toklab(["mixture", "-t", tokenizer, ...args, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.merges_used, 300);
    assert.ok(out.rounds >= 1 && out.constraints >= 1);
    const sum = Object.values(out.weights as Record<string, number>).reduce((s, w) => s + w, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9);
    for (const c of categories) {
      assert.ok(
        Math.abs(out.weights[c.name] - planted.truth[c.name]) < 1e-6,
        `${c.name}: ${out.weights[c.name]}`,
      );
    }
  });

  test("the table lists every category, largest share first", async () => {
    const r = await toklab(["mixture", "-t", tokenizer, ...args, "--merges", "200"]);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.split("\n").filter((l) => /^lang\d/.test(l));
    assert.deepEqual(
      rows.map((l) => l.split(/\s+/)[0]),
      ["lang2", "lang1", "lang0"],
    );
    assert.match(r.stdout, /^200 merges/m);
  });

  test("--skip-merges K reads the merges after the first K, and says so", async () => {
    const r = await toklab(["mixture", "-t", tokenizer, ...args, "--skip-merges", "100", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.merges_skipped, 100);
    assert.equal(out.merges_used, 200);
    for (const c of categories)
      assert.ok(Math.abs(out.weights[c.name] - planted.truth[c.name]) < 1e-6, c.name);
    const table = await toklab(["mixture", "-t", tokenizer, ...args, "--skip-merges", "250"]);
    assert.match(table.stdout, /^50 merges after the first 250 /m);
    const tooMany = await toklab(["mixture", "-t", tokenizer, ...args, "--skip-merges", "300"]);
    assert.equal(tooMany.code, 1);
    assert.match(tooMany.stderr, /cannot skip 300 merges, the list has 300/);
  });

  test("--gap G reports the slack with its lower bound, and the planted data still gives the truth", async () => {
    const r = await toklab(["mixture", "-t", tokenizer, ...args, "--gap", "0.5", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.ok(
      out.slack_lower_bound <= out.slack && out.slack - out.slack_lower_bound <= 0.5 * out.slack + 1e-9,
    );
    // Zero slack explains every merge, so the gap proves it at once and it is the planted mixture.
    for (const c of categories)
      assert.ok(Math.abs(out.weights[c.name] - planted.truth[c.name]) < 1e-6, c.name);
  });

  test("--time-limit S stops with the best solution so far and says how far from the optimum it is", async () => {
    // Samples other than the training text, so that the program has slack and takes rounds.
    const other = categories.map(
      (c, i) => `--category=${c.name}=${file(`${c.name}-other.txt`, syntheticLanguage(900 + i, 3000))}`,
    );
    const r = await toklab(["mixture", "-t", tokenizer, ...other, "--time-limit", "0.000001", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.status, "time limit");
    assert.equal(out.rounds, 1);
    assert.ok(out.slack_lower_bound <= out.slack);
    const table = await toklab(["mixture", "-t", tokenizer, ...other, "--time-limit", "0.000001"]);
    assert.match(
      table.stdout,
      /stopped at the time limit; the optimum's slack is at least [\d.e+]+, so this is within [\d.]+% of it/,
    );
    const full = JSON.parse((await toklab(["mixture", "-t", tokenizer, ...other, "--json"])).stdout);
    assert.equal(full.status, "optimal");
    assert.ok(full.slack <= out.slack + 1e-6 && full.slack >= out.slack_lower_bound - 1e-6);
  });

  test("usage errors exit 2", async () => {
    for (const bad of [
      ["mixture", ...args],
      ["mixture", "-t", tokenizer, args[0]],
      ["mixture", "-t", tokenizer, ...args, "--merges", "0"],
      ["mixture", "-t", tokenizer, ...args, "--skip-merges", "-1"],
      ["mixture", "-t", tokenizer, ...args, "--skip-merges", "1.5"],
      ["mixture", "-t", tokenizer, ...args, "--gap", "1"],
      ["mixture", "-t", tokenizer, ...args, "--gap", "-0.1"],
      ["mixture", "-t", tokenizer, ...args, "--gap", "abc"],
      ["mixture", "-t", tokenizer, ...args, "--gap="],
      ["mixture", "-t", tokenizer, ...args, "--time-limit", "0"],
      ["mixture", "-t", tokenizer, ...args, "--time-limit", "soon"],
      ["mixture", "-t", tokenizer, "--category", "nofile"],
      ["mixture", "-t", tokenizer, ...args, "stray.txt"],
    ]) {
      const r = await toklab(bad);
      assert.equal(r.code, 2, `${bad.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /^toklab: /);
    }
  });

  test("unusable input exits 1 with one clear line", async () => {
    const empty = `--category=void=${file("empty.txt", "")}`;
    const r1 = await toklab(["mixture", "-t", tokenizer, args[0], empty]);
    assert.equal(r1.code, 1);
    assert.match(r1.stderr, /^toklab: mixture: category "void" has no text\n$/);
    const r2 = await toklab([
      "mixture",
      "-t",
      tokenizer,
      args[0],
      `--category=gone=${join(dir, "missing.txt")}`,
    ]);
    assert.equal(r2.code, 1);
    assert.match(r2.stderr, /missing\.txt/);
    const wordLevel = file(
      "wordlevel.json",
      JSON.stringify({ model: { type: "WordLevel", vocab: { "[UNK]": 0, a: 1 }, unk_token: "[UNK]" } }),
    );
    const r3 = await toklab(["mixture", "-t", wordLevel, ...args]);
    assert.equal(r3.code, 1);
    assert.match(r3.stderr, /WordLevel, which has no merge list/);
  });
});

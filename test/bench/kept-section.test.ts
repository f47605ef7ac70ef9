/** The training section of an earlier BENCHMARKS.md survives a run that has no training results. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { keptSection } from "../../bench/report/kept.js";

const dir = mkdtempSync(join(tmpdir(), "toklab-kept-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("keptSection: from its heading to the next # or ## heading, ### subsections included", () => {
  const path = join(dir, "BENCHMARKS.md");
  writeFileSync(
    path,
    "# Benchmarks\n\n## r50k_base\n\nx\n\n## Training\n\nrun\n\n### SuperBPE\n\n| a |\n\n# Hugging Face\n\ny\n",
  );
  assert.equal(keptSection(path, "## Training"), "## Training\n\nrun\n\n### SuperBPE\n\n| a |");
  writeFileSync(path, "# Benchmarks\n\n## Training\n\nlast\n");
  assert.equal(keptSection(path, "## Training"), "## Training\n\nlast");
  assert.equal(keptSection(path, "## Nothing"), undefined);
  assert.equal(keptSection(join(dir, "missing.md"), "## Training"), undefined);
});

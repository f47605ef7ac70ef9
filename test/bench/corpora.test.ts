import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, test } from "node:test";
import {
  benchCorpusOrStandIn,
  CORPORA_ENV,
  corporaDir,
  corpusPath,
  displayCorpusPath,
  MissingCorpusError,
  REPO_ROOT,
  requireCorpus,
  SHORT_CORPUS_DEFAULT,
  shortCorpusMissing,
  shortCorpusOrNull,
} from "../../bench/corpora.js";

// Never the real corpora (tests must not depend on them): an empty directory, and one with a file.
const empty = mkdtempSync(join(tmpdir(), "toklab-corpora-empty-"));
const full = mkdtempSync(join(tmpdir(), "toklab-corpora-full-"));
writeFileSync(join(full, "bench.jsonl"), "");
writeFileSync(join(full, "short.jsonl"), "");
after(() => {
  rmSync(empty, { recursive: true, force: true });
  rmSync(full, { recursive: true, force: true });
});

describe("where the corpora are", () => {
  test("by default ../shared/corpora beside the repository root, whatever the working directory", () => {
    assert.ok(existsSync(join(REPO_ROOT, "package.json")), REPO_ROOT);
    assert.equal(corporaDir({}), resolve(REPO_ROOT, "..", "shared", "corpora"));
    assert.equal(corpusPath("train-100m.txt", {}), resolve(REPO_ROOT, "../shared/corpora/train-100m.txt"));
  });

  test("TOKLAB_CORPORA names the directory", () => {
    assert.equal(corporaDir({ [CORPORA_ENV]: full }), full);
    assert.equal(corpusPath("bench.jsonl", { [CORPORA_ENV]: full }), join(full, "bench.jsonl"));
  });

  test("a missing file: the error says where it looked and which variable to set", () => {
    assert.equal(requireCorpus("bench.jsonl", { [CORPORA_ENV]: full }), join(full, "bench.jsonl"));
    assert.throws(
      () => requireCorpus("train-100m.txt", { [CORPORA_ENV]: full }),
      (e: unknown) =>
        e instanceof MissingCorpusError &&
        e.message.includes(`looked in ${full}`) &&
        e.message.includes(`${CORPORA_ENV}=${full}`) &&
        e.message.includes(`Set ${CORPORA_ENV} to the directory that holds train-100m.txt`),
    );
  });

  test("TOKLAB_CORPORA or --corpus named but missing: an error, not the generated stand-in", () => {
    const saved = process.env[CORPORA_ENV];
    try {
      process.env[CORPORA_ENV] = empty;
      assert.throws(() => benchCorpusOrStandIn(), MissingCorpusError);
      process.env[CORPORA_ENV] = full;
      assert.equal(benchCorpusOrStandIn(), join(full, "bench.jsonl"));
      assert.throws(() => benchCorpusOrStandIn(join(empty, "x.jsonl")), /no such corpus file/);
    } finally {
      if (saved === undefined) delete process.env[CORPORA_ENV];
      else process.env[CORPORA_ENV] = saved;
    }
  });

  test("reports show $TOKLAB_CORPORA/… or a path relative to the repository, never an absolute one", () => {
    assert.equal(displayCorpusPath(corpusPath("bench.jsonl", {}), {}), "../shared/corpora/bench.jsonl");
    assert.equal(
      displayCorpusPath(join(full, "bench.jsonl"), { [CORPORA_ENV]: full }),
      `$${CORPORA_ENV}/bench.jsonl`,
    );
    assert.equal(displayCorpusPath(join(REPO_ROOT, "data", "x.jsonl"), {}), "data/x.jsonl");
    assert.equal(displayCorpusPath("relative/x.jsonl", {}), "relative/x.jsonl");
  });
});

describe("short.jsonl, the second corpus", () => {
  test("the corpora directory's first, else the one npm run corpus:short writes into .bench-cache", () => {
    assert.equal(shortCorpusOrNull(undefined, { [CORPORA_ENV]: full }), join(full, "short.jsonl"));
    // Whether this checkout has built it is not the test's business: either answer names the cache.
    const found = shortCorpusOrNull(undefined, { [CORPORA_ENV]: empty });
    assert.ok(found === null || found === SHORT_CORPUS_DEFAULT, String(found));
    assert.match(SHORT_CORPUS_DEFAULT, /\.bench-cache[\\/]short\.jsonl$/);
  });

  test("an explicit file must exist; a missing corpus says how to build it", () => {
    assert.throws(() => shortCorpusOrNull(join(empty, "nope.jsonl")), MissingCorpusError);
    assert.match(shortCorpusMissing({ [CORPORA_ENV]: empty }), /npm run corpus:short/);
  });
});

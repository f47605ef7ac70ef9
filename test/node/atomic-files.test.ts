/**
 * All-or-nothing output: whichever file operation fails (a temporary write, the move of an old
 * file to its backup, the rename of a new file into place), the directory afterwards holds
 * exactly what it held before, with no temporary or backup file left; a clean run replaces
 * everything and leaves nothing else.
 */
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import {
  type AtomicFileOps,
  checkOutputFile,
  nodeFileOps,
  writeFilesAtomically,
} from "../../src/node/atomic-files.js";
import { writeTrainedBpe } from "../../src/node/train-output.js";
import { byteTrained, scratchDir } from "../support/train/output.js";

/** Every file of `dir` (names sorted) with its content. */
function snapshot(dir: string): [string, string][] {
  return readdirSync(dir)
    .sort()
    .map((name) => [name, readFileSync(join(dir, name), "utf8")]);
}

/** The real operations, except that the `failAt`-th call of `op` (counting from 0) throws. */
function failing(op: keyof AtomicFileOps, failAt: number): { ops: AtomicFileOps; calls: () => number } {
  let n = 0;
  const trap =
    <A extends unknown[]>(name: keyof AtomicFileOps, real: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      if (name === op && n++ === failAt) throw new Error(`injected ${op} failure`);
      return real(...args);
    };
  return {
    ops: {
      writeNew: trap("writeNew", nodeFileOps.writeNew),
      rename: trap("rename", nodeFileOps.rename),
      unlink: trap("unlink", nodeFileOps.unlink),
    },
    calls: () => n,
  };
}

const NEW = [
  { name: "a.json", data: "new a" },
  { name: "b.txt", data: "new b" },
  { name: "c.txt", data: "new c" },
  { name: "manifest.json", data: "new manifest" },
];

describe("writeFilesAtomically", () => {
  // a.json and manifest.json exist before; b.txt and c.txt are new; other.txt is not ours.
  const before: [string, string][] = [
    ["a.json", "old a"],
    ["manifest.json", "old manifest"],
    ["other.txt", "untouched"],
  ];
  const fresh = () => {
    const dir = scratchDir();
    for (const [name, data] of before) writeFileSync(join(dir, name), data);
    return dir;
  };

  // writeNew is called 4 times, rename 6 times (2 backups + 4 moves into place).
  for (const [op, count] of [
    ["writeNew", 4],
    ["rename", 6],
  ] as const) {
    for (let k = 0; k < count; k++) {
      test(`a failing ${op} #${k} leaves the directory as it was`, async () => {
        const dir = fresh();
        const { ops } = failing(op, k);
        await assert.rejects(writeFilesAtomically(dir, NEW, ops), /injected/);
        assert.deepEqual(snapshot(dir), before);
      });
    }
  }

  test("a clean run replaces every file and leaves no temporary or backup file", async () => {
    const dir = fresh();
    const { ops, calls } = failing("rename", Number.POSITIVE_INFINITY);
    await writeFilesAtomically(dir, NEW, ops);
    assert.equal(calls(), 6, "renames: two backups and four moves into place");
    assert.deepEqual(snapshot(dir), [...NEW.map((f) => [f.name, f.data]), ["other.txt", "untouched"]].sort());
  });

  test("a target that is a directory is refused before anything is written", async () => {
    const dir = fresh();
    mkdirSync(join(dir, "b.txt"));
    await assert.rejects(writeFilesAtomically(dir, NEW), /b\.txt exists and is not a regular file/);
    assert.deepEqual(readdirSync(dir).sort(), ["a.json", "b.txt", "manifest.json", "other.txt"]);
    assert.equal(readFileSync(join(dir, "a.json"), "utf8"), "old a");
  });

  test("bad names are refused", async () => {
    const dir = fresh();
    await assert.rejects(writeFilesAtomically(dir, [{ name: "../x", data: "" }]), /invalid output file name/);
    await assert.rejects(
      writeFilesAtomically(dir, [
        { name: "x", data: "" },
        { name: "x", data: "" },
      ]),
      /given twice/,
    );
    assert.deepEqual(snapshot(dir), before);
  });
});

describe("writeTrainedBpe and its output directory", () => {
  const trained = byteTrained(60);

  test("creates a missing directory (and its parents)", async () => {
    const dir = join(scratchDir(), "deep", "out");
    await writeTrainedBpe(dir, trained);
    assert.deepEqual(readdirSync(dir).sort(), [
      "manifest.json",
      "merges.txt",
      "tokenizer.json",
      "tokenizer.tiktoken",
      "vocab.json",
    ]);
  });

  test("a file where the directory should be is a clear error", async () => {
    const file = join(scratchDir(), "out");
    writeFileSync(file, "I am a file");
    await assert.rejects(writeTrainedBpe(file, trained), /exists and is not a directory/);
    await assert.rejects(writeTrainedBpe(join(file, "sub"), trained), /not a directory/);
    assert.equal(readFileSync(file, "utf8"), "I am a file");
  });

  test("a failure while committing keeps the previous run's files intact", async () => {
    const dir = scratchDir();
    await writeTrainedBpe(dir, byteTrained(30));
    const previous = snapshot(dir);
    // The third rename is the move of the second new file into place (the first was backed up).
    const { ops } = failing("rename", 3);
    await assert.rejects(writeTrainedBpe(dir, trained, { fileOps: ops }), /injected/);
    assert.deepEqual(snapshot(dir), previous);
    // And a run that works replaces them.
    await writeTrainedBpe(dir, trained);
    assert.notDeepEqual(snapshot(dir), previous);
    assert.equal(readdirSync(dir).length, 5);
  });
});

test("checkOutputFile: a missing file in missing folders is fine; a file on the path or a folder as the target is not", async () => {
  const dir = scratchDir();
  writeFileSync(join(dir, "plain.txt"), "x");
  mkdirSync(join(dir, "sub"));
  await checkOutputFile(join(dir, "new", "deeper", "report.html"));
  await checkOutputFile(join(dir, "plain.txt"));
  await assert.rejects(
    checkOutputFile(join(dir, "plain.txt", "report.html")),
    /a folder on its path is a file/,
  );
  await assert.rejects(
    checkOutputFile(join(dir, "plain.txt", "a", "b.html")),
    /a folder on its path is a file/,
  );
  await assert.rejects(checkOutputFile(join(dir, "sub")), /exists and is not a regular file/);
  // Nothing was created by the checks.
  assert.deepEqual(readdirSync(dir).sort(), ["plain.txt", "sub"]);
});

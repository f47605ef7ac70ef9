/**
 * Help made from the option tables: `toklab COMMAND --help` shows every option the command
 * parses, `toklab --help` every command; an unknown command gets a short message and the list.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { COMMANDS, commandOptions } from "../../src/cli/spec.js";
import { inBatches, toklab } from "../support/cli.js";

test("every command's --help: its usage and every option of its table, exit 0 on stdout", async () => {
  const runs = await inBatches(COMMANDS.map((c) => () => toklab([c.name, "--help"])));
  COMMANDS.forEach((c, i) => {
    const r = runs[i];
    assert.equal(r.code, 0, `${c.name}: ${r.stderr}`);
    assert.equal(r.stderr, "");
    assert.ok(r.stdout.startsWith(`toklab ${c.name} — ${c.summary}\n`), c.name);
    for (const u of c.usage) assert.ok(r.stdout.includes(`toklab ${u}`), `${c.name}: usage ${u}`);
    for (const o of commandOptions(c)) {
      const label = `--${o.name}${o.value === undefined ? "" : ` ${o.value}`}`;
      assert.ok(r.stdout.includes(label), `${c.name}: ${label}`);
      if (o.short !== undefined)
        assert.ok(r.stdout.includes(`-${o.short}, --${o.name}`), `${c.name}: -${o.short}`);
    }
    assert.ok(r.stdout.includes("-h, --help"), c.name);
  });
});

test("options the old help never mentioned are documented where they are taken", async () => {
  const train = await toklab(["train", "--help"]);
  for (const o of [
    "--field",
    "--max-chars",
    "--sample-bytes",
    "--progress",
    "--quiet",
    "--transition",
    "--min-frequency",
    "--force",
  ]) {
    assert.ok(train.stdout.includes(o), o);
  }
});

test("-h, help COMMAND and --help after other arguments give the same help; invalid arguments do not matter", async () => {
  const [a, b, c, d] = await Promise.all([
    toklab(["encode", "--help"]),
    toklab(["encode", "-h"]),
    toklab(["help", "encode"]),
    toklab(["encode", "-t", "no_such_tokenizer", "--frobnicate", "--help"]),
  ]);
  for (const r of [b, c, d]) {
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, a.stdout);
  }
});

test("toklab --help lists each command with one line and says how to get a command's help", async () => {
  const r = await toklab(["--help"]);
  assert.equal(r.code, 0);
  for (const c of COMMANDS)
    assert.match(
      r.stdout,
      new RegExp(`^  ${c.name} +${c.summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"),
    );
  assert.match(r.stdout, /toklab COMMAND --help/);
  assert.ok(
    r.stdout.split("\n").every((l) => l.length <= 100),
    "lines fit 100 columns",
  );
});

test("an unknown command: a short message with the closest command and the list, exit 2", async () => {
  const r = await toklab(["encod", "-t", "gpt-4o"]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^toklab: unknown command "encod" \(did you mean encode\?\)\n/);
  for (const c of COMMANDS) assert.match(r.stderr, new RegExp(`^  ${c.name} `, "m"));
  assert.doesNotMatch(r.stderr, /Tokenizer options|TOKENIZER is/, "not the whole help");
  const far = await toklab(["frobnicate"]);
  assert.match(far.stderr, /^toklab: unknown command "frobnicate"\n/);
});

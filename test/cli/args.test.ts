/**
 * The argument parser made from the option tables (src/cli/args.ts): every form of option,
 * repeated options, and the usage errors it gives (exit 2, the command and the option named).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { oneOf, parseCommandArgs, wantsHelp } from "../../src/cli/args.js";
import { CliError } from "../../src/cli/errors.js";
import { COMMANDS, commandOptions, commandSpec } from "../../src/cli/spec.js";

const parse = (command: string, argv: string[]) => parseCommandArgs(argv, commandSpec(command));

function usageError(command: string, argv: string[], message: RegExp): void {
  assert.throws(
    () => parse(command, argv),
    (e: unknown) => {
      assert.ok(e instanceof CliError, String(e));
      assert.equal(e.exitCode, 2);
      assert.match(e.message, message);
      assert.match(e.message, new RegExp(`^${command}: `));
      assert.match(e.message, new RegExp(`Run 'toklab ${command} --help'`));
      return true;
    },
    argv.join(" "),
  );
}

test("long and short options, = and separate values, flags, -- and - as arguments", () => {
  assert.deepEqual(parse("count", ["-t", "gpt-4o", "--json", "a.txt", "-", "b.txt"]), {
    values: { tokenizer: "gpt-4o", json: true },
    positionals: ["a.txt", "-", "b.txt"],
  });
  assert.deepEqual(parse("count", ["--tokenizer=o200k_base"]).values, { tokenizer: "o200k_base" });
  assert.deepEqual(parse("count", ["-to200k_base"]).values, { tokenizer: "o200k_base" });
  assert.deepEqual(parse("count", ["-t=o200k_base"]).values, { tokenizer: "o200k_base" });
  assert.deepEqual(parse("encode", ["--pattern=-?\\d+", "-t", "x"]).values, {
    pattern: "-?\\d+",
    tokenizer: "x",
  });
  assert.deepEqual(parse("count", ["-t", "x", "--", "--json"]).positionals, ["--json"]);
  assert.deepEqual(parse("train", ["-q", "--seed", "-1"]).values, { quiet: true, seed: "-1" });
  assert.deepEqual(parse("train", ["-qo", "out"]).values, { quiet: true, out: "out" });
});

test("repeatable options collect; -t of compare, domain and sample takes lists and repeats", () => {
  assert.deepEqual(parse("train", ["--special", "<a>", "--special", "<b>"]).values.special, ["<a>", "<b>"]);
  assert.deepEqual(parse("compare", ["-t", "a,b", "-t", "c", "--tokenizer=d,,e"]).values.tokenizer, [
    "a",
    "b",
    "c",
    "d",
    "e",
  ]);
  assert.deepEqual(parse("sample", ["-t", "o200k_base"]).values.tokenizer, ["o200k_base"]);
});

test("an option given twice that is not repeatable is an error, never the last one silently", () => {
  usageError(
    "encode",
    ["-t", "a", "-t", "b"],
    /-t is given twice \("a", then "b"\); encode takes one tokenizer/,
  );
  usageError("train", ["--out", "x", "--out=y"], /--out is given twice \("x", then "y"\); give it once/);
  usageError("count", ["--json", "--json"], /--json is given twice/);
});

test("unknown options: what was meant, or which commands take it", () => {
  usageError("train", ["--vocab_size", "300"], /unknown option --vocab_size \(did you mean --vocab-size\?\)/);
  usageError("count", ["--jsonl"], /unknown option --jsonl \(did you mean --json\?\)/);
  usageError(
    "encode",
    ["--vocab-size", "3"],
    /unknown option --vocab-size \(--vocab-size is an option of train, not of encode\)/,
  );
  usageError(
    "encode",
    ["--corpus", "x"],
    /--corpus is an option of compare, parity, multiword, not of encode/,
  );
  usageError("encode", ["--frobnicate"], /unknown option --frobnicate$/m);
  usageError("encode", ["-x"], /unknown option -x/);
});

test("a required option that is missing; the default command needs none", () => {
  usageError(
    "count",
    ["a.txt"],
    /^count: missing -t TOKENIZER: a built-in encoding \(o200k_base\), a model name/,
  );
  usageError("compare", ["--builtin"], /missing -t TOKENIZER,\.\.\./);
  assert.deepEqual(parse("sample", []).values, {});
  assert.deepEqual(parse("list", []).values, {});
});

test("missing and unexpected values", () => {
  usageError("encode", ["-t"], /-t needs a value \(-t TOKENIZER\)/);
  usageError("train", ["--out"], /--out needs a value \(--out DIR\)/);
  usageError(
    "encode",
    ["-t", "--json"],
    /-t needs a value \(-t TOKENIZER\), got the option --json; write --tokenizer=--json/,
  );
  usageError("count", ["--json=yes"], /--json takes no value \(got "yes"\)/);
});

test("help is found anywhere before --; oneOf names the choices and the closest", () => {
  assert.ok(wantsHelp(["-t", "x", "--help"]));
  assert.ok(wantsHelp(["-h"]));
  assert.ok(!wantsHelp(["--", "-h"]));
  assert.throws(() => oneOf("--sort", "nmae", ["premium", "code", "name"]), {
    message: '--sort "nmae": expected one of premium, code, name (did you mean name?)',
  });
  assert.equal(oneOf("--sort", "code", ["premium", "code"]), "code");
});

test("the tables: names unique per command, every option described, values named", () => {
  for (const c of COMMANDS) {
    const options = commandOptions(c);
    const names = options.map((o) => o.name);
    assert.equal(new Set(names).size, names.length, `${c.name}: an option twice`);
    const shorts = options.flatMap((o) => (o.short === undefined ? [] : [o.short]));
    assert.equal(new Set(shorts).size, shorts.length, `${c.name}: a short form twice`);
    for (const o of options) {
      assert.ok(o.description.length > 5, `${c.name} --${o.name}: no description`);
      assert.equal(o.type === "boolean", o.value === undefined, `${c.name} --${o.name}: value name`);
      assert.ok(!["help", "h"].includes(o.name) && o.short !== "h", "help is every command's");
    }
  }
});

test("no command (or subcommand) takes two options of one name or one short letter", () => {
  for (const spec of COMMANDS.flatMap((c) => [c, ...(c.subcommands ?? [])])) {
    const options = commandOptions(spec);
    const names = options.map((o) => o.name);
    assert.deepEqual(
      names.filter((n, i) => names.indexOf(n) !== i),
      [],
      `${spec.name}: an option defined twice`,
    );
    const shorts = options.flatMap((o) => (o.short === undefined ? [] : [o.short]));
    assert.deepEqual(
      shorts.filter((n, i) => shorts.indexOf(n) !== i),
      [],
      `${spec.name}: a short option defined twice`,
    );
  }
  // mixture's --merges is its count of merges, not the tokenizer's merges.txt.
  assert.equal(parseCommandArgs(["-t", "x", "--merges", "10"], commandSpec("mixture")).values.merges, "10");
});

/**
 * Checks toklab's Unicode class tables against the classes tiktoken actually uses.
 *
 * Run: `node --import tsx scripts/check-unicode-vs-tiktoken.ts [--emit-overrides]`
 *
 * tiktoken compiles its patterns with Rust's regex crates inside `tiktoken_bg.wasm`, with their
 * own (older) Unicode tables. We ask that engine directly: a `Tiktoken` built with a 256-token
 * byte vocabulary and the pattern `\p{Lu}` (say) skips all text its pattern does not match, so
 * encoding a string of every code point and decoding the result yields exactly the code points
 * tiktoken's regex puts in `\p{Lu}`. We do that for each class the scanners use, for `\s`, and
 * for the composite classes of the o200k and cl100k patterns (`[^\r\n\p{L}\p{N}]`, ...), then
 * compare with (a) V8's RegExp, the source of the generated tables, and (b) the tables
 * themselves. Surrogates are skipped: a Rust string cannot hold them.
 *
 * With `--emit-overrides`, rewrites the OVERRIDES block of scripts/gen-unicode-tables.ts so the
 * tables match tiktoken; rerun the generator afterwards.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Tiktoken } from "tiktoken";
import {
  classOf,
  FLAG_BY_PROPERTY,
  LETTER,
  LL,
  LOWERISH,
  M,
  N,
  UPPERISH,
  WS,
} from "../src/core/unicode/index.js";

const GENERATOR = new URL("./gen-unicode-tables.ts", import.meta.url);

/** A byte-level vocabulary: every byte is a token, nothing merges. */
function byteVocabulary(): string {
  let bfe = "";
  for (let b = 0; b < 256; b++) bfe += `${Buffer.from([b]).toString("base64")} ${b}\n`;
  return bfe;
}
const BYTES = byteVocabulary();

/** All code points except surrogates, in chunks (keeps each wasm call's buffers small). */
function* chunks(): Generator<string> {
  const parts: string[] = [];
  for (let cp = 0; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    parts.push(String.fromCodePoint(cp));
    if (parts.length === 0x10000) {
      yield parts.join("");
      parts.length = 0;
    }
  }
  if (parts.length > 0) yield parts.join("");
}

/** Membership of every code point in a one-code-point tiktoken pattern, per tiktoken. */
function tiktokenMembers(pattern: string): Uint8Array {
  const member = new Uint8Array(0x110000);
  const enc = new Tiktoken(BYTES, {}, pattern);
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true }); // keep a leading U+FEFF
  try {
    for (const chunk of chunks()) {
      const matched = decoder.decode(enc.decode(enc.encode_ordinary(chunk)));
      for (const ch of matched) member[ch.codePointAt(0)!] = 1;
    }
  } finally {
    enc.free();
  }
  return member;
}

/** Membership of every code point in a pattern, per V8's RegExp (for the composite classes). */
function v8Members(source: string): Uint8Array {
  const member = new Uint8Array(0x110000);
  const re = new RegExp(`^(?:${source})$`, "u");
  for (let cp = 0; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (re.test(String.fromCodePoint(cp))) member[cp] = 1;
  }
  return member;
}

/** Inclusive ranges of code points where `f(cp)` is true. */
function ranges(f: (cp: number) => boolean): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let cp = 0; cp < 0x110000; cp++) {
    if (!f(cp)) continue;
    const last = out[out.length - 1];
    if (last && last[1] === cp - 1) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
const showRanges = (rs: Array<[number, number]>, max = 12) =>
  rs
    .slice(0, max)
    .map(([a, b]) => (a === b ? hex(a) : `${hex(a)}..${hex(b)}`))
    .join(" ") + (rs.length > max ? ` ... (${rs.length} ranges)` : "");

// 1. Per-property flags according to tiktoken's regex engine.
const PATTERN_OF: Record<string, string> = {
  Lu: "\\p{Lu}",
  Ll: "\\p{Ll}",
  Lt: "\\p{Lt}",
  Lm: "\\p{Lm}",
  Lo: "\\p{Lo}",
  M: "\\p{M}",
  N: "\\p{N}",
  White_Space: "\\s", // the patterns say \s; in Rust's regex that is Unicode White_Space
};
const tk = new Uint8Array(0x110000);
for (const [property, flag] of Object.entries(FLAG_BY_PROPERTY)) {
  const member = tiktokenMembers(PATTERN_OF[property]);
  for (let cp = 0; cp < 0x110000; cp++) {
    if (!member[cp]) continue;
    if (tk[cp] !== 0) throw new Error(`${hex(cp)} is in two classes in tiktoken`);
    tk[cp] = flag;
  }
}

// 2. V8's flags (what the generator starts from) and ours (what the scanners use).
const v8 = new Uint8Array(0x110000);
for (const [property, flag] of Object.entries(FLAG_BY_PROPERTY)) {
  const member = v8Members(`\\p{${property}}`);
  for (let cp = 0; cp < 0x110000; cp++) if (member[cp]) v8[cp] = flag;
}
const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;
const v8Diff = ranges((cp) => !isSurrogate(cp) && v8[cp] !== tk[cp]);
const oursDiff = ranges((cp) => !isSurrogate(cp) && classOf(cp) !== tk[cp]);
const count = (rs: Array<[number, number]>) => rs.reduce((n, [a, b]) => n + b - a + 1, 0);

// 3. The composite classes exactly as the patterns spell them, through tiktoken, vs our flags.
const COMPOSITES: Array<[string, (f: number, cp: number) => boolean]> = [
  ["\\p{L}", (f) => (f & LETTER) !== 0],
  ["[^\\r\\n\\p{L}\\p{N}]", (f, cp) => (f & (LETTER | N)) === 0 && cp !== 10 && cp !== 13],
  ["[^\\s\\p{L}\\p{N}]", (f) => (f & (LETTER | N | WS)) === 0],
  ["[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]", (f) => (f & UPPERISH) !== 0],
  ["[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]", (f) => (f & LOWERISH) !== 0],
  ["\\p{N}", (f) => (f & N) !== 0],
  ["\\S", (f) => (f & WS) === 0],
];
let compositeProblems = 0;
for (const [pattern, expected] of COMPOSITES) {
  const member = tiktokenMembers(pattern);
  const bad = ranges((cp) => !isSurrogate(cp) && (member[cp] === 1) !== expected(classOf(cp), cp));
  compositeProblems += bad.length;
  console.log(`composite ${pattern.padEnd(36)} ${bad.length === 0 ? "same" : `DIFFERS ${showRanges(bad)}`}`);
}
void LL;
void M;

// 4. Which Unicode is tiktoken's? Probe characters first assigned in each version.
const SENTINELS: Array<[string, number]> = [
  ["15.0", 0x31350], // CJK Extension H
  ["15.1", 0x2ebf0], // CJK Extension I
  ["16.0", 0x1c89], // CYRILLIC CAPITAL LETTER TJE
  ["17.0", 0x323b0], // CJK Extension J
];
let tiktokenVersion = "< 15.0";
for (const [version, cp] of SENTINELS) if (tk[cp] !== 0) tiktokenVersion = version;

console.log(
  `V8 Unicode ${process.versions.unicode}; tiktoken's regex tables look like Unicode ${tiktokenVersion}`,
);
console.log(
  `V8 vs tiktoken: ${count(v8Diff)} code points in ${v8Diff.length} ranges differ: ${showRanges(v8Diff)}`,
);
const byKind = new Map<string, number>();
const name = (f: number) => Object.entries(FLAG_BY_PROPERTY).find(([, v]) => v === f)?.[0] ?? "other";
for (const [a, b] of v8Diff) {
  for (let cp = a; cp <= b; cp++) {
    const k = `${name(v8[cp])} -> ${name(tk[cp])}`;
    byKind.set(k, (byKind.get(k) ?? 0) + 1);
  }
}
for (const [k, n] of [...byKind].sort((x, y) => y[1] - x[1])) console.log(`  V8 ${k} in tiktoken: ${n}`);
console.log(
  `ours vs tiktoken: ${count(oursDiff)} code points differ${oursDiff.length ? `: ${showRanges(oursDiff)}` : ""}`,
);

if (process.argv.includes("--emit-overrides")) {
  // Split the differing ranges where tiktoken's flags change, so each carries one flag value.
  const overrides: Array<[number, number, number]> = [];
  for (const [a, b] of v8Diff) {
    let start = a;
    for (let cp = a + 1; cp <= b + 1; cp++) {
      if (cp === b + 1 || tk[cp] !== tk[start]) {
        overrides.push([start, cp - 1, tk[start]]);
        start = cp;
      }
    }
  }
  const body = overrides.map(([a, b, f]) => `[0x${a.toString(16)}, 0x${b.toString(16)}, ${f}]`);
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 5) lines.push(`  ${body.slice(i, i + 5).join(", ")},`);
  const block = [
    "// BEGIN OVERRIDES",
    `const OVERRIDES_UNICODE_VERSION = ${JSON.stringify(tiktokenVersion)};`,
    "// biome-ignore format: generated by scripts/check-unicode-vs-tiktoken.ts",
    "const OVERRIDES: ReadonlyArray<readonly [number, number, number]> = [",
    ...lines,
    "];",
    "// END OVERRIDES",
  ].join("\n");
  const source = readFileSync(GENERATOR, "utf8");
  writeFileSync(GENERATOR, source.replace(/\/\/ BEGIN OVERRIDES[\s\S]*\/\/ END OVERRIDES/, block));
  console.log(
    `wrote ${overrides.length} override ranges into ${GENERATOR.pathname}; now rerun the generator`,
  );
}
process.exitCode = oursDiff.length > 0 || compositeProblems > 0 ? 1 : 0;

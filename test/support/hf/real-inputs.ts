/**
 * The inputs every real tokenizer.json is checked on. All are deterministic (seeded), built once
 * per process and shared by the files a test process checks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ONIG_UNASSIGNED } from "../../../src/core/oniguruma/index.js";
import { seededRandom } from "../../../src/core/random.js";
import { adversarialStrings } from "../adversarial.js";
import { textFixtures } from "../fixtures.js";
import { ROOT } from "../paths.js";

/** Fixture paragraphs (and whole fixtures), so one mismatch points at a small text. */
function fixtureTexts(): string[] {
  const out: string[] = [];
  for (const text of textFixtures().values()) {
    out.push(text);
    out.push(...text.split(/\n\s*\n/).filter((p) => p.trim().length > 0));
  }
  return out;
}

/** Real TypeScript source in chunks of ~40 lines: indentation runs, operators, identifiers. */
function codeTexts(): string[] {
  const out: string[] = [];
  for (const path of ["src/core/hf/tokenizer.ts", "src/core/random.ts", "src/core/utf8.ts"]) {
    const lines = readFileSync(join(ROOT, path), "utf8").split("\n");
    for (let i = 0; i < lines.length; i += 40) out.push(lines.slice(i, i + 40).join("\n"));
  }
  out.push(
    "def f(x):\n\tif x>0:\n\t\treturn x**2  # square\n\treturn -x\n\n\n",
    "a=b+c;d=e*f;g=h/i;j=k%l;m=n^o;",
  );
  return out;
}

/**
 * Random strings over every code point, lone surrogates included (the binding receives them as
 * U+FFFD; ours must count them the same way).
 */
function anyCodePoints(rnd: () => number, count: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = "";
    const n = 1 + Math.floor(rnd() * 30);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      // Mostly the BMP, where the scripts are; some astral; a few C0/C1 controls.
      const cp =
        r < 0.7
          ? Math.floor(rnd() * 0x10000)
          : r < 0.95
            ? 0x10000 + Math.floor(rnd() * 0x100000)
            : Math.floor(rnd() * 0xa0);
      s += cp >= 0x10000 ? String.fromCodePoint(cp) : String.fromCharCode(cp);
    }
    out.push(s);
  }
  return out;
}

/** Characters where pipelines disagree: case, spaces of all kinds, marks, ▁, digits, emoji parts. */
const MIX = [
  ..."aAzZ'’sStT ",
  ..."  \t\n\r\u00a0\u3000\u2009\u200b\u200d\ufeff\u0085\u2028",
  ...'▁_-.,;:!?()[]{}<>|/\\"#@$%^&*+=~`',
  ..."0123456789٣३๓",
  ..."éÉßİıſǅﬁ\u0301\u0308\u0327",
  ..."日本語中文한국ไทยعربעבПрΩ",
  "😀",
  "🏽",
  "🇫",
  "🇷",
  "\u{e0067}",
  "\ufffd",
  "\u{10ffff}",
];

function mixed(rnd: () => number, count: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = "";
    const n = 1 + Math.floor(rnd() * 40);
    for (let i = 0; i < n; i++) s += MIX[Math.floor(rnd() * MIX.length)];
    out.push(s);
  }
  return out;
}

function whitespaceRuns(): string[] {
  const out: string[] = [];
  for (const ws of [" ", "\t", "\n", "\r\n", " \n", "\u3000", "\u00a0", "▁"]) {
    for (const n of [1, 2, 3, 7, 16, 33, 250, 1000]) {
      const run = ws.repeat(n);
      out.push(run, `a${run}b`, `${run}x`, `x${run}`, `.${run}!`);
    }
  }
  return out;
}

function digitRuns(rnd: () => number): string[] {
  const out: string[] = [];
  let ds = "";
  for (let n = 1; n <= 42; n++) {
    ds += String(Math.floor(rnd() * 10));
    out.push(ds, `x${ds}y`, ` ${ds} `, `${ds}.${ds}`);
  }
  out.push("١٢٣٤٥٦٧٨٩٠١٢", "१२३४५६७", "１２３４５６", "0".repeat(100), "1,234,567.89", "3.14e-10");
  return out;
}

/** ~20 KB without a space: one pre-tokenizer piece (or one SentencePiece word) each. */
function longWords(rnd: () => number): string[] {
  const letters = (alphabet: string, n: number) => {
    const cs = [...alphabet];
    let s = "";
    for (let i = 0; i < n; i++) s += cs[Math.floor(rnd() * cs.length)];
    return s;
  };
  return [
    "a".repeat(20000),
    letters("abcdefghijklmnopqrstuvwxyz", 20000),
    letters("的一是不了人我在有他这为之大来以个中上们", 7000),
    letters("!@#$%^&*()-=+", 20000),
    "😀".repeat(5000),
    letters("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", 10000),
  ];
}

/**
 * Characters whose class depends on the Unicode version: new in 17.0 (V8 knows them, HF's
 * Oniguruma does not), new in 15.0–16.0 (both know them; the Rust normalizers do not), and
 * U+0295 (Ll → Lo in 17.0), in the contexts the pre-tokenizer patterns care about.
 */
function unicodeVersionTexts(): string[] {
  const chars = [0x295, 0x1f8d0, 0x10ed0, 0x16ff4, 0x11de0, 0x1acf, 0xa7ce, 0xa7cf];
  for (let k = 0; k < ONIG_UNASSIGNED.length; k += 2) chars.push(ONIG_UNASSIGNED[k], ONIG_UNASSIGNED[k + 1]);
  // 15.0–16.0: CJK Ext H and I, Kawi, Nag Mundari, Garay, Todhri, Sunuwar, new emoji and symbols.
  chars.push(
    0x31350,
    0x2ebf0,
    0x11f00,
    0x11f41,
    0x1e4d0,
    0x10d4a,
    0x105c0,
    0x11bc0,
    0x1fae8,
    0x1fadf,
    0x1cc00,
  );
  const out: string[] = [];
  for (const cp of chars) {
    const c = String.fromCodePoint(cp);
    out.push(` ${c}`, `a${c}b`, `${c}${c}1 ${c}!`, `'s${c} ${c}'ll`, `\n${c}\n`);
  }
  return out;
}

let cached: string[] | null = null;

/** Everything above, in a fixed order. */
export function sharedInputs(): string[] {
  if (cached !== null) return cached;
  const rnd = seededRandom(20240611);
  cached = [
    "",
    " ",
    "Hello world",
    ...fixtureTexts(),
    ...codeTexts(),
    ...adversarialStrings(12, 300),
    ...anyCodePoints(rnd, 300),
    ...mixed(rnd, 300),
    ...whitespaceRuns(),
    ...digitRuns(rnd),
    ...longWords(rnd),
    ...unicodeVersionTexts(),
  ];
  return cached;
}

/**
 * A file's own added tokens in text, and their look-alikes. `contents` may be thousands of tokens
 * (Gemma 3); a seeded sample of 40 plus the first 10 keeps the run short.
 */
export function tokenInputs(contents: readonly string[], seed: number): string[] {
  const rnd = seededRandom(seed);
  const pick = [...contents.slice(0, 10)];
  for (let i = 0; i < 40 && contents.length > 10; i++)
    pick.push(contents[Math.floor(rnd() * contents.length)]);
  const out: string[] = [];
  for (const t of pick) {
    const cut = t.slice(0, -1);
    const spaced = t.length > 2 ? `${t.slice(0, 1)} ${t.slice(1)}` : ` ${t}`;
    out.push(
      t,
      `x${t}y`,
      ` ${t} `,
      `${t}${t}`,
      `Hello${t}world ${t}\n`,
      `${cut} ${cut}x ${cut}${t}`,
      `${spaced} ${t.toUpperCase()} ${t.toLowerCase()}`,
      `${t}x`,
      `  ${t}  ${t.slice(1)}`,
    );
  }
  // Every added token, in runs of 100 (Gemma 3 has 6415): glued, and between spaces and words.
  for (let i = 0; i < contents.length; i += 100) {
    const run = contents.slice(i, i + 100);
    out.push(run.join(""), run.join(" "), run.map((c, j) => `w${j}${c}`).join(""));
  }
  // A long text with tokens scattered in it.
  const prose = [...textFixtures().values()].join("\n");
  let long = "";
  for (let i = 0; i < 12; i++) long += prose.slice(i * 500, i * 500 + 500) + pick[i % pick.length];
  out.push(long);
  // Invisible characters (BOM, zero-width space, joiners, word joiner) at the start, in the
  // middle and at the end of long texts, next to this file's added tokens: a BOM once vanished
  // from the ids-only path on texts over ~300 characters (a UTF-16 decoder dropped it).
  const invisible = ["\uFEFF", "\u200B", "\u200C", "\u200D", "\u2060"];
  const code = "\tif (a) {\n\t\tb();\n\t}";
  for (const z of invisible) {
    for (const reps of [1, 16, 40]) {
      const body = code.repeat(reps);
      const t = pick[reps % pick.length] ?? "";
      out.push(
        `${z}${body}`,
        `${body}${z}`,
        `${body.slice(0, body.length >> 1)}${z}${t}${body.slice(body.length >> 1)}`,
      );
      out.push(`${z}${t}${body}${t}${z}`, `${t}${z}${z}${body}`);
    }
  }
  // Generic look-alikes of common special-token syntaxes.
  out.push(
    "<|endoftext|",
    "<|endoftext|><|endoftext|",
    "<s >",
    "< s>",
    "<s><s>",
    "</s>x</s",
    "[INST]x[/INST]",
    "[INST x",
    "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
    "<start_of_turn>user\nhello<end_of_turn>",
    "<unk><pad><bos><eos><mask>",
    "<<||>>",
    "<|<|begin_of_text|>|>",
  );
  return out;
}

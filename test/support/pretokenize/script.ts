/**
 * An independent SCRIPT pretokenizer for the differential tests, written the paper's way round:
 * classify every character with V8's own `\p{Script=…}` and general-category RegExps (pinned to
 * Unicode 16.0 like the table), group equal classes into runs, then join runs with the loop of
 * the paper's `chunk_script_encoding`. Shares nothing with src/core/pretokenize/script.ts but
 * the list of script names of the class table.
 */
import { ONIG_UNASSIGNED } from "../../../src/core/oniguruma/index.js";
import { SCRIPT_NAMES } from "../../../src/core/pretokenize/script-classes.js";

export interface CharClass {
  script: string;
  supercategory: "LM" | "PS" | "N" | "Z" | "C";
}

const scriptTests = SCRIPT_NAMES.filter((n) => n !== "Unknown").map(
  (name) => [name, new RegExp(`^\\p{Script=${name}}$`, "u")] as const,
);
const cache = new Map<number, CharClass>();

/** Whether Unicode 17.0 assigned `cp` (V8 knows it; toklab pins it to unassigned, Unicode 16.0). */
export function pinned(cp: number): boolean {
  for (let k = 0; k < ONIG_UNASSIGNED.length; k += 2) {
    if (cp >= ONIG_UNASSIGNED[k] && cp <= ONIG_UNASSIGNED[k + 1]) return true;
  }
  return false;
}

/** SCRIPT's class of one character (a code point or a lone surrogate). */
export function referenceClass(ch: string): CharClass {
  const cp = ch.codePointAt(0)!;
  let c = cache.get(cp);
  if (c) return c;
  if (ch === "\n" || ch === "\t") c = { script: "Common", supercategory: "Z" };
  else if (cp === 0x30fc || cp === 0xff70) c = { script: "Inherited", supercategory: "LM" };
  else if (cp === 0x0640) c = { script: "Arabic", supercategory: "LM" };
  else if (pinned(cp) || /^[\p{Cn}\p{Co}\p{Cs}]$/u.test(ch)) c = { script: "Unknown", supercategory: "C" };
  else {
    const script = scriptTests.find(([, re]) => re.test(ch))?.[0] ?? "Unknown";
    const supercategory = /^[\p{L}\p{M}]$/u.test(ch)
      ? "LM"
      : /^[\p{P}\p{S}]$/u.test(ch)
        ? "PS"
        : /^\p{N}$/u.test(ch)
          ? "N"
          : /^\p{Z}$/u.test(ch)
            ? "Z"
            : "C";
    c = { script, supercategory };
  }
  cache.set(cp, c);
  return c;
}

/**
 * The paper's `SCRIPTS_WHICH_USE_SPACES` (Land & Arnett 2025, the SCRIPT code's script_encoding
 * module), written out here rather than imported from src, so that a script dropped from or
 * added to src's list fails the differential tests; each with one word of that script.
 */
export const PAPER_SCRIPTS_USING_SPACES: ReadonlyArray<readonly [script: string, example: string]> = [
  ["Latin", "word"],
  ["Arabic", "كلمة"],
  ["Devanagari", "शब्द"],
  ["Hangul", "단어"],
  ["Ethiopic", "ቃል"],
  ["Cyrillic", "слово"],
  ["Greek", "λέξη"],
  ["Hebrew", "מילה"],
  ["Bengali", "শব্দ"],
  ["Syriac", "ܡܠܬܐ"],
  ["Oriya", "ଶବ୍ଦ"],
  ["Tamil", "சொல்"],
  ["Telugu", "పదం"],
  ["Gurmukhi", "ਸ਼ਬਦ"],
  ["Gujarati", "શબ્દ"],
  ["Sinhala", "වචනය"],
  ["Malayalam", "വാക്ക്"],
  ["Armenian", "բառ"],
  ["Kannada", "ಪದ"],
  ["Georgian", "სიტყვა"],
];
const USING_SPACES = new Set(PAPER_SCRIPTS_USING_SPACES.map(([script]) => script));

const key = (c: CharClass) => `${c.script} ${c.supercategory}`;
const takesSpace = (c: CharClass) =>
  (c.supercategory === "LM" && USING_SPACES.has(c.script)) ||
  (c.script === "Common" && c.supercategory === "PS");
const canMerge = (a: CharClass, b: CharClass) =>
  b.script === "Inherited" ||
  (a.supercategory === b.supercategory &&
    (a.script === b.script ||
      (new Set([a.script, b.script]).has("Han") && new Set([a.script, b.script]).has("Hiragana"))));

/** The SCRIPT pieces of `text`, grouped then joined as in the paper's code. */
export function referenceScriptPieces(text: string): string[] {
  const groups: Array<{ text: string; cls: CharClass }> = [];
  for (const ch of text) {
    const cls = referenceClass(ch);
    const last = groups.at(-1);
    if (last && key(last.cls) === key(cls)) last.text += ch;
    else groups.push({ text: ch, cls });
  }
  const out: string[] = [];
  let i = 0;
  while (i < groups.length - 1) {
    let merged = groups[i].text;
    let script = groups[i].cls;
    if (takesSpace(groups[i + 1].cls) && groups[i].text === " ") {
      merged += groups[i + 1].text;
      script = groups[i + 1].cls;
      i += 2;
    } else i += 1;
    while (i < groups.length && canMerge(script, groups[i].cls)) merged += groups[i++].text;
    out.push(merged);
  }
  if (i < groups.length) out.push(groups[i].text);
  return out;
}

/** Multilingual lines in many scripts, with marks, emoji, digits and mixed spacing. */
export const MULTILINGUAL: readonly string[] = [
  "All human beings are born free and equal in dignity and rights.",
  "Tous les êtres humains naissent libres et égaux en dignité et en droits.",
  "Alle Menschen sind frei und gleich an Würde und Rechten geboren.",
  "Все люди рождаются свободными и равными в своем достоинстве и правах.",
  "Όλοι οι άνθρωποι γεννιούνται ελεύθεροι και ίσοι στην αξιοπρέπεια.",
  "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق.",
  "כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם.",
  "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता प्राप्त है।",
  "সমস্ত মানুষ স্বাধীনভাবে সমান মর্যাদা এবং অধিকার নিয়ে জন্মগ্রহণ করে।",
  "மனிதப் பிறவியினர் சகலரும் சுதந்திரமாகவே பிறக்கின்றனர்.",
  "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。",
  "人人生而自由，在尊严和权利上一律平等。",
  "모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다.",
  "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักด์และสิทธิ",
  "ყველა ადამიანი იბადება თავისუფალი და თანასწორი თავისი ღირსებითა და უფლებებით.",
  "Բոլոր մարդիկ ծնվում են ազատ ու հավասար իրենց արժանապատվությամբ ու իրավունքներով։",
  "ሁሉም የሰው ልጆች ሲወለዱ ነጻና በክብርና በመብትም እኩልነት ያላቸው ናቸው።",
  "Tiếng Việt có dấu: người, được, quyền — 123 năm, 4,5%.",
  "e\u0301 a\u0300\u0301 n\u0303o Z\u0351\u0300a\u0362l\u0335g\u0334o",
  "emoji 😀👨‍👩‍👧‍👦 👍🏽 🇫🇷 ❤️ 🏳️‍🌈 x\u200dy",
  "ｶﾀｶﾅｰ パーティー カー 漢字かな交じり文 第1番 ー",
  "tatweel ـــمــر and ZWNJ می‌خواهم",
  "  two  spaces \t tab\r\nCRLF\n\nparagraph \u00a0nbsp\u3000ideographic",
  "math 𝐀𝐁𝐂 𝟏𝟐𝟑 ½ ² Ⅻ ١٢٣ ۴۵۶ १२३",
  "private \ue000\uf8ff unassigned \u0378\u0379 new17 \u{11de0}\u{1f8d0}",
];

/**
 * Regenerates the lists of src/core/normalize/unicode-age.ts from the installed `tokenizers`
 * binding (run after upgrading it, paste the output, then run test/core/normalize/sweep.slow.test.ts):
 *   node --import tsx scripts/gen-unicode-age.ts
 */
import * as hf from "tokenizers";

const scalars: number[] = [];
for (let cp = 0; cp < 0x110000; cp++)
  if ((cp < 0xd800 || cp > 0xdfff) && cp !== 0x0a && cp !== 0x2f) scalars.push(cp);

/** Separator between the probes of one batch; BertNormalizer would turn "\n" into a space. */
let SEP = "\n";

function ranges(list: number[]): string {
  const r: [number, number][] = [];
  for (const c of [...new Set(list)].sort((a, b) => a - b)) {
    const last = r[r.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else r.push([c, c]);
  }
  return r.map(([a, b]) => `0x${a.toString(16)}, 0x${b.toString(16)}`).join(", ");
}

/** Code points whose `wrap`-ped form normalizes differently in the binding and in V8. */
function differing(n: hf.Normalizer, wrap: (s: string) => string, ours: (s: string) => string): number[] {
  const out: number[] = [];
  for (let k = 0; k < scalars.length; k += 0x8000) {
    const batch = scalars.slice(k, k + 0x8000);
    const text = batch.map((c) => wrap(String.fromCodePoint(c))).join(SEP);
    const theirs = n.normalizeString(text).split(SEP);
    const mine = ours(text).split(SEP);
    batch.forEach((c, i) => {
      if (theirs[i] !== mine[i]) out.push(c);
    });
  }
  return out;
}

const inert: number[] = [];
for (const form of ["NFC", "NFD", "NFKC", "NFKD"] as const) {
  const n = {
    NFC: hf.nfcNormalizer,
    NFD: hf.nfdNormalizer,
    NFKC: hf.nfkcNormalizer,
    NFKD: hf.nfkdNormalizer,
  }[form]();
  inert.push(
    ...differing(
      n,
      (s) => s,
      (t) => t.normalize(form),
    ),
  );
}
const nfd = hf.nfdNormalizer();
inert.push(
  ...differing(
    nfd,
    (s) => `\u0345${s}`,
    (t) => t.normalize("NFD"),
  ),
);
inert.push(
  ...differing(
    nfd,
    (s) => `${s}\u0334`,
    (t) => t.normalize("NFD"),
  ),
);
console.log(`UNICODE9_INERT: [${ranges(inert)}]`);

const isInert = new Set(inert);
const filterBy = (re: RegExp) => (t: string) =>
  Array.from(t)
    .filter((c) => c === SEP || isInert.has(c.codePointAt(0)!) || !re.test(c))
    .join("");
console.log(
  `UNICODE9_MARK_TOGGLE: [${ranges(differing(hf.stripAccentsNormalizer(), (s) => `a${s}`, filterBy(/^\p{M}$/u)))}]`,
);
const mn = hf.bertNormalizer({
  cleanText: false,
  handleChineseChars: false,
  stripAccents: true,
  lowercase: false,
});
const atomic = (s: string) => s.normalize("NFD") === s;
console.log(
  `UNICODE8_MN_TOGGLE: [${ranges(
    differing(mn, (s) => (atomic(s) ? `a${s}` : "a"), filterBy(/^\p{Mn}$/u)).filter((c) => !isInert.has(c)),
  )}]`,
);
SEP = "/";
const clean = hf.bertNormalizer({
  cleanText: true,
  handleChineseChars: false,
  stripAccents: false,
  lowercase: false,
});
console.log(
  `UNICODE8_OTHER_TOGGLE: [${ranges(
    differing(
      clean,
      (s) => `a${s}`,
      (t) => filterBy(/^[\p{Cc}\p{Cf}\p{Co}\u0000\ufffd]$/u)(t).replace(/\p{White_Space}/gu, " "),
    ).filter((c) => c >= 0x80 && !isInert.has(c)),
  )}]`,
);

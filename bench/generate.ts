import type { Doc } from "./corpus.js";
import { pick, seededRandom } from "./rng.js";

/**
 * A stand-in corpus for machines without bench.jsonl (bench/corpora.ts): deterministic, about 2 MB per
 * category, built from small word lists. Its figures are not comparable with the real corpus
 * (the report says which one was used); it only keeps `npm run bench` working anywhere.
 */
export function generateCorpus(): Doc[] {
  const random = seededRandom(20240601);
  const docs: Doc[] = [];
  const make = (cat: Doc["cat"], n: number, paragraph: () => string) => {
    for (let i = 0; i < n; i++) {
      const parts: string[] = [];
      const size = 2000 + Math.floor(random() * 18000);
      let length = 0;
      while (length < size) {
        const p = paragraph();
        parts.push(p);
        length += p.length;
      }
      const text = parts.join("\n\n");
      docs.push({ id: `generated:${cat}:${i}`, cat, text, bytes: Buffer.byteLength(text) });
    }
  };
  make("en_prose", 180, () => sentenceRun(random, ENGLISH, 4 + Math.floor(random() * 5)));
  make("code", 180, () => codeBlock(random));
  make("multi", 180, () => {
    const words = pick(random, [GERMAN, FRENCH, RUSSIAN, GREEK, HINDI]);
    return random() < 0.2 ? cjkRun(random, 200) : sentenceRun(random, words, 4);
  });
  return docs;
}

const ENGLISH =
  "the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her she there one all we their can has would more if will so about what when them".split(
    " ",
  );
const GERMAN =
  "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat daß sie nach wird bei über".split(
    " ",
  );
const FRENCH =
  "le de un être et à il avoir ne je son que se qui ce dans en du elle au pour pas que vous par sur faire plus dire me on mon lui nous comme où".split(
    " ",
  );
const RUSSIAN =
  "и в не на я быть он с что а по это она этот к но они мы как из у который то за свой весь год от так о для ты же все".split(
    " ",
  );
const GREEK = "και το να η του ο την σε τα με που για δεν στο από θα της είναι τον οι στην ένα".split(" ");
const HINDI = "के है में की और से को का एक पर यह हैं था कि भी लिए ने तो हो".split(" ");

function sentenceRun(random: () => number, words: readonly string[], sentences: number): string {
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const n = 6 + Math.floor(random() * 14);
    const ws = Array.from({ length: n }, () => pick(random, words));
    ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
    if (random() < 0.2) ws.splice(2, 0, String(Math.floor(random() * 2025)));
    out.push(`${ws.join(" ")}${pick(random, [".", ".", ".", "?", "!", ";"])}`);
  }
  return out.join(" ");
}

function cjkRun(random: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++)
    s += random() < 0.08 ? "。" : String.fromCodePoint(0x4e00 + Math.floor(random() * 3000));
  return s;
}

function codeBlock(random: () => number): string {
  const name = `${pick(random, ["get", "set", "parse", "load", "make"])}${pick(random, ["Value", "Token", "Item", "Node"])}`;
  const arg = pick(random, ["x", "items", "options", "buffer"]);
  const lines = [
    `function ${name}(${arg}, index = ${Math.floor(random() * 100)}) {`,
    `  // ${sentenceRun(random, ENGLISH, 1)}`,
    `  const result = ${arg}.map((v) => v * ${Math.floor(random() * 9) + 1});`,
    `  if (result.length > 0x${Math.floor(random() * 65535).toString(16)}) {`,
    `    return { ok: true, value: result[index], name: "${name}" };`,
    "  }",
    `\treturn null;`,
    "}",
  ];
  return lines.join("\n");
}

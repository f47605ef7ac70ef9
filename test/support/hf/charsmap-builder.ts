/**
 * Builds a SentencePiece `precompiled_charsmap` from rules, so Precompiled can be tested
 * without shipping a model: a double-array trie over the UTF-8 keys in the Darts-clone unit
 * layout (see src/core/normalize/charsmap.ts), then the NUL-terminated replacements.
 * First-fit placement; fine for the few hundred rules of a test.
 */

interface Node {
  children: Map<number, Node>;
  value: number; // -1: no rule ends here
}

/**
 * `rules` maps key → replacement; `aliases` maps key → [other key, byte skip] to point a rule
 * into the middle of another replacement (SentencePiece shares suffixes that way).
 */
export function buildCharsmap(
  rules: Map<string, string>,
  aliases: Map<string, [string, number]> = new Map(),
): Uint8Array {
  const enc = new TextEncoder();
  const blobParts: number[] = [];
  const where = new Map<string, number>();
  for (const [key, value] of rules) {
    where.set(key, blobParts.length);
    blobParts.push(...enc.encode(value), 0);
  }
  const root: Node = { children: new Map(), value: -1 };
  const insert = (key: string, value: number) => {
    let node = root;
    for (const b of enc.encode(key)) {
      let next = node.children.get(b);
      if (!next) {
        next = { children: new Map(), value: -1 };
        node.children.set(b, next);
      }
      node = next;
    }
    node.value = value;
  };
  for (const key of rules.keys()) insert(key, where.get(key)!);
  for (const [key, [target, skip]] of aliases) insert(key, where.get(target)! + skip);

  const units: number[] = [0];
  const used = new Set<number>([0]);
  const usedBases = new Set<number>();
  const ensure = (i: number) => {
    while (units.length <= i) units.push(0);
  };
  // Places the children (and leaf) of the node at `pos`; returns nothing, fills `units`.
  const place = (pos: number, node: Node) => {
    const labels = [...node.children.keys()];
    if (node.value >= 0) labels.push(0);
    if (labels.length === 0) return;
    let base = 1;
    for (;;) {
      if (!usedBases.has(base) && labels.every((l) => !used.has(base ^ l))) break;
      base++;
    }
    usedBases.add(base);
    for (const l of labels) used.add(base ^ l);
    const offset = pos ^ base;
    if (offset >= 1 << 21) throw new Error("offset too large for this simple builder");
    // Like Darts-clone, keep every `base ^ byte` inside the array: lookups index it unchecked.
    ensure(base | 0xff);
    units[pos] = (units[pos] | (offset << 10)) >>> 0;
    if (node.value >= 0) units[base] = (0x80000000 | node.value) >>> 0;
    for (const [label, child] of node.children) {
      const q = base ^ label;
      units[q] = (label | (child.value >= 0 ? 0x100 : 0)) >>> 0;
    }
    for (const [label, child] of node.children) place(base ^ label, child);
  };
  place(0, root);

  const out = new Uint8Array(4 + units.length * 4 + blobParts.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, units.length * 4, true);
  for (let i = 0; i < units.length; i++) view.setUint32(4 + 4 * i, units[i], true);
  out.set(blobParts, 4 + units.length * 4);
  return out;
}

/** Rules in the spirit of SentencePiece's nmt_nfkc: NFKC of many characters plus NMT spacing. */
export function nfkcLikeRules(): Map<string, string> {
  const rules = new Map<string, string>();
  const candidates: number[] = [];
  for (let cp = 0xa0; cp < 0x3400; cp++) candidates.push(cp);
  for (let cp = 0xf900; cp < 0x10000; cp++) candidates.push(cp);
  for (const cp of candidates) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    const n = s.normalize("NFKC");
    if (n !== s) rules.set(s, n);
  }
  // Multi-character keys: decomposed sequences, whole graphemes, a key that extends another.
  rules.set("e\u0301", "é");
  rules.set("a\u0308", "ä");
  rules.set("Ａ\u0301", "Á"); // "Ａ" alone is also a rule: the shorter prefix wins, as in HF
  rules.set("\u1100\u1161", "가");
  rules.set("\r\n", " ");
  // NMT-style spacing and removals.
  for (const c of ["\t", "\n", "\r", "\u3000", "\u200b", "\ufeff"]) rules.set(c, " ");
  for (const c of ["\u0001", "\u0007", "\u007f", "\u200d", "\u00ad"]) rules.set(c, "");
  rules.set("…", "...");
  rules.set("😀", ":)");
  rules.set("👍🏽", "+1");
  return rules;
}

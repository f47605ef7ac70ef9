import { pairHash } from "../hash.js";
import { wellFormedSlice } from "./text.js";

/** Marks "no node" and "no value". */
export const NONE = -1;

/**
 * A trie over UTF-16 code units whose edges live in one open-addressing hash table of typed
 * arrays, keyed by (parent node, code unit). Walking it costs one hash probe per unit and
 * allocates nothing, which is what lets WordPiece's longest-match and Unigram's lattice read a
 * word in place instead of slicing substrings to look up.
 *
 * Keys are stored well-formed (lone surrogates as U+FFFD), the way HF's Rust side sees them, so
 * walkers must feed U+FFFD for a lone surrogate in the text too. Code units rather than UTF-8
 * bytes: for well-formed strings the two tries accept exactly the same keys at the same code
 * point boundaries.
 *
 * @example
 * ```ts
 * const trie = new CodeUnitTrie();
 * trie.insert("ab", 7);
 * const a = trie.child(CodeUnitTrie.ROOT, 0x61);
 * trie.value(trie.child(a, 0x62)); // 7
 * ```
 */
export class CodeUnitTrie {
  static readonly ROOT = 0;

  /** Value stored at each node, {@link NONE} when the node ends no key. */
  private values = new Int32Array(64).fill(NONE);
  private nodeCount = 1;
  /** Parent node of the edge in each slot, {@link NONE} when the slot is empty. */
  private slotParent = new Int32Array(128).fill(NONE);
  private slotUnit = new Uint16Array(128);
  private slotChild = new Int32Array(128);
  private mask = 127;

  /** Number of nodes, the root included. */
  get size(): number {
    return this.nodeCount;
  }

  /** Child of `node` along `unit`, or {@link NONE}. */
  child(node: number, unit: number): number {
    const mask = this.mask;
    const parents = this.slotParent;
    let s = pairHash(node, unit) & mask;
    for (;;) {
      const p = parents[s];
      if (p === NONE) return NONE;
      if (p === node && this.slotUnit[s] === unit) return this.slotChild[s];
      s = (s + 1) & mask;
    }
  }

  /** Value at `node`, or {@link NONE}. */
  value(node: number): number {
    return this.values[node];
  }

  /** Node reached from `node` by the code units of `key`, or {@link NONE}. */
  walk(node: number, key: string): number {
    for (let i = 0; i < key.length && node !== NONE; i++) node = this.child(node, key.charCodeAt(i));
    return node;
  }

  /** Stores `value` (a non-negative integer) at the node of `key`, replacing any earlier value. */
  insert(key: string, value: number): void {
    const k = wellFormedSlice(key, 0, key.length);
    let node = CodeUnitTrie.ROOT;
    for (let i = 0; i < k.length; i++) {
      const unit = k.charCodeAt(i);
      let next = this.child(node, unit);
      if (next === NONE) next = this.addChild(node, unit);
      node = next;
    }
    this.values[node] = value;
  }

  private addChild(node: number, unit: number): number {
    if (this.nodeCount === this.values.length) {
      const grown = new Int32Array(this.values.length * 2).fill(NONE);
      grown.set(this.values);
      this.values = grown;
    }
    const child = this.nodeCount++;
    // Edges = nodes - 1; keep the table at most half full so probe runs stay short.
    if (2 * this.nodeCount > this.mask + 1) this.rehash(2 * (this.mask + 1));
    this.place(node, unit, child);
    return child;
  }

  private place(node: number, unit: number, child: number): void {
    let s = pairHash(node, unit) & this.mask;
    while (this.slotParent[s] !== NONE) s = (s + 1) & this.mask;
    this.slotParent[s] = node;
    this.slotUnit[s] = unit;
    this.slotChild[s] = child;
  }

  private rehash(capacity: number): void {
    const parents = this.slotParent;
    const units = this.slotUnit;
    const children = this.slotChild;
    this.slotParent = new Int32Array(capacity).fill(NONE);
    this.slotUnit = new Uint16Array(capacity);
    this.slotChild = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let s = 0; s < parents.length; s++) {
      if (parents[s] !== NONE) this.place(parents[s], units[s], children[s]);
    }
  }
}

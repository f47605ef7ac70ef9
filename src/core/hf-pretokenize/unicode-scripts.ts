import type { PreTokenizedString } from "./pretokenized.js";
import { SCRIPT_RUNS } from "./scripts-data.js";
import type { HfPreTokenizer, Splittable } from "./types.js";

const starts = new Int32Array(SCRIPT_RUNS.length / 2);
const ids = new Int32Array(SCRIPT_RUNS.length / 2);
for (let k = 0; k < starts.length; k++) {
  starts[k] = SCRIPT_RUNS[2 * k];
  ids[k] = SCRIPT_RUNS[2 * k + 1];
}

/**
 * The script HF's UnicodeScripts sees for `cp`, as an opaque id (0 = `Any`, the script of the
 * space and of code points its table does not list). Hiragana, Katakana and U+30FC count as Han.
 */
export function hfScriptOf(cp: number): number {
  if (cp === 0x20) return 0;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= cp) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? ids[lo - 1] : 0;
}

/**
 * HF `UnicodeScripts`: cuts wherever the script changes; `Any` characters (spaces, unlisted
 * code points) join the run before them. Kept HF quirks: text before the first character with
 * a script is dropped (so a split of only spaces vanishes).
 *
 * @example
 * // "Hello世界 ok" → "Hello", "世界 ", "ok"
 */
export class UnicodeScripts implements HfPreTokenizer {
  readonly type = "UnicodeScripts";
  preTokenize(pts: PreTokenizedString | Splittable): void {
    pts.split((text, start, end, emit) => {
      let last = -1;
      let cut = -1;
      for (let i = start; i < end; ) {
        const cp = text.codePointAt(i)!;
        const w = cp > 0xffff && i + 1 < end ? 2 : 1;
        const script = hfScriptOf(cp);
        if (script !== 0 && last !== script) {
          if (cut >= 0) emit(cut, i);
          cut = i;
        }
        if (script !== 0) last = script;
        i += w;
      }
      if (cut >= 0) emit(cut, end);
    });
  }
  preTokenizePlain(ps: Splittable): boolean {
    this.preTokenize(ps);
    return true;
  }
}

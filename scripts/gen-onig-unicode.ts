/**
 * Regenerates `ONIG_UNASSIGNED` in src/core/oniguruma/unicode.ts: the code points the
 * binding's Oniguruma sees as unassigned (`\p{Cn}`) while V8 assigns them. Run after upgrading
 * `tokenizers` or Node, paste the output, then run test/core/oniguruma/unicode.test.ts:
 *   node --import tsx scripts/gen-onig-unicode.ts
 */
import { onigMembers, SCALARS } from "../test/support/oniguruma/sweep.js";

const cn = await onigMembers("\\p{Cn}");
const v8 = /^\p{Cn}$/u;
const pairs: string[] = [];
let first = -1;
let last = -2;
for (const cp of SCALARS) {
  if (!cn.has(cp) || v8.test(String.fromCodePoint(cp))) continue;
  if (cp !== last + 1) {
    if (first >= 0) pairs.push(`0x${first.toString(16)}, 0x${last.toString(16)}`);
    first = cp;
  }
  last = cp;
}
if (first >= 0) pairs.push(`0x${first.toString(16)}, 0x${last.toString(16)}`);
console.log(`export const ONIG_UNASSIGNED: readonly number[] = [${pairs.join(", ")}];`);

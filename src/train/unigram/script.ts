/**
 * The Unicode script of a character as SentencePiece's trainer uses it to refuse pieces that mix
 * scripts (`split_by_unicode_script`): Hiragana, Katakana and the prolonged sound mark count as
 * Han; Inherited (combining marks) takes the script of the character before (the caller's rule,
 * see seeds.ts). Scripts come from the one script table toklab has
 * (src/core/pretokenize/script-classes.ts, Unicode 16.0), so every script has its own id.
 */
import {
  HAN,
  HIRAGANA,
  INHERITED,
  KATAKANA,
  unicodeScriptOf,
} from "../../core/pretokenize/script-classes.js";

export { INHERITED };

/**
 * The script id of a code point, Japanese kana folded into Han.
 *
 * @example
 * scriptId(0x61) === scriptId(0x62); // true: both Latin
 * scriptId(0x30a2) === scriptId(0x6f22); // true: ア and 漢 both count as Han
 */
export function scriptId(cp: number): number {
  const s = unicodeScriptOf(cp);
  return s === HIRAGANA || s === KATAKANA || cp === 0x30fc ? HAN : s;
}

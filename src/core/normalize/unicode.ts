import type { NormalizedString } from "./normalized.js";
import { nfText } from "./plain.js";
import type { Normalizer } from "./types.js";

/**
 * Unicode canonical composition (HF `NFC`), Unicode 9 data as in HF.
 *
 * @example
 * normalizeText(new NFC(), "e\u0301"); // "é"
 */
export class NFC implements Normalizer {
  readonly type = "NFC";
  normalize(ns: NormalizedString): void {
    ns.normalize("NFC");
  }
  normalizeString(s: string): string {
    return nfText(s, "NFC");
  }
}

/**
 * Unicode canonical decomposition (HF `NFD`).
 *
 * @example
 * normalizeText(new NFD(), "é"); // "e\u0301"
 */
export class NFD implements Normalizer {
  readonly type = "NFD";
  normalize(ns: NormalizedString): void {
    ns.normalize("NFD");
  }
  normalizeString(s: string): string {
    return nfText(s, "NFD");
  }
}

/**
 * Unicode compatibility composition (HF `NFKC`).
 *
 * @example
 * normalizeText(new NFKC(), "ﬁ"); // "fi"
 */
export class NFKC implements Normalizer {
  readonly type = "NFKC";
  normalize(ns: NormalizedString): void {
    ns.normalize("NFKC");
  }
  normalizeString(s: string): string {
    return nfText(s, "NFKC");
  }
}

/**
 * Unicode compatibility decomposition (HF `NFKD`).
 *
 * @example
 * normalizeText(new NFKD(), "ｅ\u0301"); // "e\u0301"
 */
export class NFKD implements Normalizer {
  readonly type = "NFKD";
  normalize(ns: NormalizedString): void {
    ns.normalize("NFKD");
  }
  normalizeString(s: string): string {
    return nfText(s, "NFKD");
  }
}

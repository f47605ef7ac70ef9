import { type PostProcessor, WorkEncoding } from "./types.js";

/** One element of a template: an input sequence or a special token, each with its type id. */
export type TemplatePiece =
  | { readonly kind: "sequence"; readonly sequence: "A" | "B"; readonly typeId: number }
  | { readonly kind: "special"; readonly id: string; readonly typeId: number };

/** What a special token of a template expands to (several ids are allowed). */
export interface TemplateSpecialToken {
  readonly ids: readonly number[];
  readonly tokens: readonly string[];
}

/**
 * Parses HF's template shorthand: pieces separated by single spaces, each `$A`, `$B`, `$` or
 * `$N` (sequence A with type id N) or a special token's name, optionally followed by
 * `:typeId`. Throws on a piece HF rejects (`$C`, a bad type id, more than one colon).
 *
 * @example
 * parseTemplate("[CLS] $A [SEP] $B:1 [SEP]:1").length; // 5
 */
export function parseTemplate(template: string): TemplatePiece[] {
  return template.split(" ").map((piece) => {
    const parts = piece.split(":");
    if (parts.length > 2) throw new Error(`Cannot build Piece from string "${piece}"`);
    const p = parsePieceId(parts[0], piece);
    return parts.length === 2 ? { ...p, typeId: parseU32(parts[1], piece) } : p;
  });
}

function parsePieceId(s: string, piece: string): TemplatePiece {
  if (!s.startsWith("$")) return { kind: "special", id: s, typeId: 0 };
  const rest = s.slice(1);
  if (rest === "" || rest === "A" || rest === "a") return { kind: "sequence", sequence: "A", typeId: 0 };
  if (rest === "B" || rest === "b") return { kind: "sequence", sequence: "B", typeId: 0 };
  return { kind: "sequence", sequence: "A", typeId: parseU32(rest, piece) };
}

/** Rust's `u32::from_str`: optional `+`, decimal digits, at most 2^32 - 1. */
function parseU32(s: string, piece: string): number {
  const m = /^\+?([0-9]+)$/.exec(s);
  const n = m === null ? Number.NaN : Number(m[1]);
  if (!(n <= 0xffffffff)) throw new Error(`Cannot build Piece from string "${piece}"`);
  return n;
}

/**
 * Template processing (HF `TemplateProcessing`): the single or pair template lists the input
 * sequences (`$A`, `$B`) and the special tokens to put around them, each with a type id. A
 * special token may expand to several ids. Used by most recent models (Llama 3's `<|begin_of_text|> $A`).
 *
 * As in HF, templates are not checked when read from tokenizer.json: a special token missing
 * from `specialTokens` fails only when special tokens are added (HF panics; we throw), a pair
 * template without `$B` drops the pair, and a sequence that appears twice is repeated.
 *
 * @example
 * const t = new TemplateProcessing(parseTemplate("<s> $A </s>"), parseTemplate("<s> $A </s> $B:1 </s>:1"),
 *   new Map([["<s>", { ids: [1], tokens: ["<s>"] }], ["</s>", { ids: [2], tokens: ["</s>"] }]]));
 * t.addedTokens(true); // 3
 */
export class TemplateProcessing implements PostProcessor {
  readonly type = "TemplateProcessing";
  private readonly addedSingle: number;
  private readonly addedPair: number;

  constructor(
    readonly single: readonly TemplatePiece[],
    readonly pair: readonly TemplatePiece[],
    readonly specialTokens: ReadonlyMap<string, TemplateSpecialToken>,
  ) {
    for (const [id, t] of specialTokens) {
      if (t.ids.length !== t.tokens.length) {
        throw new Error(`SpecialToken ${JSON.stringify(id)}: ids and tokens must be of the same length`);
      }
    }
    this.addedSingle = this.countAdded(single);
    this.addedPair = this.countAdded(pair);
  }

  private countAdded(template: readonly TemplatePiece[]): number {
    let n = 0;
    for (const p of template) if (p.kind === "special") n += this.specialTokens.get(p.id)?.ids.length ?? 0;
    return n;
  }

  addedTokens(isPair: boolean): number {
    return isPair ? this.addedPair : this.addedSingle;
  }

  processEncodings(encodings: WorkEncoding[], addSpecialTokens: boolean): WorkEncoding[] {
    if (encodings.length !== 1 && encodings.length !== 2) {
      throw new Error(`TemplateProcessing: expected 1 or 2 encodings, got ${encodings.length}`);
    }
    const template = encodings.length === 2 ? this.pair : this.single;
    const out: WorkEncoding[] = [];
    // A sequence goes out itself the first time and as a copy after (a template may repeat it).
    const used = [false, false];
    for (const piece of template) {
      if (piece.kind === "sequence") {
        const i = piece.sequence === "A" ? 0 : 1;
        const input = encodings[i];
        if (input === undefined) throw new Error("TemplateProcessing: the single template uses $B");
        const e = used[i] ? input.clone() : input;
        used[i] = true;
        e.typeIds = new Array<number>(e.length).fill(piece.typeId);
        e.setSequenceId(i);
        out.push(e);
      } else if (addSpecialTokens) {
        const t = this.specialTokens.get(piece.id);
        if (t === undefined)
          throw new Error(`TemplateProcessing: missing special token ${JSON.stringify(piece.id)}`);
        const n = t.ids.length;
        out.push(
          new WorkEncoding(
            [...t.ids],
            new Array<number>(n).fill(piece.typeId),
            [...t.tokens],
            new Array<number | null>(n).fill(null),
            Array.from({ length: n }, () => [0, 0] as [number, number]),
            new Array<number>(n).fill(1),
            new Array<number>(n).fill(1),
            [],
            new Map(),
          ),
        );
      }
    }
    return out;
  }
}

/**
 * HF BPE model throughput: toklab's `BPE` against the Hugging Face binding on a byte-level
 * vocabulary (GPT-2's r50k_base, merges recovered from tiktoken's ranks by bench/hf/), model
 * stage only.
 *
 * Text: the first `--bytes` (default 3 MB) of bench.jsonl, split on spaces (a space joins the
 * word after it, as GPT-2's pre-tokenizer does) and spelled in the byte-level alphabet. toklab
 * runs `tokenizeInto` on each word; the binding (which takes no pre-split words) gets each
 * document whole with a `Split` pre-tokenizer on "Ġ" that yields the same words, one `encode`
 * call per document: its figure includes that split and building its `Encoding`. Throughput is
 * in MB/s of UTF-8 input; the best of `--repeat` runs. Both sides' ids are compared once before
 * timing.
 */
import { parseArgs } from "node:util";
import { Tokenizer } from "tokenizers";
import type { TokenSink } from "../../src/core/models/types.js";
import { bpeFromJson } from "../../src/formats/hf/bpe.js";
import { byteToUnicode } from "../hf/byte-level.js";
import { byteLevelBpe } from "../hf/tokenizer-json.js";
import { benchCorpus, bestMs, firstBytes, type Micro, positive } from "./support.js";

export const micro: Micro = {
  about: "HF BPE model stage alone (r50k byte-level): toklab tokenizeInto vs the binding",
  usage: "[--bytes N (3000000)] [--repeat N (5)] [--ignore-merges] [--corpus PATH]",
  main,
};

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      bytes: { type: "string" },
      repeat: { type: "string" },
      "ignore-merges": { type: "boolean", default: false },
      corpus: { type: "string" },
    },
  });
  const maxBytes = positive(values.bytes, "bytes", 3_000_000);
  const repeats = positive(values.repeat, "repeat", 5);
  const ignoreMerges = values["ignore-merges"] ?? false;

  const corpus = benchCorpus(values.corpus);
  const { texts, bytes } = firstBytes(
    corpus.docs.map((d) => d.text),
    maxBytes,
  );
  const table = byteToUnicode();
  const toByteLevel = (s: string) => Array.from(Buffer.from(s, "utf8"), (b) => table[b]).join("");
  const docs = texts.map((text) =>
    text
      .split(" ")
      .map((w, i) => (i > 0 ? ` ${w}` : w))
      .filter((w) => w.length > 0)
      .map(toByteLevel),
  );

  const { vocab, merges } = await byteLevelBpe("r50k_base");
  const model = {
    type: "BPE",
    dropout: null,
    unk_token: null,
    continuing_subword_prefix: null,
    end_of_word_suffix: null,
    fuse_unk: false,
    byte_fallback: false,
    ignore_merges: ignoreMerges,
    vocab,
    merges,
  };
  const ours = bpeFromJson(model);
  // The binding takes no pre-split words; a Split on "Ġ" (merged with the next word) hands its
  // model exactly the same words.
  const hf = Tokenizer.fromString(
    JSON.stringify({
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: [],
      normalizer: null,
      pre_tokenizer: {
        type: "Split",
        pattern: { String: "\u0120" },
        behavior: "MergedWithNext",
        invert: false,
      },
      post_processor: null,
      decoder: null,
      model,
    }),
  );
  const joined = docs.map((words) => words.join(""));

  const runOurs = (): number[] => {
    const sink: TokenSink = { ids: [], starts: [], ends: [] };
    for (const words of docs) for (const w of words) ours.tokenizeInto(w, 0, w.length, sink);
    return sink.ids;
  };
  const runHf = async (): Promise<number[]> => {
    const ids: number[] = [];
    for (const text of joined) {
      const e = await hf.encode(text);
      for (const id of e.getIds()) ids.push(id);
    }
    return ids;
  };

  const a = runOurs();
  const b = await runHf();
  const same = a.length === b.length && a.every((id, i) => id === b[i]);
  console.log(
    `corpus ${corpus.source}: ${docs.length} docs, ${(bytes / 1e6).toFixed(2)} MB, ${a.length} tokens, ` +
      `ignore_merges ${ignoreMerges}; ids ${same ? "identical" : "DIFFER"}`,
  );
  const oursMs = await bestMs(repeats, runOurs);
  const hfMs = await bestMs(repeats, runHf);
  const mbps = (ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(2);
  console.log(`toklab BPE (tokenizeInto)      ${mbps(oursMs)} MB/s (${oursMs.toFixed(0)} ms)`);
  console.log(`HF binding (Split + encode)     ${mbps(hfMs)} MB/s (${hfMs.toFixed(0)} ms)`);
  console.log(`ratio ${(hfMs / oursMs).toFixed(2)}x`);
}

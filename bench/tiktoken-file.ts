import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readTiktokenData } from "./hf/tiktoken-ranks.js";

/**
 * Write (once) an encoding as OpenAI's `.tiktoken` rank file (`base64(token bytes) rank` a line)
 * and return its path. kitoken reads that format, which is what its users load; the tiktoken npm
 * package's compact JSON is turned into it here, in the parent, so no timed child pays for it.
 */
export async function ensureTiktokenFile(encoding: string, tiktokenVersion: string): Promise<string> {
  const dir = join(tmpdir(), "toklab-bench");
  const path = join(dir, `${encoding}-tiktoken-${tiktokenVersion}.tiktoken`);
  if (existsSync(path)) return path;
  const data = await readTiktokenData(encoding);
  const lines: string[] = [];
  data.tokens.forEach((bytes, rank) => {
    if (bytes) lines.push(`${Buffer.from(bytes).toString("base64")} ${rank}`);
  });
  await mkdir(dir, { recursive: true });
  // Temp file + rename: a concurrent or interrupted run never sees half a file.
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${lines.join("\n")}\n`);
  await rename(temp, path);
  return path;
}

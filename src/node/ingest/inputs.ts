/**
 * Turns the user's `--input` arguments (files, directories, globs) into the ordered list of
 * files to read, each with its format. The order is deterministic (arguments in order, then
 * sorted paths), because sampling keys documents by their file's position in this list.
 */
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { glob, isGlob } from "./glob.js";

/** How a file's documents are delimited. */
export type InputFormat = "text" | "jsonl";

/** One file to read. */
export interface InputFile {
  readonly path: string;
  readonly format: InputFormat;
  /** Gzip-compressed (name ends in `.gz`). */
  readonly gzip: boolean;
  /** Size on disk (compressed size for `.gz`), for progress and ETA. */
  readonly size: number;
}

/**
 * The format a file name implies: `.jsonl`/`.ndjson` (optionally `.gz`) are JSONL, anything
 * else is plain text.
 *
 * @example
 * ```ts
 * formatOf("shard-0001.jsonl.gz"); // "jsonl"
 * formatOf("notes.md"); // "text"
 * ```
 */
export function formatOf(path: string): InputFormat {
  const name = path.toLowerCase().replace(/\.gz$/, "");
  return name.endsWith(".jsonl") || name.endsWith(".ndjson") ? "jsonl" : "text";
}

/**
 * Regular files under `dir`, recursively, sorted, skipping hidden files and directories, and
 * links to directories (a link loop would never end; see glob.ts). A link to a file counts as
 * the file; devices, sockets and pipes are skipped.
 */
async function walkDirectory(dir: string, out: string[]): Promise<void> {
  for (const name of (await readdir(dir)).sort()) {
    if (name.startsWith(".")) continue;
    const path = join(dir, name);
    const link = await lstat(path);
    if (link.isDirectory()) await walkDirectory(path, out);
    else if (link.isFile()) out.push(path);
    else if (link.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      if (target?.isFile()) out.push(path);
    }
  }
}

/**
 * The files named by `inputs`: a file as itself, a directory as every non-hidden file under it
 * (recursively), a glob (`*`, `?`, `[…]`, `**`) as its matches. `format` forces a format for
 * every file instead of deciding by extension. A file reached twice (by two arguments, or through
 * a link) is read once: files are compared by their real path. Devices and pipes are refused.
 *
 * @example
 * ```ts
 * await resolveInputs(["corpus/", "extra/*.jsonl.gz"]);
 * // [{ path: "corpus/a.txt", format: "text", gzip: false, size: 1234 }, ...]
 * ```
 */
export async function resolveInputs(
  inputs: readonly string[],
  format: InputFormat | "auto" = "auto",
): Promise<InputFile[]> {
  if (inputs.length === 0) throw new Error("no input given");
  const paths: string[] = [];
  for (const input of inputs) {
    let s: Awaited<ReturnType<typeof stat>> | null = null;
    try {
      s = await stat(input);
    } catch {
      s = null;
    }
    if (s?.isFile()) paths.push(input);
    else if (s?.isDirectory()) {
      const found: string[] = [];
      await walkDirectory(input, found);
      if (found.length === 0) throw new Error(`${input}: directory has no files`);
      paths.push(...found);
    } else if (s === null && isGlob(input)) {
      const found = await glob(input);
      if (found.length === 0) throw new Error(`${input}: no files match`);
      paths.push(...found);
    } else if (s === null) throw new Error(`${input}: no such file or directory`);
    else throw new Error(`${input}: not a regular file or directory (a device, socket or pipe)`);
  }
  const seen = new Set<string>();
  const out: InputFile[] = [];
  for (const path of paths) {
    const key = await realpath(path);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      path,
      format: format === "auto" ? formatOf(path) : format,
      gzip: path.toLowerCase().endsWith(".gz"),
      size: (await stat(path)).size,
    });
  }
  return out;
}

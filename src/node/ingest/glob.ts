/**
 * A minimal glob for corpus paths (Node 20 has no `fs.glob`): `*` and `?` within one path
 * segment, `[abc]`/`[a-z]`/`[!x]` classes, and `**` for any number of directories. As in shells,
 * wildcards do not match a leading dot, and only files are returned, sorted. A symbolic link to
 * a file matches like the file; a link to a directory is not followed (a `self -> .` link would
 * otherwise count the same files again and again, and two such links without end).
 */
import { lstat, readdir, stat } from "node:fs/promises";
import { join, sep } from "node:path";

/** True when `path` contains glob syntax. */
export function isGlob(path: string): boolean {
  return /[*?[]/.test(path);
}

/** A path segment pattern as an anchored RegExp (no `/` inside a segment). */
function segmentRegExp(segment: string): RegExp {
  let src = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === "*") src += "[^/]*";
    else if (c === "?") src += "[^/]";
    else if (c === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close < 0) {
        src += "\\[";
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negated = body.startsWith("!") || body.startsWith("^");
      if (negated) body = body.slice(1);
      src += `[${negated ? "^" : ""}${body.replace(/[\\\]^]/g, "\\$&")}]`;
      i = close;
    } else src += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${src}$`, "u");
}

async function entries(dir: string): Promise<{ name: string; dir: boolean; file: boolean }[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return [];
  }
  const out: { name: string; dir: boolean; file: boolean }[] = [];
  for (const name of names) {
    try {
      const path = join(dir, name);
      const link = await lstat(path);
      // Links count for the files they point to, never as directories to walk into.
      const s = link.isSymbolicLink() ? await stat(path) : link;
      out.push({ name, dir: s.isDirectory() && !link.isSymbolicLink(), file: s.isFile() });
    } catch {
      // A dangling symlink or a file removed meanwhile: not a match.
    }
  }
  return out;
}

/**
 * The files matching `pattern` (relative patterns resolve against the working directory),
 * sorted, without duplicates.
 *
 * @example
 * ```ts
 * await glob("data/**\/*.jsonl.gz"); // ["data/a/x.jsonl.gz", "data/y.jsonl.gz"]
 * ```
 */
export async function glob(pattern: string): Promise<string[]> {
  const normalized = sep === "\\" ? pattern.replaceAll("\\", "/") : pattern;
  const parts = normalized.split("/");
  // The literal prefix is where the walk starts.
  let base = "";
  let k = 0;
  while (k < parts.length - 1 && !isGlob(parts[k])) {
    base += `${parts[k]}/`;
    k++;
  }
  const rest = parts.slice(k);
  const found = new Set<string>();

  const walk = async (dir: string, i: number): Promise<void> => {
    const seg = rest[i];
    const last = i === rest.length - 1;
    if (seg === "**") {
      // Zero directories, then one more level of any (non-hidden) directory.
      if (last) {
        await walkAll(dir);
        return;
      }
      await walk(dir, i + 1);
      for (const e of await entries(dir || ".")) {
        if (e.dir && !e.name.startsWith(".")) await walk(`${dir}${e.name}/`, i);
      }
      return;
    }
    if (!isGlob(seg)) {
      const path = `${dir}${seg}`;
      if (last) {
        try {
          if ((await stat(path)).isFile()) found.add(path);
        } catch {
          // No such file: no match.
        }
      } else await walk(`${path}/`, i + 1);
      return;
    }
    const re = segmentRegExp(seg);
    for (const e of await entries(dir || ".")) {
      if (e.name.startsWith(".") && !seg.startsWith(".")) continue;
      if (!re.test(e.name)) continue;
      if (last && e.file) found.add(`${dir}${e.name}`);
      if (!last && e.dir) await walk(`${dir}${e.name}/`, i + 1);
    }
  };

  const walkAll = async (dir: string): Promise<void> => {
    for (const e of await entries(dir || ".")) {
      if (e.name.startsWith(".")) continue;
      if (e.file) found.add(`${dir}${e.name}`);
      else if (e.dir) await walkAll(`${dir}${e.name}/`);
    }
  };

  await walk(base, 0);
  return [...found].sort();
}

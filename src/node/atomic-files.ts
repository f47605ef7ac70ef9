/**
 * Writes a set of files into one directory as a unit: either every file is replaced by its new
 * content, or (on any failure) the directory is left as it was. Node only.
 *
 * 1. Every file is written to a hidden temporary name in the same directory (same file system,
 *    so the renames below are atomic) and flushed to disk.
 * 2. One file at a time, an existing target is renamed to a hidden backup name, then the
 *    temporary file is renamed to the target.
 * 3. The backups are deleted.
 *
 * A failure in step 1 deletes the temporary files; a failure in step 2 undoes the renames done so
 * far (each backup goes back to its name, a new file without a backup is removed). At no moment
 * does a target name hold a partly written file: it holds the old file, the new one, or, for a
 * moment in step 2, nothing.
 */
import { randomBytes } from "node:crypto";
import { lstat, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";

/** One file to write: its name inside the directory and its content. */
export interface FileToWrite {
  readonly name: string;
  /**
   * The content, or a function that makes it: called just before the file's temporary copy is
   * written, in order, so that large outputs need not all be in memory at once. A function that
   * throws aborts the write like a failed write does (nothing is left behind).
   */
  readonly data: string | Uint8Array | (() => string | Uint8Array);
}

/** The file operations used, replaceable in tests to make one fail. */
export interface AtomicFileOps {
  /** Creates `path` (which must not exist), writes `data` and flushes it to disk. */
  writeNew(path: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

/** The real file system. */
export const nodeFileOps: AtomicFileOps = {
  async writeNew(path, data) {
    const handle = await open(path, "wx");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename,
  unlink,
};

function errorCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

/** Makes `dir` a directory if it is not one yet; a clear error when a file is in the way. */
async function ensureDirectory(dir: string): Promise<void> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error(`output path ${dir} exists and is not a directory`);
    return;
  } catch (e) {
    if (errorCode(e) !== "ENOENT") {
      if (errorCode(e) === "ENOTDIR") throw new Error(`output path ${dir}: a parent is not a directory`);
      throw e;
    }
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    if (errorCode(e) === "ENOTDIR" || errorCode(e) === "EEXIST") {
      throw new Error(`cannot create output directory ${dir}: a parent is not a directory`);
    }
    throw e;
  }
}

/** Whether `path` exists as a regular file (false when absent; an error for anything else). */
async function existingFile(path: string): Promise<boolean> {
  try {
    const s = await lstat(path);
    if (!s.isFile()) throw new Error(`${path} exists and is not a regular file; not replacing it`);
    return true;
  } catch (e) {
    if (errorCode(e) === "ENOENT") return false;
    throw e;
  }
}

/** Runs the cleanup steps, keeping going past failures (the original error matters more). */
async function bestEffort(steps: (() => Promise<void>)[]): Promise<void> {
  for (const step of steps) {
    try {
      await step();
    } catch {
      // Nothing better to do: the caller rethrows the error that started the cleanup.
    }
  }
}

/**
 * Writes `files` into `dir` (created if missing) all or nothing; see the module comment. The
 * files are committed in the order given, so put an index file (a manifest) last. Throws when
 * `dir` is a file, when a target exists and is not a regular file, when two files share a
 * name, or with the first I/O error (after restoring the directory).
 *
 * @example
 * ```ts
 * await writeFilesAtomically("out", [{ name: "a.json", data: "{}" }, { name: "manifest.json", data: "{}" }]);
 * ```
 */
export async function writeFilesAtomically(
  dir: string,
  files: readonly FileToWrite[],
  ops: AtomicFileOps = nodeFileOps,
): Promise<void> {
  const names = new Set<string>();
  for (const f of files) {
    if (f.name.length === 0 || /[/\\]/.test(f.name) || f.name === "." || f.name === "..") {
      throw new Error(`invalid output file name ${JSON.stringify(f.name)}`);
    }
    if (names.has(f.name)) throw new Error(`output file ${f.name} given twice`);
    names.add(f.name);
  }
  await ensureDirectory(dir);
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const plan = await Promise.all(
    files.map(async (f) => {
      const target = join(dir, f.name);
      return {
        ...f,
        target,
        temp: join(dir, `.${f.name}.${tag}.tmp`),
        backup: join(dir, `.${f.name}.${tag}.bak`),
        existed: await existingFile(target),
      };
    }),
  );

  const written: string[] = [];
  try {
    for (const p of plan) {
      const data = typeof p.data === "function" ? p.data() : p.data;
      written.push(p.temp);
      await ops.writeNew(p.temp, data);
    }
  } catch (e) {
    await bestEffort(written.map((t) => () => ops.unlink(t)));
    throw e;
  }

  // Undo steps of the commit so far, most recent first. Renaming a backup back over its name
  // undoes both the move to the backup and the new file's arrival.
  const undo: (() => Promise<void>)[] = [];
  try {
    for (const p of plan) {
      if (p.existed) {
        await ops.rename(p.target, p.backup);
        undo.unshift(() => ops.rename(p.backup, p.target));
      }
      await ops.rename(p.temp, p.target);
      if (!p.existed) undo.unshift(() => ops.unlink(p.target));
    }
  } catch (e) {
    await bestEffort(undo);
    // Temporary files not yet renamed (unlinking an already renamed one fails harmlessly).
    await bestEffort(plan.map((p) => () => ops.unlink(p.temp)));
    throw e;
  }
  await bestEffort(plan.filter((p) => p.existed).map((p) => () => ops.unlink(p.backup)));
}

/**
 * Checks, before a long computation, that `file` could be written by
 * {@link writeFilesAtomically}: its nearest existing ancestor folder is a folder, and `file`
 * itself is missing or a regular file. It writes nothing; the write can still fail later
 * (permissions, a full disk), but the common mistakes are caught before the work, not after.
 *
 * @example
 * ```ts
 * await checkOutputFile("reports/compare.html"); // throws when "reports" is a file
 * ```
 */
export async function checkOutputFile(file: string): Promise<void> {
  try {
    if (!(await stat(file)).isFile()) throw new Error(`${file} exists and is not a regular file`);
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === undefined) throw e;
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") {
      // ENOTDIR: a part of the path is a file.
      throw new Error(
        `cannot write ${file}: ${(e as NodeJS.ErrnoException).code === "ENOTDIR" ? "a folder on its path is a file" : (e as Error).message}`,
      );
    }
  }
  // Missing: the nearest folder that exists must be a folder (writeFilesAtomically creates the rest).
  let folder = dirname(file);
  for (;;) {
    try {
      if (!(await stat(folder)).isDirectory())
        throw new Error(`cannot write ${file}: ${folder} is not a folder`);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === undefined) throw e;
      if (code === "ENOTDIR") throw new Error(`cannot write ${file}: a folder on its path is a file`);
      if (code !== "ENOENT") throw new Error(`cannot write ${file}: ${(e as Error).message}`);
    }
    const parent = dirname(folder);
    if (parent === folder) return;
    folder = parent;
  }
}

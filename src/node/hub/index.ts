/**
 * The Hugging Face hub cache in Node: where `hf:ORG/NAME[@rev]` is found locally, and how it is
 * downloaded on request into that cache (`loadTokenizer` then reads the snapshot directory).
 *
 * The cache layout is huggingface_hub's, so files fetched here are found by Python and the
 * other way round: `<hub>/models--ORG--NAME/{refs/REV, snapshots/COMMIT/FILE, blobs/ETAG}`, the
 * hub directory being `HF_HUB_CACHE`, else `HF_HOME/hub`, else `~/.cache/huggingface/hub`.
 * Nothing touches the network unless `download: true` is given.
 *
 * Everything a server sends and every name in the cache is untrusted (docs/security.md): names
 * become paths only after checks (names.ts), downloads are capped in size and time
 * (fetch-file.ts), and a file enters the cache, and a ref moves, only once the file is valid.
 */
import { randomBytes } from "node:crypto";
import { constants, existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, open, readFile, readlink, rename, symlink, unlink } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { parseTokenizer } from "../../formats/load.js";
import { type FetchLimits, fetchFile } from "./fetch-file.js";
import { blobName, isCommit, isSafeRepo, isSafeRevision } from "./names.js";

/** The files that describe a tokenizer next to tokenizer.json (optional ones may be absent). */
export const TOKENIZER_FILES = [
  "tokenizer.json",
  "tokenizer_config.json",
  "special_tokens_map.json",
  "chat_template.jinja",
] as const;

/** Default download cap: the loader's limit for a tokenizer file (128 MiB). */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 128 * 1024 * 1024;
/** Default wait for a response to start, and between two chunks of a body. */
export const DEFAULT_DOWNLOAD_TIMEOUT_SECONDS = 30;

/** Options of {@link hubSnapshot}. */
export interface HfLoadOptions {
  /** Fetch `hf:` ids missing from the cache, and revalidate cached ones (ETag). Default false. */
  download?: boolean;
  /** Hub cache directory; default from the environment (see {@link hubCacheDir}). */
  cacheDir?: string;
  /** Base URL; default `HF_ENDPOINT` or `https://huggingface.co`. */
  endpoint?: string;
  /** Access token sent as `Authorization: Bearer` (to the endpoint only); default `HF_TOKEN`. */
  token?: string;
  /**
   * Largest file accepted, in bytes; default `TOKLAB_MAX_DOWNLOAD_BYTES` or
   * {@link DEFAULT_MAX_DOWNLOAD_BYTES}.
   */
  maxDownloadBytes?: number;
  /**
   * Seconds to wait for a response and between two chunks of a body; default
   * `TOKLAB_DOWNLOAD_TIMEOUT` or {@link DEFAULT_DOWNLOAD_TIMEOUT_SECONDS}.
   */
  downloadTimeoutSeconds?: number;
  /** Environment to read the defaults from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * The hub cache directory: `HF_HUB_CACHE`, else `HF_HOME/hub`, else `~/.cache/huggingface/hub`.
 *
 * @example
 * hubCacheDir({ HF_HOME: "/data/hf" }); // "/data/hf/hub"
 */
export function hubCacheDir(env: Record<string, string | undefined> = process.env): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  if (env.HF_HOME) return join(env.HF_HOME, "hub");
  return join(homedir(), ".cache", "huggingface", "hub");
}

/**
 * `hf:ORG/NAME[@rev]` (or a bare `ORG/NAME[@rev]`) → repo and revision, else null: also null
 * when a name could leave the cache directory (`..`, empty segments) or is not a Hub name.
 *
 * @example
 * parseHfId("hf:Qwen/Qwen3-8B@main"); // { repo: "Qwen/Qwen3-8B", revision: "main" }
 * parseHfId("hf:org/name@../../x"); // null
 */
export function parseHfId(spec: string): { repo: string; revision: string } | null {
  const body = spec.startsWith("hf:") ? spec.slice(3) : spec;
  const at = body.indexOf("@");
  const repo = at < 0 ? body : body.slice(0, at);
  const revision = at < 0 ? "main" : body.slice(at + 1);
  if (!isSafeRepo(repo) || !isSafeRevision(revision)) return null;
  return { repo, revision };
}

function repoDir(cache: string, repo: string): string {
  return join(cache, `models--${repo.replace("/", "--")}`);
}

/** The commit a ref file names; a file that holds anything but a commit hash is an error. */
function readRef(ref: string): string {
  const commit = readFileSync(ref, "utf8").trim();
  if (!isCommit(commit)) {
    throw new Error(`${ref} does not hold a commit hash; the cache entry is damaged or was tampered with`);
  }
  return commit;
}

/** The cached snapshot directory of `repo@revision`, or null. */
export function cachedSnapshot(cache: string, repo: string, revision: string): string | null {
  if (!isSafeRepo(repo) || !isSafeRevision(revision)) {
    throw new Error(`${repo}@${revision} is not a Hugging Face repository and revision name`);
  }
  const base = repoDir(cache, repo);
  let commit = revision;
  if (!isCommit(revision)) {
    const ref = join(base, "refs", revision);
    if (!existsSync(ref)) return null;
    commit = readRef(ref);
  }
  const snap = join(base, "snapshots", commit);
  return existsSync(join(snap, "tokenizer.json")) ? snap : null;
}

/** Writes `data` to `path` by an exclusive, random-named temporary file and a rename. */
async function replaceFile(path: string, data: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/**
 * Points `link` at the blob `target` (relative to the link's folder) by a fresh link and a
 * rename, replacing whatever was there; on a file system without symbolic links, a copy of the
 * blob, as huggingface_hub does.
 */
async function replaceLink(target: string, link: string): Promise<void> {
  const temp = join(dirname(link), `.${basename(link)}.${randomBytes(8).toString("hex")}.tmp`);
  try {
    await symlink(target, temp);
  } catch {
    await copyFile(join(dirname(link), target), temp, constants.COPYFILE_EXCL);
  }
  await rename(temp, link);
}

/** A file checked and waiting to enter the cache. */
interface Staged {
  readonly file: string;
  readonly tempPath: string;
  readonly blob: string;
}

/** Checks that a downloaded file is what its name says, before it enters the cache. */
async function validate(file: string, path: string, url: string): Promise<void> {
  const data = await readFile(path);
  try {
    if (file === "tokenizer.json") parseTokenizer(data, { format: "tokenizer.json", name: url });
    else if (file.endsWith(".json")) JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(data));
    else new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch (e) {
    throw new Error(`GET ${url}: not a valid ${file} (${(e as Error).message}); nothing was cached`);
  }
}

/** Limits from the options, else the environment, else the defaults. */
function limitsOf(options: HfLoadOptions, env: Record<string, string | undefined>): FetchLimits {
  const number = (value: number | string | undefined, fallback: number, what: string) => {
    if (value === undefined || value === "") return fallback;
    const n = Number(value);
    if (!(n > 0)) throw new Error(`${what} must be a positive number, got ${JSON.stringify(value)}`);
    return n;
  };
  return {
    maxBytes: number(
      options.maxDownloadBytes ?? env.TOKLAB_MAX_DOWNLOAD_BYTES,
      DEFAULT_MAX_DOWNLOAD_BYTES,
      "the download size limit",
    ),
    timeoutMs:
      1000 *
      number(
        options.downloadTimeoutSeconds ?? env.TOKLAB_DOWNLOAD_TIMEOUT,
        DEFAULT_DOWNLOAD_TIMEOUT_SECONDS,
        "the download timeout",
      ),
  };
}

/**
 * The local snapshot directory of `hf:ORG/NAME[@rev]` in the hub cache; with `download: true`,
 * fetches it first (or revalidates the cached copy by ETag) from `HF_ENDPOINT`/`resolve/REV/FILE`,
 * sending `HF_TOKEN` as a Bearer token to that endpoint only. All files are fetched and checked
 * before any enters the cache or the ref moves.
 *
 * @example
 * const dir = await hubSnapshot("hf:google-bert/bert-base-uncased", { download: true });
 */
export async function hubSnapshot(spec: string, options: HfLoadOptions = {}): Promise<string> {
  const id = parseHfId(spec);
  if (id === null) throw new Error(`"${spec}" is not a Hugging Face id (hf:ORG/NAME[@revision])`);
  const env = options.env ?? process.env;
  const cache = options.cacheDir ?? hubCacheDir(env);
  const cached = cachedSnapshot(cache, id.repo, id.revision);
  if (!options.download) {
    if (cached === null) {
      throw new Error(
        `${id.repo}@${id.revision} is not in the Hugging Face cache (${cache}); download it with --download`,
      );
    }
    return cached;
  }
  const limits = limitsOf(options, env);
  const endpoint = (options.endpoint ?? env.HF_ENDPOINT ?? "https://huggingface.co").replace(/\/+$/, "");
  const token = options.token ?? env.HF_TOKEN;
  const authorization = token ? `Bearer ${token}` : undefined;
  const base = repoDir(cache, id.repo);
  const blobs = join(base, "blobs");
  await mkdir(blobs, { recursive: true });

  const staged: Staged[] = [];
  try {
    return await download(id);
  } catch (e) {
    // Every failure names what was being downloaded; the message below names the URL and why.
    throw new Error(`cannot download hf:${id.repo}@${id.revision}: ${(e as Error).message}`, { cause: e });
  } finally {
    for (const s of staged) await unlink(s.tempPath).catch(() => undefined);
  }

  async function download(id: { repo: string; revision: string }): Promise<string> {
    let commit: string | null = isCommit(id.revision) ? id.revision : null;
    for (const file of TOKENIZER_FILES) {
      // Side files are read at the commit tokenizer.json came from.
      const revision = commit ?? id.revision;
      const url = `${endpoint}/${id.repo}/resolve/${encodeURIComponent(revision)}/${file}`;
      const previous = cached !== null && existsSync(join(cached, file)) ? join(cached, file) : null;
      const headers: Record<string, string> = { "user-agent": "toklab" };
      if (previous !== null && file === "tokenizer.json") {
        const etag = await linkedEtag(previous);
        if (etag !== null) headers["if-none-match"] = `"${etag}"`;
      }
      let got = await fetchChecked(url, headers, authorization, blobs, limits);
      if (got.status === "not-modified") {
        if (headers["if-none-match"] === undefined || cached === null) {
          throw new Error(`GET ${url}: 304 Not Modified to a request that asked for no revalidation`);
        }
        // Same tokenizer.json at the same commit: the cached snapshot is current.
        if (got.commit === null || got.commit === basename(cached)) return cached;
        // A newer commit with the same tokenizer.json: fetch the snapshot of that commit.
        delete headers["if-none-match"];
        got = await fetchChecked(url, headers, authorization, blobs, limits);
        if (got.status === "not-modified")
          throw new Error(`GET ${url}: 304 Not Modified without revalidation`);
      }
      if (got.status === "not-found") {
        if (file === "tokenizer.json") {
          throw new Error(
            `GET ${url}: HTTP 404: ${id.repo}@${id.revision} has no tokenizer.json (no such revision, or a model without one)`,
          );
        }
        continue;
      }
      staged.push({ file, tempPath: got.tempPath, blob: "" });
      commit ??= got.commit;
      if (commit === null)
        throw new Error(`GET ${url}: no x-repo-commit header, cannot place the file in the cache`);
      const blob = blobName(got.etag ?? "", url);
      staged[staged.length - 1] = { file, tempPath: got.tempPath, blob };
      await validate(file, got.tempPath, url);
    }
    if (commit === null) throw new Error(`${id.repo}@${id.revision}: no commit`);
    // Every file is valid: blobs, snapshot links, then the ref.
    const snap = join(base, "snapshots", commit);
    await mkdir(snap, { recursive: true });
    for (const s of staged) {
      const blobPath = join(blobs, s.blob);
      await rename(s.tempPath, blobPath);
      await replaceLink(relative(snap, blobPath), join(snap, s.file));
    }
    staged.length = 0;
    if (!isCommit(id.revision)) {
      const ref = join(base, "refs", id.revision);
      await mkdir(dirname(ref), { recursive: true });
      await replaceFile(ref, commit);
    }
    return snap;
  }
}

/** {@link fetchFile}, refusing a commit header that is not a commit hash. */
async function fetchChecked(
  url: string,
  headers: Record<string, string>,
  authorization: string | undefined,
  tempDir: string,
  limits: FetchLimits,
): ReturnType<typeof fetchFile> {
  const got = await fetchFile(url, headers, authorization, tempDir, limits);
  if (got.commit !== null && !isCommit(got.commit)) {
    if (got.status === "ok") await unlink(got.tempPath).catch(() => undefined);
    throw new Error(
      `GET ${url}: the server's commit ${JSON.stringify(got.commit.slice(0, 80))} is not a commit hash`,
    );
  }
  return got;
}

/** The ETag of a cached file: the name of the blob its snapshot link points to, if a hash. */
async function linkedEtag(path: string): Promise<string | null> {
  try {
    const name = basename(await readlink(path));
    return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(name) ? name : null;
  } catch {
    return null; // A copied (not linked) file carries no ETag: fetch it again.
  }
}

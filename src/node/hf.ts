/**
 * The Hugging Face hub cache in Node: where `hf:ORG/NAME[@rev]` is found locally, and how it is
 * downloaded on request into that cache (`loadTokenizer` then reads the snapshot directory).
 *
 * The cache layout is huggingface_hub's, so files fetched here are found by Python and the
 * other way round: `<hub>/models--ORG--NAME/{refs/REV, snapshots/COMMIT/FILE, blobs/ETAG}`, the
 * hub directory being `HF_HUB_CACHE`, else `HF_HOME/hub`, else `~/.cache/huggingface/hub`.
 * Nothing touches the network unless `download: true` is given.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readlink, rename, rm, symlink, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join, relative } from "node:path";

/** The files that describe a tokenizer next to tokenizer.json (optional ones may be absent). */
export const TOKENIZER_FILES = [
  "tokenizer.json",
  "tokenizer_config.json",
  "special_tokens_map.json",
  "chat_template.jinja",
] as const;

/** Options of {@link hubSnapshot}. */
export interface HfLoadOptions {
  /** Fetch `hf:` ids missing from the cache, and revalidate cached ones (ETag). Default false. */
  download?: boolean;
  /** Hub cache directory; default from the environment (see {@link hubCacheDir}). */
  cacheDir?: string;
  /** Base URL; default `HF_ENDPOINT` or `https://huggingface.co`. */
  endpoint?: string;
  /** Access token sent as `Authorization: Bearer`; default `HF_TOKEN`. */
  token?: string;
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

/** `hf:ORG/NAME[@rev]` (or a bare `ORG/NAME[@rev]`) → repo and revision, else null. */
export function parseHfId(spec: string): { repo: string; revision: string } | null {
  const body = spec.startsWith("hf:") ? spec.slice(3) : spec;
  const m = /^([A-Za-z0-9][\w.-]*\/[\w.-]+)(?:@([\w./-]+))?$/.exec(body);
  if (m === null) return null;
  return { repo: m[1], revision: m[2] ?? "main" };
}

function repoDir(cache: string, repo: string): string {
  return join(cache, `models--${repo.replace("/", "--")}`);
}

/** The cached snapshot directory of `repo@revision`, or null. */
export function cachedSnapshot(cache: string, repo: string, revision: string): string | null {
  const base = repoDir(cache, repo);
  let commit = revision;
  if (!/^[0-9a-f]{40}$/.test(revision)) {
    const ref = join(base, "refs", revision);
    if (!existsSync(ref)) return null;
    commit = readFileSync(ref, "utf8").trim();
  }
  const snap = join(base, "snapshots", commit);
  return existsSync(join(snap, "tokenizer.json")) ? snap : null;
}

/**
 * Downloads (or revalidates) one file of `repo@revision` into the cache; returns false when the
 * server has no such file (404), which is fine for the optional side files.
 */
async function fetchIntoCache(
  cache: string,
  repo: string,
  revision: string,
  file: string,
  endpoint: string,
  token: string | undefined,
  previous: string | null,
): Promise<{ commit: string | null; found: boolean }> {
  const url = `${endpoint.replace(/\/+$/, "")}/${repo}/resolve/${encodeURIComponent(revision)}/${file}`;
  const headers: Record<string, string> = { "user-agent": "toklab" };
  if (token) headers.authorization = `Bearer ${token}`;
  let oldEtag: string | null = null;
  if (previous !== null) {
    try {
      oldEtag = basename(await readlink(join(previous, file)));
      headers["if-none-match"] = `"${oldEtag}"`;
    } catch {
      // A copied (not linked) file carries no ETag: fetch it again.
    }
  }
  const res = await fetch(url, { headers });
  if (res.status === 304) return { commit: previous === null ? null : basename(previous), found: true };
  if (res.status === 404) return { commit: res.headers.get("x-repo-commit"), found: false };
  if (!res.ok) {
    const hint = res.status === 401 || res.status === 403 ? " (gated or private? set HF_TOKEN)" : "";
    throw new Error(`GET ${url}: HTTP ${res.status}${hint}`);
  }
  const body = Buffer.from(await res.arrayBuffer());
  const etag = (res.headers.get("x-linked-etag") ?? res.headers.get("etag") ?? "")
    .replace(/^W\//, "")
    .replace(/"/g, "");
  const commit = res.headers.get("x-repo-commit") ?? (/^[0-9a-f]{40}$/.test(revision) ? revision : null);
  if (commit === null)
    throw new Error(`GET ${url}: no x-repo-commit header, cannot place the file in the cache`);
  const base = repoDir(cache, repo);
  const snap = join(base, "snapshots", commit);
  await mkdir(snap, { recursive: true });
  const target = join(snap, file);
  if (etag !== "") {
    const blob = join(base, "blobs", etag);
    await mkdir(dirname(blob), { recursive: true });
    await writeAtomic(blob, body);
    await rm(target, { force: true });
    try {
      await symlink(relative(snap, blob), target);
    } catch {
      await writeAtomic(target, body); // file systems without symlinks: a copy, as huggingface_hub does
    }
  } else {
    await writeAtomic(target, body);
  }
  return { commit, found: true };
}

async function writeAtomic(path: string, data: Buffer): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/**
 * The local snapshot directory of `hf:ORG/NAME[@rev]` in the hub cache; with `download: true`,
 * fetches it first (or revalidates the cached copy by ETag) from `HF_ENDPOINT`/`resolve/REV/FILE`,
 * sending `HF_TOKEN` as a Bearer token.
 *
 * @example
 * const dir = await hubSnapshot("hf:google-bert/bert-base-uncased", { download: true });
 */
export async function hubSnapshot(spec: string, options: HfLoadOptions = {}): Promise<string> {
  const id = parseHfId(spec);
  if (id === null) throw new Error(`"${spec}" is not a Hugging Face id (hf:ORG/NAME[@revision])`);
  const env = options.env ?? process.env;
  const cache = options.cacheDir ?? hubCacheDir(env);
  let snap = cachedSnapshot(cache, id.repo, id.revision);
  if (options.download) {
    const endpoint = options.endpoint ?? env.HF_ENDPOINT ?? "https://huggingface.co";
    const token = options.token ?? env.HF_TOKEN;
    const main = await fetchIntoCache(cache, id.repo, id.revision, "tokenizer.json", endpoint, token, snap);
    if (!main.found) throw new Error(`${id.repo}@${id.revision} has no tokenizer.json`);
    const commit = main.commit ?? id.revision;
    const fresh = join(repoDir(cache, id.repo), "snapshots", commit);
    for (const side of TOKENIZER_FILES.slice(1)) {
      await fetchIntoCache(
        cache,
        id.repo,
        commit,
        side,
        endpoint,
        token,
        existsSync(join(fresh, side)) ? fresh : null,
      );
    }
    if (!/^[0-9a-f]{40}$/.test(id.revision)) {
      const ref = join(repoDir(cache, id.repo), "refs", id.revision);
      await mkdir(dirname(ref), { recursive: true });
      await writeAtomic(ref, Buffer.from(commit));
    }
    snap = fresh;
  }
  if (snap === null) {
    throw new Error(
      `${id.repo}@${id.revision} is not in the Hugging Face cache (${cache}); download it with --download`,
    );
  }
  return snap;
}

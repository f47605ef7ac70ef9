/**
 * One file from the Hub, fetched as huggingface_hub does and as a hostile server cannot abuse:
 * redirects are followed by hand (the commit and the linked ETag of a large file are on the
 * Hub's redirect to its CDN, and the access token is sent to the Hub's origin only), the body is
 * streamed to an exclusive temporary file with a size cap, and the response must start, and the
 * body keep coming, within a timeout.
 */
import { randomBytes } from "node:crypto";
import { open, unlink } from "node:fs/promises";
import { join } from "node:path";

/** Limits of one download. */
export interface FetchLimits {
  /** Largest body accepted, in bytes. */
  readonly maxBytes: number;
  /** Milliseconds to wait for a response's headers, and between two chunks of its body. */
  readonly timeoutMs: number;
}

/** What the Hub said about a file. */
export type FetchedFile =
  | { readonly status: "not-found"; readonly commit: string | null }
  | { readonly status: "not-modified"; readonly commit: string | null }
  | {
      readonly status: "ok";
      /** `x-repo-commit` of the Hub's first response. */
      readonly commit: string | null;
      /** `x-linked-etag` (large files) or `etag`, as sent. */
      readonly etag: string | null;
      /** The body, in an exclusive temporary file the caller moves or deletes. */
      readonly tempPath: string;
      readonly bytes: number;
    };

const MAX_REDIRECTS = 5;

/**
 * GETs `url` into a fresh temporary file in `tempDir`. `headers` go to every hop on the Hub's
 * origin; `authorization` only there.
 */
export async function fetchFile(
  url: string,
  headers: Record<string, string>,
  authorization: string | undefined,
  tempDir: string,
  limits: FetchLimits,
): Promise<FetchedFile> {
  const origin = new URL(url).origin;
  let commit: string | null = null;
  let etag: string | null = null;
  let current = url;
  for (let hop = 0; ; hop++) {
    const sameOrigin = new URL(current).origin === origin;
    const hopHeaders: Record<string, string> = sameOrigin
      ? { ...headers }
      : { "user-agent": headers["user-agent"] };
    if (sameOrigin && authorization !== undefined) hopHeaders.authorization = authorization;
    const res = await request(current, hopHeaders, limits.timeoutMs);
    // The first response names the commit; the Hub's redirect of a large file carries its hash.
    commit ??= res.headers.get("x-repo-commit");
    etag ??= res.headers.get("x-linked-etag");
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      await res.body?.cancel();
      const location = res.headers.get("location");
      if (location === null) throw new Error(`GET ${current}: redirect (${res.status}) without a location`);
      if (hop + 1 > MAX_REDIRECTS) throw new Error(`GET ${url}: more than ${MAX_REDIRECTS} redirects`);
      current = new URL(location, current).href;
      continue;
    }
    if (res.status === 304) {
      await res.body?.cancel();
      return { status: "not-modified", commit };
    }
    if (res.status === 404) {
      await res.body?.cancel();
      return { status: "not-found", commit };
    }
    if (!res.ok) {
      await res.body?.cancel();
      // The Hub answers 401 for a repository that does not exist as well as for a gated one.
      const hint =
        res.status === 401
          ? " (no such repository, or a gated or private one: check the name, or set HF_TOKEN)"
          : res.status === 403
            ? " (gated or private: accept the model's terms on the Hub, or set HF_TOKEN)"
            : res.status === 429
              ? " (too many requests: wait, or set HF_TOKEN)"
              : res.status >= 500
                ? " (the server failed: try again later)"
                : "";
      throw new Error(`GET ${current}: HTTP ${res.status}${hint}`);
    }
    etag ??= res.headers.get("etag");
    const declared = Number(res.headers.get("content-length") ?? Number.NaN);
    if (declared > limits.maxBytes) {
      await res.body?.cancel();
      throw tooLarge(url, limits.maxBytes);
    }
    const tempPath = join(tempDir, `.download.${process.pid}.${randomBytes(8).toString("hex")}.tmp`);
    const bytes = await saveBody(res, current, tempPath, limits);
    return { status: "ok", commit, etag, tempPath, bytes };
  }
}

function tooLarge(url: string, max: number): Error {
  return new Error(
    `GET ${url}: the file is larger than ${max} bytes (the download limit; raise it with maxDownloadBytes or TOKLAB_MAX_DOWNLOAD_BYTES)`,
  );
}

/** fetch with manual redirects and a deadline for the headers. */
async function request(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetch(url, { headers, redirect: "manual", signal: controller.signal });
  } catch (e) {
    if (controller.signal.aborted) throw new Error(`GET ${url}: no response within ${timeoutMs / 1000} s`);
    const message = (e as Error).message;
    // undici's "fetch failed" says nothing; its cause says what happened.
    throw new Error(`GET ${url}: ${message === "fetch failed" ? "no connection" : message}${causeOf(e)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** What the usual network failures mean, by their code. */
const NETWORK_CAUSES: Readonly<Record<string, string>> = {
  ENOTFOUND: "the host name does not resolve: offline, or a mistyped HF_ENDPOINT?",
  EAI_AGAIN: "the host name cannot be resolved now: offline?",
  ECONNREFUSED: "the server refused the connection",
  ECONNRESET: "the connection was reset",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable: offline?",
  UND_ERR_CONNECT_TIMEOUT: "the connection timed out",
  UND_ERR_SOCKET: "the connection was closed",
  CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "a self-signed TLS certificate in the chain (a proxy? NODE_EXTRA_CA_CERTS)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    "the server's TLS certificate cannot be verified (a proxy? NODE_EXTRA_CA_CERTS)",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    "the server's TLS certificate cannot be verified (a proxy? NODE_EXTRA_CA_CERTS)",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's TLS certificate is for another host",
};

/** `fetch failed` says nothing: the cause, by its code, in words. */
function causeOf(e: unknown): string {
  const cause = (e as { cause?: { message?: string; code?: string } }).cause;
  if (cause === undefined) return "";
  const code = cause.code;
  const meaning = code === undefined ? undefined : NETWORK_CAUSES[code];
  if (meaning !== undefined) return ` (${code}: ${meaning})`;
  return ` (${[code, cause.message].filter((x) => x !== undefined && x !== "").join(": ") || String(cause)})`;
}

/**
 * Streams the body to `path` (created exclusively: a planted file or link there is an error, not
 * followed), stopping at the size cap or when no data comes within the timeout. Deletes the file
 * on any failure.
 */
async function saveBody(res: Response, url: string, path: string, limits: FetchLimits): Promise<number> {
  const handle = await open(path, "wx", 0o600);
  let bytes = 0;
  let stalled = false;
  const reader = res.body?.getReader();
  try {
    if (reader !== undefined) {
      for (;;) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            stalled = true;
            reject(new Error(`GET ${url}: no data for ${limits.timeoutMs / 1000} s`));
          }, limits.timeoutMs);
        });
        let step: ReadableStreamReadResult<Uint8Array>;
        try {
          step = await Promise.race([reader.read(), timeout]);
        } finally {
          clearTimeout(timer);
        }
        if (step.done) break;
        bytes += step.value.length;
        if (bytes > limits.maxBytes) throw tooLarge(url, limits.maxBytes);
        await handle.write(step.value);
      }
    }
    await handle.sync();
    return bytes;
  } catch (e) {
    await reader?.cancel().catch(() => undefined);
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    if (stalled || (e as Error).message.startsWith("GET ")) throw e;
    throw new Error(`GET ${url}: ${(e as Error).message}`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * What a Hub name may be before it becomes part of a path. Everything here comes from a user's
 * command line, a file in the cache or a server's headers, and all of it is joined into cache
 * paths: a name that could leave the cache directory is refused, not cleaned.
 */

/** A git commit as the Hub names one: 40 lower-case hexadecimal characters, nothing else. */
const COMMIT = /^[0-9a-f]{40}$/;

/** The Hub's ETags: a git blob id (40 hex) or an LFS sha256 (64 hex). */
const ETAG = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Whether `value` is a commit hash.
 *
 * @example
 * isCommit("0123456789abcdef0123456789abcdef01234567"); // true
 * isCommit("../../x"); // false
 */
export function isCommit(value: string): boolean {
  return COMMIT.test(value);
}

/**
 * The ETag of a response as a blob file name (quotes and a weak `W/` removed), or an error: an
 * ETag that is not a hash is refused, since it names a file in the cache.
 */
export function blobName(etag: string, url: string): string {
  const name = etag.replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
  if (!ETAG.test(name)) {
    throw new Error(
      `GET ${url}: the server's ETag ${JSON.stringify(etag.slice(0, 80))} is not a file hash; not caching it`,
    );
  }
  return name;
}

/**
 * Whether `revision` is a branch, tag or commit name that stays inside `refs/` when joined to
 * it: letters, digits, `.`, `_`, `-` and `/`, no empty, `.` or `..` segment, at most 200
 * characters.
 *
 * @example
 * isSafeRevision("v1.0/release"); // true
 * isSafeRevision("../../x"); // false
 */
export function isSafeRevision(revision: string): boolean {
  if (revision.length === 0 || revision.length > 200 || !/^[A-Za-z0-9._/-]+$/.test(revision)) return false;
  return revision.split("/").every((s) => s !== "" && s !== "." && s !== "..");
}

/** Whether `repo` is `ORG/NAME` with names that are safe path components. */
export function isSafeRepo(repo: string): boolean {
  const parts = repo.split("/");
  return (
    parts.length === 2 &&
    parts.every((p) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/.test(p) && !p.includes("..") && !p.includes("--"))
  );
}

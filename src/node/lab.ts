/**
 * The lab's files on disk (Node only): where the built page is, building it when it is missing
 * or older than its sources (a clone with Vite installed), and serving it on the loopback
 * interface with Node's own http module. `toklab lab`, `npm run lab` and the lab's tests use it.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root: this file is src/node/lab.ts or dist/node/lab.js. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Where `npm run build` (and {@link ensureLabBuilt}) puts the page. */
export const LAB_DIR = join(PACKAGE_ROOT, "dist", "lab");

/** The same policy as the page's meta tag, also sent as a header: nothing may be fetched. */
export const LAB_CSP =
  "default-src 'none'; script-src 'self'; worker-src blob:; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; connect-src 'none'; font-src 'none'; object-src 'none'; " +
  "base-uri 'none'; form-action 'none'";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    // `parentPath` is Node ≥ 20.12's name for what earlier releases call `path`.
    const parent = entry.parentPath ?? (entry as unknown as { path: string }).path;
    if (entry.isFile()) t = Math.max(t, statSync(join(parent, entry.name)).mtimeMs);
  }
  return t;
}

/**
 * Whether the built lab is missing or older than its sources (lab/ and the library in src/,
 * which it bundles). In an installed package there are no sources: built is up to date.
 */
export function labIsStale(root = PACKAGE_ROOT): boolean {
  const index = join(root, "dist", "lab", "index.html");
  if (!existsSync(index)) return true;
  if (!existsSync(join(root, "lab"))) return false;
  const built = statSync(index).mtimeMs;
  return Math.max(newest(join(root, "lab")), newest(join(root, "src"))) > built;
}

/**
 * Builds the lab with Vite when {@link labIsStale} (or always, with `force`), passing Vite's
 * messages to `log`. Rejects with a message that says what to do when Vite is not installed.
 * Resolves `true` when it built.
 */
export async function ensureLabBuilt(
  options: { force?: boolean; log?: (line: string) => void; root?: string } = {},
): Promise<boolean> {
  const root = options.root ?? PACKAGE_ROOT;
  if (!options.force && !labIsStale(root)) return false;
  const vite = join(root, "node_modules", "vite", "bin", "vite.js");
  if (!existsSync(join(root, "lab", "vite.config.ts")) || !existsSync(vite)) {
    throw new Error(
      `the lab is not built (${join(root, "dist", "lab")} is missing) and cannot be built here: ` +
        "in a clone of toklab, run npm install, then npm run build",
    );
  }
  options.log?.("toklab lab: building the page (vite build)…");
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [vite, "build", "--config", join("lab", "vite.config.ts")], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", fail);
    child.on("close", (code) =>
      code === 0 ? done() : fail(new Error(`vite build failed (exit ${code}):\n${output.trim()}`)),
    );
  });
  return true;
}

/**
 * Serves `dir` on 127.0.0.1:`port` (0: any free port) with GET/HEAD only, no listing, no path
 * outside `dir`. Resolves with the server and its URL once listening.
 *
 * @example
 * const { url, server } = await serveLab({ port: 0 });
 * // ... open url ...
 * server.close();
 */
export function serveLab(options: { port: number; dir?: string }): Promise<{ server: Server; url: string }> {
  const dir = resolve(options.dir ?? LAB_DIR);
  const server = createServer(async (req, res) => {
    const reply = (status: number, body: string | Buffer, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, {
        "Content-Type": type,
        "Content-Security-Policy": LAB_CSP,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return reply(405, "method not allowed\n");
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    } catch {
      return reply(400, "bad request\n");
    }
    const file = resolve(dir, `.${path.endsWith("/") ? `${path}index.html` : path}`);
    if (file !== dir && !file.startsWith(dir + sep)) return reply(404, "not found\n");
    try {
      const body = await readFile(file);
      reply(200, body, TYPES[extname(file)] ?? "application/octet-stream");
    } catch {
      reply(404, "not found\n");
    }
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(options.port, "127.0.0.1", () => {
      server.off("error", fail);
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : options.port;
      done({ server, url: `http://127.0.0.1:${port}/` });
    });
  });
}

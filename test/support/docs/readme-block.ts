import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Runs the first TypeScript block of the README section `heading` against the sources: every
 * line `expression; // value` becomes an assertion that the expression equals the value, so the
 * README cannot drift from what the library does. Returns how many lines it checked.
 */
export async function runReadmeBlock(heading: string): Promise<number> {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const at = readme.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `README has a section ${heading}`);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(at))?.[1];
  assert.ok(block, `README has a \`\`\`ts block under ${heading}`);
  const body: string[] = [];
  const scope: Record<string, unknown> = {};
  let checks = 0;
  for (const line of block.split("\n")) {
    // `toklab` and its subpaths, as package.json maps them, read from the sources.
    const imp = /^import \{(.*)\} from "toklab(\/[a-z]+)?";$/.exec(line);
    if (imp) {
      const entry = imp[2] === undefined ? "index" : imp[2] === "/hf" ? "hf" : `${imp[2].slice(1)}/index`;
      const api = (await import(`../../../src/${entry}.js`)) as Record<string, unknown>;
      for (const name of imp[1].split(",").map((s) => s.trim())) {
        assert.ok(name in api, `README imports ${name} from ${imp[0]}, which does not export it`);
        scope[name] = api[name];
      }
      continue;
    }
    const m = /^(.*);\s*\/\/\s*(.+)$/.exec(line);
    if (m && !m[1].trimStart().startsWith("//")) {
      body.push(`__check(${JSON.stringify(m[1])}, ${m[1]}, ${m[2]});`);
      checks++;
    } else body.push(line);
  }
  const check = (source: string, actual: unknown, expected: unknown) =>
    assert.deepEqual(actual, expected, `README: ${source}`);
  const run = new Function(
    "__check",
    ...Object.keys(scope),
    `return (async () => {\n${body.join("\n")}\n})();`,
  );
  await run(check, ...Object.values(scope));
  return checks;
}

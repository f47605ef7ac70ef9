/**
 * The Debian category builder on two packages made here with `dpkg-deb --build` (dpkg is part of
 * every Debian system), offline: which files become documents, what is left out and why, the
 * cap, the manifest, determinism, partial rebuilds and the errors.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import {
  buildCategories,
  CategoryBuildError,
  copyrightLicences,
  type Manifest,
} from "../../experiments/mixture/build-categories.js";
import type { DebianCategory } from "../../experiments/mixture/debian-sources.js";
import { roffToText } from "../../experiments/mixture/roff-text.js";

const PAGE_A = ".TH A 1\n.SH NAME\na \\- first page\n.PP\nSome \\fBbold\\fP words.\n";
const PAGE_B = ".TH B 1\n.SH NAME\nb \\- second page\n";
const BIG_LINE = `x = "${"y".repeat(70)}"\n`;
const BIG = BIG_LINE.repeat(Math.ceil(70_000 / BIG_LINE.length));

let dir: string;
let debs: string;

/** Writes `files` (path → content; a `{ link }` is a symbolic link) under a package root and builds it. */
function makeDeb(
  name: string,
  version: string,
  files: Record<string, string | Uint8Array | { link: string }>,
): void {
  const root = join(dir, "roots", name);
  mkdirSync(join(root, "DEBIAN"), { recursive: true });
  writeFileSync(
    join(root, "DEBIAN", "control"),
    `Package: ${name}\nVersion: ${version}\nArchitecture: all\nMaintainer: toklab tests <tests@example.org>\nDescription: fixture\n`,
  );
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    if (typeof content === "object" && "link" in content) symlinkSync(content.link, join(root, path));
    else writeFileSync(join(root, path), content);
  }
  const deb = join(debs, `${name}_${version.replace(/:/g, "%3a")}_all.deb`);
  execFileSync("dpkg-deb", ["--root-owner-group", "--build", root, deb], { stdio: "ignore" });
}

const CATEGORIES: DebianCategory[] = [
  {
    name: "lang-xx",
    kind: "man",
    packages: [{ name: "toklab-fixture-man", version: "1:1.0-1" }],
    files: /^usr\/share\/man\/xx\/man[^/]+\/[^/]+$/,
    licence: "fixture",
  },
  {
    name: "code-x",
    kind: "code",
    packages: [{ name: "toklab-fixture-code", version: "2.0" }],
    files: /\.py$/,
    licence: "fixture",
  },
];

const build = (out: string, extra: Partial<Parameters<typeof buildCategories>[0]> = {}) =>
  buildCategories({ out, debs, maxBytes: 1_000_000, offline: true, categories: CATEGORIES, ...extra });

const jsonl = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as { id: string; text: string });

before(() => {
  dir = mkdtempSync(join(tmpdir(), "toklab-categories-test-"));
  debs = join(dir, "debs");
  mkdirSync(debs);
  makeDeb("toklab-fixture-man", "1:1.0-1", {
    "usr/share/man/xx/man1/a.1.gz": gzipSync(PAGE_A),
    "usr/share/man/xx/man1/b.1.gz": gzipSync(PAGE_B),
    "usr/share/man/xx/man1/include.1.gz": gzipSync(".so man1/a.1\n"),
    "usr/share/man/xx/man1/latin1.1.gz": gzipSync(Buffer.from([0x2e, 0x53, 0x48, 0x20, 0xe9, 0x0a])),
    "usr/share/man/xx/man1/broken.1.gz": new Uint8Array([0x1f, 0x8b, 1, 2, 3]),
    "usr/share/man/xx/man1/link.1.gz": { link: "a.1.gz" },
    "usr/share/man/yy/man1/other.1.gz": gzipSync(PAGE_B),
    "usr/share/doc/toklab-fixture-man/copyright":
      "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: GPL-3+\n\nFiles: a\nLicense: BSD-3-clause\n\nFiles: b\nLicense: GPL-3+\n",
  });
  makeDeb("toklab-fixture-code", "2.0", {
    // A doc directory that links out of the package: the machine's file there is not this package's.
    "usr/share/doc/toklab-fixture-code": { link: "/usr/share/doc/dpkg" },
    "usr/lib/x/a.py": "def f():\r\n    return 1\r\n",
    "usr/lib/x/big.py": BIG,
    "usr/lib/x/minified.py": `x=[${"1,".repeat(600)}]\n`,
    "usr/lib/x/testdata/fixture.py": "broken on purpose(\n",
    "usr/lib/x/readme.txt": "not code\n",
  });
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe("buildCategories", () => {
  test("documents, what is left out and why, and the manifest", async () => {
    const out = join(dir, "out1");
    const m = await build(out);
    const man = m.categories.find((c) => c.name === "lang-xx")!;
    assert.equal(man.documents, 2);
    assert.deepEqual(man.skipped, { "bad gzip": 1, "empty or an include": 1, "not UTF-8": 1 });
    const docs = jsonl(join(out, "lang-xx.jsonl"));
    assert.deepEqual(docs.map((d) => d.id).sort(), [
      "toklab-fixture-man:usr/share/man/xx/man1/a.1.gz",
      "toklab-fixture-man:usr/share/man/xx/man1/b.1.gz",
    ]);
    const a = docs.find((d) => d.id.endsWith("/a.1.gz"))!;
    assert.equal(a.text, roffToText(PAGE_A));
    assert.match(a.text, /Some bold words\./);
    assert.equal(
      man.bytes,
      docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0),
    );

    const code = m.categories.find((c) => c.name === "code-x")!;
    assert.deepEqual(code.skipped, { "minified or generated": 1 });
    const files = jsonl(join(out, "code-x.jsonl"));
    assert.deepEqual(files.map((d) => d.id).sort(), [
      "toklab-fixture-code:usr/lib/x/a.py",
      "toklab-fixture-code:usr/lib/x/big.py",
    ]);
    assert.equal(files.find((d) => d.id.endsWith("a.py"))!.text, "def f():\n    return 1\n");
    const big = files.find((d) => d.id.endsWith("big.py"))!.text;
    assert.ok(Buffer.byteLength(big) <= 65_536 && Buffer.byteLength(big) > 65_536 - BIG_LINE.length);
    assert.ok(big.endsWith("\n") && BIG.startsWith(big));

    const pkg = m.packages.find((p) => p.name === "toklab-fixture-man")!;
    assert.equal(pkg.used, "1:1.0-1");
    assert.equal(pkg.deb, "toklab-fixture-man_1%3a1.0-1_all.deb");
    assert.equal(
      pkg.sha256,
      createHash("sha256")
        .update(readFileSync(join(debs, pkg.deb)))
        .digest("hex"),
    );
    assert.deepEqual(pkg.licences, ["GPL-3+", "BSD-3-clause"]);
    assert.deepEqual(m.packages.find((p) => p.name === "toklab-fixture-code")!.licences, [
      "(no copyright file in the package)",
    ]);

    const onDisk = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
    assert.deepEqual(onDisk, JSON.parse(JSON.stringify(m)));
    assert.equal(
      man.sha256,
      createHash("sha256")
        .update(readFileSync(join(out, "lang-xx.jsonl")))
        .digest("hex"),
    );
    const readme = readFileSync(join(out, "README.md"), "utf8");
    assert.match(readme, /\| lang-xx \| toklab-fixture-man \| 2 \|/);
    assert.match(readme, /\| toklab-fixture-man \| 1:1\.0-1 \| GPL-3\+; BSD-3-clause \|/);
  });

  test("the same .deb files give the same bytes", async () => {
    await build(join(dir, "det1"));
    await build(join(dir, "det2"));
    for (const f of ["lang-xx.jsonl", "code-x.jsonl", "manifest.json", "README.md"]) {
      assert.deepEqual(readFileSync(join(dir, "det1", f)), readFileSync(join(dir, "det2", f)), f);
    }
  });

  test("the cap takes documents in hash order until it is reached, at least one", async () => {
    const m = await build(join(dir, "capped"), { maxBytes: 10 });
    const man = m.categories.find((c) => c.name === "lang-xx")!;
    assert.equal(man.documents, 1);
    assert.equal(man.availableDocuments, 2);
    assert.equal(m.maxBytesPerCategory, 10);
  });

  test("--only rebuilds some categories and keeps the others in the manifest", async () => {
    const out = join(dir, "partial");
    await build(out);
    const before = readFileSync(join(out, "code-x.jsonl"));
    const m = await build(out, { only: ["lang-xx"], maxBytes: 10 });
    assert.deepEqual(
      m.categories.map((c) => [c.name, c.documents]),
      [
        ["lang-xx", 1],
        ["code-x", 2],
      ],
    );
    assert.deepEqual(readFileSync(join(out, "code-x.jsonl")), before);
    await assert.rejects(build(out, { only: ["lang-zz"] }), (e: Error) => {
      assert.ok(e instanceof CategoryBuildError);
      assert.match(e.message, /unknown category lang-zz; known: lang-xx, code-x/);
      return true;
    });
  });

  test("a pinned version that is missing: another version of the package is used, with a warning", async () => {
    const lines: string[] = [];
    const pinnedOld: DebianCategory[] = [
      { ...CATEGORIES[0], packages: [{ name: "toklab-fixture-man", version: "1:0.9-1" }] },
    ];
    const m = await build(join(dir, "fallback"), { categories: pinnedOld, log: (l) => lines.push(l) });
    assert.equal(m.packages[0].pinned, "1:0.9-1");
    assert.equal(m.packages[0].used, "1:1.0-1");
    assert.ok(
      lines.some((l) =>
        /warning: toklab-fixture-man 1:0\.9-1 \(pinned\) is not available; using 1:1\.0-1/.test(l),
      ),
    );
  });

  test("no .deb offline, and a category without documents, are clear errors that write nothing", async () => {
    const out = join(dir, "missing");
    const absent: DebianCategory[] = [
      { ...CATEGORIES[1], packages: [{ name: "toklab-no-such-package", version: "1" }] },
    ];
    await assert.rejects(
      build(out, { categories: absent }),
      /no \.deb of toklab-no-such-package in .* \(--offline/,
    );
    const empty: DebianCategory[] = [{ ...CATEGORIES[1], files: /\.rs$/ }];
    await assert.rejects(build(out, { categories: empty }), /code-x: no documents in toklab-fixture-code/);
    assert.throws(() => readFileSync(join(out, "manifest.json")), /ENOENT/);
  });
});

describe("helpers", () => {
  test("copyrightLicences: distinct License names, most used first; a free-form file says so", () => {
    assert.deepEqual(copyrightLicences("License: MIT\nLicense: GPL-2+\n text\nLicense: GPL-2+\n"), [
      "GPL-2+",
      "MIT",
    ]);
    assert.deepEqual(copyrightLicences("This package is under the GPL."), [
      "(not machine-readable: see the package's copyright file)",
    ]);
  });
});

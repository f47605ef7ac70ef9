/**
 * What the Debian category set of the mixture experiment is built from (issue 13: "translated
 * manual pages and documentation in many languages from Debian packages; source code of many
 * programming languages"): Debian 12 (bookworm) binary packages, pinned to the versions the set
 * was first built from, fetched with `apt-get download` and unpacked with `dpkg-deb`, never
 * installed. The builder is experiments/mixture/build-categories.ts.
 *
 * - `lang-*`: the manual pages of one language. English is the man-pages project's own pages;
 *   the others are manpages-l10n's translations (and manpages-ja, manpages-zh, manpages-tr), so
 *   every language category is the same genre and mostly the same subjects, and what tells them
 *   apart is the language, as the paper's language categories are told apart.
 * - `code-*`: source files of one programming language, from packages that ship source.
 *
 * The packages' licences are read from their own copyright files when the set is built and
 * written to its manifest; the `licence` notes here are what those files say, for the docs.
 */

/** One package, at the version the set was first built from. */
export interface PinnedPackage {
  readonly name: string;
  readonly version: string;
}

export interface DebianCategory {
  /** Category name, also the output file's stem (`lang-de.jsonl`). */
  readonly name: string;
  readonly kind: "man" | "code";
  readonly packages: readonly PinnedPackage[];
  /**
   * Which unpacked files are documents: paths relative to the package root, matched against
   * this expression (symbolic links never count: they repeat another file).
   */
  readonly files: RegExp;
  readonly licence: string;
}

/** Paths of test data and generated fixtures, which are not code anyone writes. */
export const EXCLUDED_PATHS = /\/(?:testdata|tests?\/ui|test\/fixedbugs)\//;

const l10n = (
  lang: string,
  dir: string,
  version: string,
  dev: boolean,
  licence = "GPL-3.0-or-later (translations); the original pages' licences",
): DebianCategory => ({
  name: `lang-${lang}`,
  kind: "man",
  packages: [
    { name: `manpages-${lang}`, version },
    ...(dev ? [{ name: `manpages-${lang}-dev`, version }] : []),
  ],
  files: new RegExp(`^usr/share/man/${dir}/man[^/]+/[^/]+$`),
  licence,
});

/** Versions of the manpages-l10n 4.18.1 packages (two carry an epoch). */
const L10N = "4.18.1-1";

export const DEBIAN_CATEGORIES: readonly DebianCategory[] = [
  {
    name: "lang-en",
    kind: "man",
    packages: [
      { name: "manpages", version: "6.03-2" },
      { name: "manpages-dev", version: "6.03-2" },
    ],
    files: /^usr\/share\/man\/man[^/]+\/[^/]+$/,
    licence: "the man-pages project's licences (Linux man-pages copyleft, GPL, BSD, MIT)",
  },
  l10n("cs", "cs", L10N, true),
  l10n("da", "da", L10N, true),
  l10n("de", "de", L10N, true),
  l10n("el", "el", L10N, false),
  l10n("es", "es", L10N, true),
  l10n("fi", "fi", L10N, false),
  l10n("fr", "fr", L10N, true),
  l10n("hu", "hu", `1:${L10N}`, false),
  l10n("id", "id", L10N, false),
  l10n("it", "it", L10N, true),
  l10n("mk", "mk", L10N, false),
  l10n("nb", "nb", L10N, false),
  l10n("nl", "nl", L10N, true),
  l10n("pl", "pl", `1:${L10N}`, true),
  l10n("pt-br", "pt_BR", L10N, true),
  l10n("ro", "ro", L10N, false),
  l10n("ru", "ru", L10N, true),
  l10n("sr", "sr", L10N, false),
  l10n("sv", "sv", L10N, false),
  l10n("uk", "uk", L10N, true),
  l10n("vi", "vi", L10N, false),
  l10n("ja", "ja", "0.5.0.0.20221215+dfsg-1", true, "GPL-2.0-or-later and the original pages' licences"),
  l10n("tr", "tr", "2.0.6-2", false, "GPL-2.0-or-later"),
  {
    name: "lang-zh-hans",
    kind: "man",
    packages: [{ name: "manpages-zh", version: "1.6.4.0-1" }],
    files: /^usr\/share\/man\/zh_CN\/man[^/]+\/[^/]+$/,
    licence: "GPL-2.0-or-later and the original pages' licences",
  },
  {
    name: "lang-zh-hant",
    kind: "man",
    packages: [{ name: "manpages-zh", version: "1.6.4.0-1" }],
    files: /^usr\/share\/man\/zh_TW\/man[^/]+\/[^/]+$/,
    licence: "GPL-2.0-or-later and the original pages' licences",
  },
  code("python", [["libpython3.11-stdlib", "3.11.2-6+deb12u9"]], /\.py$/, "PSF-2.0"),
  code("perl", [["perl-modules-5.36", "5.36.0-7+deb12u4"]], /\.p[ml]$/, "GPL-1.0-or-later or Artistic-1.0"),
  code("ruby", [["libruby3.1", "3.1.7+really3.1.2-0+deb12u1"]], /\.rb$/, "Ruby or BSD-2-Clause"),
  code("go", [["golang-1.19-src", "1.19.8-2"]], /\.go$/, "BSD-3-Clause"),
  // The standard library and the compiler; not src/test (compiler test cases, often broken on purpose).
  code(
    "rust",
    [["rust-src", "1.63.0+dfsg1-2"]],
    /^usr\/src\/rustc-[^/]+\/(?:library|compiler)\/.*\.rs$/,
    "MIT or Apache-2.0",
  ),
  code("c", [["linux-libc-dev", "6.1.192-3"]], /\.h$/, "GPL-2.0 WITH Linux-syscall-note"),
  code(
    "cpp",
    [["libstdc++-12-dev", "12.2.0-14+deb12u1"]],
    /^usr\/include\/c\+\+\/.*(?:\/[^/.]+|\.h|\.hpp|\.tcc)$/,
    "GPL-3.0-or-later WITH GCC-exception-3.1",
  ),
  code(
    "shell",
    [["bash-completion", "1:2.11-6"]],
    /^usr\/share\/bash-completion\/completions\/[^/]+$/,
    "GPL-2.0-or-later",
  ),
  code("elisp", [["emacs-el", "1:28.2+1-15+deb12u4"]], /\.el\.gz$/, "GPL-3.0-or-later"),
  code(
    "tcl",
    [
      ["libtcl8.6", "8.6.13+dfsg-2"],
      ["libtk8.6", "8.6.13-2"],
    ],
    /\.(?:tcl|tm)$/,
    "TCL",
  ),
  code("scheme", [["guile-3.0-libs", "3.0.8-2"]], /\.scm$/, "LGPL-3.0-or-later"),
  code(
    "php",
    [["php-pear", "1:1.10.13+submodules+notgz+2022032202-2"]],
    /\.php$/,
    "BSD-2-Clause and PHP-3.01",
  ),
  code("tex", [["texlive-latex-base", "2022.20230122-3"]], /\.(?:sty|cls|tex|ltx|def)$/, "LPPL-1.3c"),
  code("cmake", [["cmake-data", "3.25.1-1"]], /\.cmake$/, "BSD-3-Clause"),
  code("vim", [["vim-runtime", "2:9.0.1378-2+deb12u2"]], /\.vim$/, "Vim"),
  code(
    "javascript",
    [
      ["node-babel7", "7.20.15+ds1+~cs214.269.168-3+deb12u2"],
      ["node-lodash", "4.17.21+dfsg+~cs8.31.198.20210220-9+deb12u1"],
    ],
    /\.c?js$/,
    "MIT",
  ),
  code("erlang", [["erlang-src", "1:25.2.3+dfsg-1+deb12u4"]], /\.[he]rl$/, "Apache-2.0"),
];

function code(name: string, packages: [string, string][], files: RegExp, licence: string): DebianCategory {
  return {
    name: `code-${name}`,
    kind: "code",
    packages: packages.map(([n, version]) => ({ name: n, version })),
    files,
    licence,
  };
}

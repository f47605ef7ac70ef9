/**
 * The running text of a manual page's roff source (man and mdoc macros), for the Debian category
 * set of the mixture experiment (experiments/mixture/build-categories.ts). Not a formatter: no
 * filling, no indentation, no tables laid out. It keeps what a reader reads (headings, paragraphs,
 * option tags, table cells) and drops what only steers the formatter (requests, comments, font and
 * size escapes, macro definitions), so that the category's pair counts are those of its language
 * and not of roff markup. Written here rather than calling groff so that the builder needs nothing
 * beyond dpkg-deb and gives the same text on every machine.
 */

/** Requests and macros that carry no reader-visible text (their arguments are formatting). */
const NO_TEXT = new Set([
  // roff requests
  "ad",
  "bp",
  "br",
  "ce",
  "cs",
  "ds",
  "ec",
  "el",
  "eo",
  "fc",
  "fi",
  "fl",
  "ft",
  "hw",
  "hy",
  "ie",
  "if",
  "in",
  "lf",
  "ll",
  "ls",
  "mk",
  "na",
  "ne",
  "nf",
  "nh",
  "nr",
  "ns",
  "pc",
  "pl",
  "po",
  "ps",
  "rm",
  "rn",
  "rr",
  "rs",
  "rt",
  "so",
  "sp",
  "ss",
  "ta",
  "tc",
  "ti",
  "tm",
  "tr",
  "ul",
  "vs",
  "wh",
  "cc",
  "c2",
  "lc",
  "mso",
  "do",
  "ev",
  "cu",
  "uf",
  "chop",
  "als",
  "blm",
  "char",
  "hc",
  "ch",
  // man
  "TH",
  "PP",
  "LP",
  "P",
  "HP",
  "RS",
  "RE",
  "PD",
  "TP",
  "TQ",
  "UE",
  "ME",
  "YS",
  "EE",
  "EX",
  "IX",
  "UC",
  "AT",
  "DT",
  "ft",
  "ns",
  "in",
  "TS",
  "TE",
  "EQ",
  "EN",
  "PS",
  "PE",
  // mdoc
  "Dd",
  "Dt",
  "Os",
  "Bl",
  "El",
  "Bd",
  "Ed",
  "Bk",
  "Ek",
  "Pp",
  "Lp",
  "Sm",
  "Ns",
  "Rs",
  "Re",
  "Ud",
]);

/** mdoc macro names that may appear among another macro's arguments; they are not words. */
const MDOC_CALLABLE =
  /^(?:Ac|Ao|Ap|Aq|Ar|Bc|Bo|Bq|Brc|Bro|Brq|Bx|Cm|Dc|Do|Dq|Dv|Ec|Em|Eo|Er|Ev|Fa|Fl|Fn|Fo|Fc|Ic|Li|Ms|Nm|No|Ns|Oc|Oo|Op|Pa|Pc|Pf|Po|Pq|Qc|Ql|Qo|Qq|Sc|So|Sq|St|Sx|Sy|Ta|Tn|Va|Vt|Xr|Xo|Xc|It|Nd|Sh|Ss|Cd|Fd|Ft|In|Lb|Mt|Lk|Ad|An|Ot|Rv|Ex|Dl|D1)$/;

/** Special characters by their roff names (`\(em`, `\[em]`); others become nothing. */
const GLYPHS: Readonly<Record<string, string>> = {
  em: "—",
  en: "–",
  hy: "-",
  mi: "−",
  aq: "'",
  dq: '"',
  lq: "“",
  rq: "”",
  oq: "‘",
  cq: "’",
  Fo: "«",
  Fc: "»",
  fo: "‹",
  fc: "›",
  bu: "•",
  co: "©",
  rg: "®",
  tm: "™",
  de: "°",
  mu: "×",
  di: "÷",
  pl: "+",
  eq: "=",
  ti: "~",
  ha: "^",
  rs: "\\",
  sl: "/",
  ba: "|",
  bv: "|",
  at: "@",
  sh: "#",
  Do: "$",
  la: "⟨",
  ra: "⟩",
  "<=": "≤",
  ">=": "≥",
  "!=": "≠",
  "->": "→",
  "<-": "←",
  "+-": "±",
  ua: "↑",
  da: "↓",
  sc: "§",
  ps: "¶",
  ga: "`",
  aa: "´",
  ci: "○",
  sq: "□",
  dg: "†",
  lB: "[",
  rB: "]",
  lC: "{",
  rC: "}",
  ss: "ß",
  "'e": "é",
  "`e": "è",
  ":u": "ü",
  ":o": "ö",
  ":a": "ä",
  ":U": "Ü",
  ":O": "Ö",
  ":A": "Ä",
  ",c": "ç",
  Eu: "€",
  eu: "€",
  "~n": "ñ",
  Po: "£",
};

/** Predefined strings (`\*(lq`, `\*R`); others become nothing. */
const STRINGS: Readonly<Record<string, string>> = {
  lq: "“",
  rq: "”",
  R: "®",
  Tm: "™",
  "-": "—",
  Lq: "“",
  Rq: "”",
  aq: "'",
  q: '"',
};

/** Escapes that take a delimited argument (`\w'abc'`) and print nothing of it. */
const DELIMITED = new Set(["h", "v", "w", "l", "L", "o", "X", "Z", "D", "b", "x", "A", "B", "C", "R", "S"]);

/**
 * The reader-visible text of one line of roff text (no request): escapes resolved, comments cut.
 *
 * @example
 * ```ts
 * inlineText("\\fBls\\fP \\- list \\(lqfiles\\(rq"); // "ls - list “files”"
 * ```
 */
export function inlineText(line: string): string {
  let out = "";
  for (let i = 0; i < line.length; ) {
    const c = line[i];
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const e = line[i + 1];
    if (e === undefined) break; // a line ending in "\": continuation, nothing printed
    i += 2;
    switch (e) {
      case '"':
      case "#":
        return out; // comment to the end of the line
      case "e":
      case "\\":
        out += "\\";
        break;
      case "-":
        out += "-";
        break;
      case " ":
      case "~":
      case "0":
        out += " ";
        break;
      case "t":
        out += "\t";
        break;
      case "'":
        out += "´";
        break;
      case "`":
        out += "`";
        break;
      case ".":
        out += ".";
        break;
      case "&":
      case "|":
      case "^":
      case ")":
      case "%":
      case ",":
      case "/":
      case ":":
      case "c":
      case "d":
      case "u":
      case "p":
      case "r":
      case "z":
      case "{":
      case "}":
        break;
      case "(": {
        out += GLYPHS[line.slice(i, i + 2)] ?? "";
        i += 2;
        break;
      }
      case "[": {
        const end = line.indexOf("]", i);
        const name = end < 0 ? line.slice(i) : line.slice(i, end);
        i = end < 0 ? line.length : end + 1;
        out += glyph(name);
        break;
      }
      case "*": {
        const [name, next] = registerName(line, i);
        i = next;
        out += STRINGS[name] ?? "";
        break;
      }
      case "f":
      case "F":
      case "n":
      case "m":
      case "M":
      case "g":
      case "k":
      case "V":
      case "Y":
      case "$": {
        i = registerName(line, i)[1];
        break;
      }
      case "s": {
        // \s+2, \s-1, \s0, \s(12, \s[12], \s+(12
        if (line[i] === "+" || line[i] === "-") i++;
        if (line[i] === "(") i += 3;
        else if (line[i] === "[" || line[i] === "'") {
          const close = line[i] === "[" ? "]" : "'";
          const end = line.indexOf(close, i + 1);
          i = end < 0 ? line.length : end + 1;
        } else while (i < line.length && /[0-9]/.test(line[i])) i++;
        break;
      }
      default: {
        if (DELIMITED.has(e)) {
          const delim = line[i];
          const end = delim === undefined ? -1 : line.indexOf(delim, i + 1);
          i = end < 0 ? line.length : end + 1;
        } else out += e;
      }
    }
  }
  return out;
}

/** `\[em]`, `\[u00E9]`, `\[u0041_0301]`: a named or numbered character. */
function glyph(name: string): string {
  const u = /^u([0-9A-Fa-f]{4,6}(?:_[0-9A-Fa-f]{4,6})*)$/.exec(name);
  if (u !== null) {
    const cps = u[1].split("_").map((h) => Number.parseInt(h, 16));
    return cps.every((cp) => cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff))
      ? String.fromCodePoint(...cps)
      : "";
  }
  return GLYPHS[name] ?? "";
}

/** A register or string name after `\n`, `\*`, `\f`: `x`, `(xx` or `[name]`; returns [name, next index]. */
function registerName(line: string, i: number): [string, number] {
  if (line[i] === "(") return [line.slice(i + 1, i + 3), i + 3];
  if (line[i] === "[") {
    const end = line.indexOf("]", i);
    return end < 0 ? [line.slice(i + 1), line.length] : [line.slice(i + 1, end), end + 1];
  }
  if (line[i] === "+" || line[i] === "-") return registerName(line, i + 1); // \n+x
  return [line[i] ?? "", i + 1];
}

/** A macro's arguments: space-separated, double quotes group (`""` inside quotes is a quote). */
export function macroArgs(rest: string): string[] {
  const args: string[] = [];
  for (let i = 0; i < rest.length; ) {
    while (rest[i] === " " || rest[i] === "\t") i++;
    if (i >= rest.length) break;
    let arg = "";
    if (rest[i] === '"') {
      i++;
      while (i < rest.length) {
        if (rest[i] === '"') {
          if (rest[i + 1] === '"') {
            arg += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        arg += rest[i++];
      }
    } else {
      while (i < rest.length && rest[i] !== " " && rest[i] !== "\t") arg += rest[i++];
    }
    args.push(arg);
  }
  return args;
}

/**
 * The running text of a manual page, or `""` for a page that only includes another (`.so`).
 *
 * @example
 * ```ts
 * roffToText('.TH LS 1\n.SH NAME\nls \\- list\n.TP\n.B \\-a\nall entries\n');
 * // "NAME\nls - list\n-a\nall entries\n"
 * ```
 */
export function roffToText(source: string): string {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  /** Inside `.de`…`..` or `.ig`…`..`: skipped up to the request named this (`.` for `..`, also `.  .`). */
  let skipUntil: string | null = null;
  /** Inside `.TS`…`.TE`: the format lines (up to one ending in ".") come first. */
  let table: "format" | "data" | null = null;
  /** Depth of `\{`…`\}` blocks opened by `.if`/`.ie`/`.el`: formatter-dependent, skipped whole. */
  let block = 0;
  const braces = (line: string) => (line.match(/\\\{/g)?.length ?? 0) - (line.match(/\\\}/g)?.length ?? 0);
  for (const raw of lines) {
    if (block > 0) {
      block = Math.max(0, block + braces(raw));
      continue;
    }
    const request = /^[.'][ \t]*([^ \t]*)[ \t]*(.*)$/.exec(raw);
    if (skipUntil !== null) {
      if (request !== null && request[1] === skipUntil) skipUntil = null;
      continue;
    }
    if (table !== null && (request === null || (request[1] !== "TE" && request[1] !== "T&"))) {
      if (table === "format") {
        if (raw.trimEnd().endsWith(".")) table = "data";
        continue;
      }
      if (request !== null || /^\s*[_=]\s*$/.test(raw)) continue;
      const cells = raw.replace(/T[{}]/g, "").split("\t").map(inlineText).join(" ").trim();
      if (cells !== "") out.push(cells);
      continue;
    }
    if (request === null) {
      out.push(inlineText(raw));
      continue;
    }
    const [, name, rest] = request;
    if (name === "" || name.startsWith('\\"') || name.startsWith("\\#")) continue; // comment line
    if (name === "so") return ""; // the page is another page's text
    if (name === "de" || name === "de1" || name === "am" || name === "ig") {
      // `.de NAME END` and `.ig END` may name their end macro; the default is `..`.
      const end = macroArgs(rest)[name === "ig" ? 0 : 1];
      skipUntil = end === undefined || end === "" ? "." : end;
      continue;
    }
    if (name === "TS") {
      table = "format";
      continue;
    }
    if (name === "TE") {
      table = null;
      continue;
    }
    if (name === "T&") {
      table = "format";
      continue;
    }
    if (name === "if" || name === "ie" || name === "el") {
      block = Math.max(0, braces(rest));
      continue;
    }
    if (NO_TEXT.has(name)) {
      if (name === "PP" || name === "LP" || name === "P" || name === "Pp" || name === "Lp") out.push("");
      continue;
    }
    // A text-bearing macro (.SH, .B, .BR, .IP tag, .Nm, .Fl …): its arguments are words.
    let args = macroArgs(rest);
    if (name === "IP") args = args.slice(0, 1);
    if (/^[A-Z][a-z][a-z]?$/.test(name)) args = args.filter((a) => !MDOC_CALLABLE.test(a));
    const text = args.map(inlineText).join(" ").trim();
    if (name === "SH" || name === "SS" || name === "Sh" || name === "Ss") out.push("");
    if (text !== "") out.push(text);
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

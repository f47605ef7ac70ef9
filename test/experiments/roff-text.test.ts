import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { inlineText, macroArgs, roffToText } from "../../experiments/mixture/roff-text.js";

describe("inlineText", () => {
  test("drops font and size escapes, keeps the words", () => {
    assert.equal(inlineText("\\fBls\\fP [\\fI\\,OPTION\\/\\fP]…"), "ls [OPTION]…");
    assert.equal(inlineText("\\f(CWcode\\fR and \\f[B]bold\\f[]"), "code and bold");
    assert.equal(inlineText("\\s-1SMALL\\s0 \\s+2big\\s[0] \\s(12x"), "SMALL big x");
  });

  test("resolves glyphs, strings and character escapes", () => {
    assert.equal(inlineText("a \\- b \\(em c \\[en] d"), "a - b — c – d");
    assert.equal(
      inlineText("\\(lqquoted\\(rq \\*(lqs\\*(rq \\[u00E9]t\\[u0065_0301]"),
      "“quoted” “s” \u00e9te\u0301",
    );
    assert.equal(inlineText("back\\e\\\\slash \\&.dot\\~nbsp\\ sp"), "back\\\\slash .dot nbsp sp");
    assert.equal(
      inlineText("unknown \\(zz glyph \\[nonesuch] and \\*(ZZ string"),
      "unknown  glyph  and  string",
    );
  });

  test("cuts comments and skips delimited escapes and registers", () => {
    assert.equal(inlineText('text \\" a comment'), "text ");
    assert.equal(inlineText("a\\h'2n'b\\w'xyz'c\\v'-1'd"), "abcd");
    assert.equal(inlineText("n\\n(.gm\\n[reg]x\\nyz"), "nmxz");
    assert.equal(inlineText("continued\\"), "continued");
    assert.equal(inlineText("\\[u110000]bad"), "bad"); // beyond Unicode: dropped, no throw
  });
});

describe("macroArgs", () => {
  test("splits on blanks, groups quoted arguments, doubles quotes inside", () => {
    assert.deepEqual(macroArgs('one "two words"  three'), ["one", "two words", "three"]);
    assert.deepEqual(macroArgs('"say ""hi""" x'), ['say "hi"', "x"]);
    assert.deepEqual(macroArgs('""'), [""]);
    assert.deepEqual(macroArgs("   "), []);
  });
});

describe("roffToText", () => {
  test("man macros: headings and font macros keep their words, requests and comments go", () => {
    const src = [
      '.\\" Copyright line that is a comment',
      ".TH LS 1 2022 coreutils",
      ".SH NAME",
      "ls \\- list directory contents",
      '.SH "SEE ALSO"',
      ".BR dir (1),",
      ".IP \\(bu 2",
      "item text",
      ".PP",
      ".nf",
      "next paragraph",
      ".fi",
      ".sp 2",
    ].join("\n");
    assert.equal(
      roffToText(src),
      "NAME\nls - list directory contents\n\nSEE ALSO\ndir (1),\n•\nitem text\n\nnext paragraph\n",
    );
  });

  test("a page that only includes another is empty", () => {
    assert.equal(roffToText(".so man3/other.3\n"), "");
  });

  test("macro definitions and ignored blocks are skipped up to their end, however it is written", () => {
    const src = [
      ".de URL",
      "\\fI\\\\$2\\fP <\\\\$1>",
      "..",
      "kept one",
      ".am MTO",
      ".  ad l",
      ".  .",
      "kept two",
      ".ig END",
      "hidden",
      ".END",
      "kept three",
      ".de XX YY",
      "hidden too",
      ".YY",
      "kept four",
    ].join("\n");
    assert.equal(roffToText(src), "kept one\nkept two\nkept three\nkept four\n");
  });

  test("conditional blocks are skipped whole, nested braces included", () => {
    const src = [
      "before",
      ".if n \\{\\",
      ".  LINKSTYLE blue R < >",
      "inner \\{ nested \\}",
      ".\\}",
      ".ie \\n(.g .ds Aq \\(aq",
      ".el       .ds Aq '",
      "after",
    ].join("\n");
    assert.equal(roffToText(src), "before\nafter\n");
  });

  test("tables keep their cells, not their format lines", () => {
    const src = [
      "'\\\" t",
      ".TS",
      "allbox;",
      "lb lb",
      "l l.",
      "Name\tValue",
      "_",
      "a\tT{",
      "long \\fBcell\\fP",
      "T}",
      ".TE",
      "after",
    ].join("\n");
    assert.equal(roffToText(src), "Name Value\na\nlong cell\nafter\n");
  });

  test("mdoc: callable macro names among the arguments are not words", () => {
    const src = [
      ".Dd $Mdocdate: May 1 2020 $",
      ".Sh NAME",
      ".Nm biff",
      ".Nd be notified",
      ".Op Fl n | y",
      ".Xr ssh 1 ,",
    ].join("\n");
    assert.equal(roffToText(src), "NAME\nbiff\nbe notified\nn | y\nssh 1 ,\n");
  });
});

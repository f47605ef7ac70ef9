import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseMo } from "../../bench/mo.js";

/** A .mo file laid out as GNU msgfmt does: header, two (length, offset) tables, then the strings. */
function makeMo(pairs: Array<[string, string]>, littleEndian = true): Uint8Array {
  const utf8 = new TextEncoder();
  const originals = pairs.map(([o]) => utf8.encode(o));
  const translations = pairs.map(([, t]) => utf8.encode(t));
  const n = pairs.length;
  const tablesEnd = 28 + n * 16;
  const size = tablesEnd + [...originals, ...translations].reduce((s, b) => s + b.length + 1, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x950412de, littleEndian);
  view.setUint32(8, n, littleEndian);
  view.setUint32(12, 28, littleEndian);
  view.setUint32(16, 28 + n * 8, littleEndian);
  let at = tablesEnd;
  [originals, translations].forEach((strings, table) => {
    strings.forEach((bytes, i) => {
      view.setUint32(28 + table * n * 8 + i * 8, bytes.length, littleEndian);
      view.setUint32(28 + table * n * 8 + i * 8 + 4, at, littleEndian);
      out.set(bytes, at);
      at += bytes.length + 1;
    });
  });
  return out;
}

const HEADER: [string, string] = ["", "Content-Type: text/plain; charset=UTF-8\n"];

describe("parseMo", () => {
  test("messages, contexts and plural forms, header left out, in either byte order", () => {
    const pairs: Array<[string, string]> = [
      HEADER,
      ["Hello", "Grüß dich"],
      ["menu\u0004Open", "Öffnen"],
      ["one file\0%d files", "eine Datei\0%d Dateien"],
    ];
    const expected = [
      { originals: ["Hello"], translations: ["Grüß dich"] },
      { originals: ["Open"], translations: ["Öffnen"] },
      { originals: ["one file", "%d files"], translations: ["eine Datei", "%d Dateien"] },
    ];
    assert.deepEqual(parseMo(makeMo(pairs)), expected);
    assert.deepEqual(parseMo(makeMo(pairs, false)), expected);
  });

  test("not a .mo file, a truncated one, or a legacy charset: null", () => {
    assert.equal(parseMo(new TextEncoder().encode('msgid "x"\nmsgstr "y"\n padding padding')), null);
    const good = makeMo([HEADER, ["a", "b"]]);
    assert.equal(parseMo(good.subarray(0, good.length - 3)), null);
    assert.equal(
      parseMo(
        makeMo([
          ["", "Content-Type: text/plain; charset=ISO-8859-1\n"],
          ["a", "b"],
        ]),
      ),
      null,
    );
  });
});

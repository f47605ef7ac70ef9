import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getEncodingSpec } from "../../src/encodings/spec.js";
import { decodeBase64, decodeBase64Bytes, encodeBase64 } from "../../src/formats/base64.js";
import { parseTiktoken, serializeTiktoken, TiktokenFormatError } from "../../src/formats/tiktoken.js";
import { referenceTiktokenText } from "../support/tiktoken-data.js";

const tokens = (text: string) => {
  const { blob, offsets } = parseTiktoken(text);
  return Array.from({ length: offsets.length - 1 }, (_, r) =>
    Buffer.from(blob.subarray(offsets[r], offsets[r + 1])).toString("latin1"),
  );
};

describe("base64", () => {
  it("round-trips every length and byte value like Buffer", () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 255);
      const text = encodeBase64(bytes);
      assert.equal(text, Buffer.from(bytes).toString("base64"));
      assert.deepEqual(decodeBase64(text), bytes);
    }
  });

  it("rejects non-canonical spellings in strict mode", () => {
    const out = new Uint8Array(8);
    const strict = (s: string) => decodeBase64Bytes(new TextEncoder().encode(s), 0, s.length, out, 0);
    assert.equal(strict("aGk="), 2);
    assert.equal(strict("aGl="), -1); // trailing bits set
    assert.equal(strict("aR=="), -1);
    assert.equal(strict("aGk"), -1);
    assert.equal(strict("a=k="), -1);
    assert.equal(strict(""), -1);
  });
});

describe(".tiktoken format", () => {
  it("parses tokens, holes and unsorted ranks", () => {
    assert.deepEqual(tokens("IQ== 0\nIg== 1\n"), ["!", '"']);
    assert.deepEqual(tokens("Ig== 1\r\n\r\nIQ== 0"), ["!", '"']);
    assert.deepEqual(tokens("IQ== 0\naGk= 3\n"), ["!", "", "", "hi"]);
    assert.deepEqual(tokens("IQ==\t0  \n"), ["!"]);
    assert.deepEqual(tokens(""), []);
    assert.deepEqual(parseTiktoken(new TextEncoder().encode("IQ== 0\n")), parseTiktoken("IQ== 0\n"));
  });

  const malformed: Array<[string, string, number, RegExp]> = [
    ["missing rank", "IQ== 0\nIg==\n", 2, /expected "<base64 token> <rank>"/],
    ["missing token", " 0\n", 1, /expected/],
    ["whitespace-only line", "IQ== 0\n   \n", 2, /expected/],
    ["extra field", "IQ== 0 1\n", 1, /expected/],
    ["bad base64 character", "IQ== 0\nI!== 1\n", 2, /invalid base64 token "I!=="/],
    ["bad base64 length", "IQ= 0\n", 1, /invalid base64/],
    ["non-canonical base64", "IR== 0\n", 1, /invalid base64/],
    ["non-integer rank", "IQ== x\n", 1, /rank "x" is not a non-negative integer/],
    ["negative rank", "IQ== -1\n", 1, /not a non-negative integer/],
    ["fractional rank", "IQ== 1.5\n", 1, /not a non-negative integer/],
    ["huge rank", "IQ== 99999999999\n", 1, /exceeds/],
    ["duplicate rank", "IQ== 0\nIg== 1\nIw== 0\n", 3, /duplicate rank 0 \(first on line 1\)/],
    ["duplicate token", "IQ== 0\n\nIQ== 1\n", 3, /duplicate token "IQ==" \(first on line 1\)/],
    ["error after CRLF lines", "IQ== 0\r\nIg== 1\r\nbad\r\n", 3, /expected/],
  ];
  for (const [what, text, line, message] of malformed) {
    it(`rejects ${what} naming line ${line}`, () => {
      assert.throws(
        () => parseTiktoken(text, { source: "x.tiktoken" }),
        (error: unknown) => {
          assert.ok(error instanceof TiktokenFormatError);
          assert.equal(error.line, line);
          assert.match(error.message, new RegExp(`^x\\.tiktoken:${line}: `));
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }

  it("serializes exactly like tiktoken's dump format and round-trips (p50k_base, with a hole)", async () => {
    const spec = await getEncodingSpec("p50k_base");
    const text = serializeTiktoken(spec.ranks);
    assert.equal(text, referenceTiktokenText("p50k_base"));
    assert.deepEqual(parseTiktoken(text), spec.ranks);
  });

  it("round-trips o200k_base", async () => {
    const spec = await getEncodingSpec("o200k_base");
    const text = serializeTiktoken(spec.ranks);
    assert.equal(text, referenceTiktokenText("o200k_base"));
    const parsed = parseTiktoken(new TextEncoder().encode(text));
    assert.deepEqual(parsed.offsets, spec.ranks.offsets);
    assert.deepEqual(parsed.blob, spec.ranks.blob);
  });
});

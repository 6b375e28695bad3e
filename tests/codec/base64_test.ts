import fc from "fast-check";
import { assertEquals, assertStrictEquals, assertThrows } from "../assert.ts";
import { base64ToBytes, decodeBase64, encodeBase64 } from "../../lib/codec/base64.ts";
import { ValidationError } from "../../lib/errors.ts";

Deno.test("base64: agrees with btoa/atob and round-trips", () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
    const text = encodeBase64(bytes);
    assertEquals(text, btoa(String.fromCharCode(...bytes)));
    assertEquals(decodeBase64(text), bytes);
  }));
  const big = new Uint8Array(100_000).map((_, i) => i);
  assertEquals(decodeBase64(encodeBase64(big)), big);
});

Deno.test("base64: only strict, canonical base64 decodes", () => {
  assertEquals(base64ToBytes(""), new Uint8Array());
  assertEquals(base64ToBytes("+/+/"), new Uint8Array([251, 255, 191]));
  const bad = [
    "A",
    "AB",
    "ABC",
    "A===",
    "====",
    "AB=C",
    "AQ==AQ==",
    "AR==",
    "AQJ=",
    "A-_B",
    "AQ\n==",
    " AQ=",
    "AQ=\u0100",
    "\u0141QID",
  ];
  for (const text of bad) assertStrictEquals(base64ToBytes(text), undefined, JSON.stringify(text));
  fc.assert(fc.property(fc.string({ unit: "binary-ascii", maxLength: 12 }), (text) => {
    const bytes = base64ToBytes(text);
    // Whatever decodes must be the one canonical encoding of its bytes.
    if (bytes !== undefined) assertEquals(encodeBase64(bytes), text);
  }));
});

Deno.test("decodeBase64: a ValidationError names what was found", () => {
  const e = assertThrows(() => decodeBase64("AQ="), ValidationError);
  assertEquals(e.message, 'bad base64; found "AQ="; allowed: padded standard base64');
});

Deno.test("base64ToBytes: agrees with a regex and atob reference on near-base64 text", () => {
  const STRICT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
  // Characters outside ASCII whose low 7 bits are base64 digits must not pass for them.
  const unit = fc.constantFrom(..."AQgw/+9z=", "\u0141", "\u00c1", "\u0100", "\u2b2f", "\n");
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 16 }), (text) => {
      const strict = STRICT.test(text) && btoa(atob(text)) === text;
      const bytes = base64ToBytes(text);
      assertEquals(bytes !== undefined, strict, JSON.stringify(text));
      if (bytes) assertEquals(bytes, Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
    }),
    { numRuns: 3000 },
  );
});

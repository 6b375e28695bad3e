import fc from "fast-check";
import { assertEquals, assertStrictEquals, assertThrows } from "../assert.ts";
import {
  base64ToBytes,
  base64ToBytesPortable,
  decodeBase64,
  encodeBase64,
  encodeBase64Portable,
} from "../../lib/codec/base64.ts";
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

Deno.test("base64: the portable code (no Uint8Array.fromBase64) agrees with btoa and base64ToBytes", () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
    const text = encodeBase64Portable(bytes);
    assertEquals(text, btoa(String.fromCharCode(...bytes)));
    assertEquals(base64ToBytesPortable(text), bytes);
  }));
  const big = new Uint8Array(100_000).map((_, i) => i * 7);
  assertEquals(base64ToBytesPortable(encodeBase64Portable(big)), big);
  const view = new Uint8Array([5, 6, 7, 8, 9]).subarray(1, 3);
  assertEquals(encodeBase64Portable(view), "Bgc=");
  for (
    const text of [
      "",
      "+/+/",
      "AQ==",
      "AQI=",
      "A",
      "A===",
      "AR==",
      "AQJ=",
      "AQ\n==",
      " AQ=",
      "AQ==AQ==",
    ]
  ) {
    assertEquals(base64ToBytesPortable(text), base64ToBytes(text), JSON.stringify(text));
  }
  fc.assert(fc.property(fc.string({ unit: "binary-ascii", maxLength: 12 }), (text) => {
    assertEquals(base64ToBytesPortable(text), base64ToBytes(text), JSON.stringify(text));
  }));
  const alphabet = fc.constantFrom(..."AQgwEIRZaz09+/= \n".split(""));
  fc.assert(fc.property(fc.string({ unit: alphabet, maxLength: 12 }), (text) => {
    assertEquals(base64ToBytesPortable(text), base64ToBytes(text), JSON.stringify(text));
  }));
});

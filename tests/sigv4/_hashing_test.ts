import fc from "fast-check";
import { unicodeString } from "./_arbitraries.ts";
import { assertEquals } from "../assert.ts";
import { hashHex, signatureHex } from "../../lib/sigv4/_hashing.ts";
import { EMPTY_HASH } from "../../lib/sigv4/_sign.ts";
import { sha256Hex } from "../../lib/sigv4/_sha256.ts";
import { AUTO_LIMIT } from "../../lib/sigv4/_signature.ts";

Deno.test("EMPTY_HASH is the SHA-256 of nothing", async () => {
  assertEquals(EMPTY_HASH, sha256Hex(""));
  assertEquals(await hashHex("", "webcrypto"), EMPTY_HASH);
});

Deno.test("hashHex: every mode agrees, below and above the size where auto switches to WebCrypto", async () => {
  for (const length of [0, 1, 8191, 8192, 8193, 65_000, AUTO_LIMIT + 1]) {
    const text = "é".repeat(length >> 1) + "x".repeat(length & 1);
    const bytes = Uint8Array.from({ length }, (_, i) => i * 7919 >> 3);
    for (const data of [text, bytes]) {
      const js = await hashHex(data, "js");
      assertEquals(await hashHex(data, "webcrypto"), js);
      assertEquals(await hashHex(data, "auto"), js);
    }
  }
  // auto hashes small inputs synchronously with the pure code, large ones through WebCrypto.
  assertEquals(typeof hashHex("x".repeat(AUTO_LIMIT), "auto"), "string");
  assertEquals(hashHex("x".repeat(AUTO_LIMIT + 1), "auto") instanceof Promise, true);
});

Deno.test("property: the signature is the same through WebCrypto and the pure code", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.string({ maxLength: 80 }),
      fc.date({ noInvalidDate: true, min: new Date(0), max: new Date("2199-12-31") }),
      fc.stringMatching(/^[a-z0-9-]{1,15}$/),
      fc.stringMatching(/^[a-z0-9-]{1,15}$/),
      unicodeString({ maxLength: 300 }),
      async (secret, date, region, service, stringToSign) => {
        const day = date.toISOString().slice(0, 10).replaceAll("-", "");
        const js = await signatureHex(secret, day, region, service, stringToSign, "js");
        assertEquals(
          await signatureHex(secret, day, region, service, stringToSign, "webcrypto"),
          js,
        );
        // The cached key gives the same answer a second time.
        assertEquals(await signatureHex(secret, day, region, service, stringToSign, "js"), js);
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("the signing key is derived as documented: HMAC chain over AWS4+secret, day, region, service, aws4_request", async () => {
  // The documented key derivation, done step by step with WebCrypto HMAC.
  const hmac = async (key: Uint8Array, data: string) => {
    const k = await crypto.subtle.importKey(
      "raw",
      new Uint8Array(key),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    return new Uint8Array(await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(data)));
  };
  const secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  let key = new TextEncoder().encode("AWS4" + secret);
  for (const part of ["20120215", "us-east-1", "iam", "aws4_request"]) key = await hmac(key, part);
  const expected = Array.from(await hmac(key, "to sign"), (b) => b.toString(16).padStart(2, "0"))
    .join("");
  for (const mode of ["js", "webcrypto", "auto"] as const) {
    assertEquals(
      await signatureHex(secret, "20120215", "us-east-1", "iam", "to sign", mode),
      expected,
    );
  }
});

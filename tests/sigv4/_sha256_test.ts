// The pure SHA-256/HMAC is accepted only with proof: the NIST and RFC 4231 vectors, and agreement with
// crypto.subtle on random inputs of every length around the block boundaries.
import fc from "fast-check";
import { unicodeString } from "./_arbitraries.ts";
import { assertEquals } from "../assert.ts";
import { hmac, hmacHex, hmacKey, sha256, sha256Hex } from "../../lib/sigv4/_sha256.ts";

const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer | Uint8Array) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
const fromHex = (text: string) => new Uint8Array(text.match(/../g)!.map((h) => parseInt(h, 16)));

async function subtleSha256(data: Uint8Array): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", new Uint8Array(data)));
}

async function subtleHmac(key: Uint8Array, data: Uint8Array): Promise<string> {
  // WebCrypto refuses an empty HMAC key; HMAC pads the key with zeros, so one zero byte is the same key.
  const raw = key.length ? new Uint8Array(key) : new Uint8Array(1);
  const k = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return hex(await crypto.subtle.sign("HMAC", k, new Uint8Array(data)));
}

Deno.test("SHA-256: NIST FIPS 180-4 example vectors", () => {
  const vectors: [string, string][] = [
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ],
    [
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
    ],
    ["a".repeat(1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"],
  ];
  for (const [message, digest] of vectors) {
    assertEquals(sha256Hex(message), digest, `string of ${message.length}`);
    assertEquals(sha256Hex(encoder.encode(message)), digest, `bytes of ${message.length}`);
    assertEquals(hex(sha256(message)), digest);
  }
});

Deno.test("HMAC-SHA256: RFC 4231 test cases 1 to 7", () => {
  const aa131 = new Uint8Array(131).fill(0xaa);
  const cases: [Uint8Array, Uint8Array | string, string][] = [
    [
      new Uint8Array(20).fill(0x0b),
      "Hi There",
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    ],
    [
      encoder.encode("Jefe"),
      "what do ya want for nothing?",
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    ],
    [
      new Uint8Array(20).fill(0xaa),
      new Uint8Array(50).fill(0xdd),
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
    ],
    [
      Uint8Array.from({ length: 25 }, (_, i) => i + 1),
      new Uint8Array(50).fill(0xcd),
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    ],
    // Test case 5 truncates the output to 128 bits.
    [new Uint8Array(20).fill(0x0c), "Test With Truncation", "a3b6167473100ee06e0c796c2955552b"],
    [
      aa131,
      "Test Using Larger Than Block-Size Key - Hash Key First",
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ],
    [
      aa131,
      "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    ],
  ];
  for (const [i, [key, data, mac]] of cases.entries()) {
    const prepared = hmacKey(key);
    assertEquals(hmacHex(prepared, data).slice(0, mac.length), mac, `test case ${i + 1}`);
    assertEquals(hex(hmac(prepared, data)).slice(0, mac.length), mac, `test case ${i + 1}, bytes`);
  }
});

/** Every length from 0 to 200 bytes, then the boundaries of later blocks and of the length field. */
const LENGTHS = [
  ...Array.from({ length: 201 }, (_, i) => i),
  ...[247, 248, 255, 256, 257, 311, 312, 319, 320, 321, 1023, 1024, 1025, 4095, 4096, 4097],
];

Deno.test("SHA-256 agrees with crypto.subtle on random bytes of every length 0..200 and boundaries", async () => {
  for (const length of LENGTHS) {
    const data = crypto.getRandomValues(new Uint8Array(length));
    const expected = await subtleSha256(data);
    assertEquals(sha256Hex(data), expected, `length ${length}`);
    // The same bytes as a view into a larger buffer, at an odd offset.
    const padded = new Uint8Array(length + 7);
    padded.set(data, 3);
    assertEquals(sha256Hex(padded.subarray(3, 3 + length)), expected, `view of length ${length}`);
  }
});

/** A string whose UTF-8 form is about `length` bytes, mixing 1-, 2-, 3- and 4-byte characters. */
function mixedString(length: number, random: () => number): string {
  const pieces = ["a", "Z", "~", "é", "ß", "€", "ሴ", "😀", "\u{10ffff}"];
  let s = "";
  while (encoder.encode(s).length < length) s += pieces[Math.floor(random() * pieces.length)];
  return s;
}

Deno.test("SHA-256 of strings (UTF-8 encoded on the fly) agrees with TextEncoder + crypto.subtle", async () => {
  for (const length of LENGTHS) {
    for (const text of ["x".repeat(length), mixedString(length, Math.random)]) {
      assertEquals(sha256Hex(text), await subtleSha256(encoder.encode(text)), `length ${length}`);
    }
  }
});

const anyString = fc.oneof(
  unicodeString({ maxLength: 300 }),
  fc.string({ unit: "grapheme-ascii", maxLength: 300 }),
  // Lone surrogates and every other UTF-16 unit: TextEncoder writes U+FFFD for a lone one.
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
);

Deno.test("property: SHA-256 of any string or bytes equals crypto.subtle's", async () => {
  await fc.assert(
    fc.asyncProperty(anyString, async (text) => {
      assertEquals(sha256Hex(text), await subtleSha256(encoder.encode(text)));
    }),
    { numRuns: 500 },
  );
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (data) => {
      assertEquals(sha256Hex(data), await subtleSha256(data));
    }),
    { numRuns: 500 },
  );
});

Deno.test("property: HMAC-SHA256 equals crypto.subtle's for keys and messages of any length", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ maxLength: 200 }),
      fc.oneof(fc.uint8Array({ maxLength: 300 }), anyString),
      async (key, message) => {
        const bytes = typeof message === "string" ? encoder.encode(message) : message;
        const expected = await subtleHmac(key, bytes);
        const prepared = hmacKey(key);
        assertEquals(hmacHex(prepared, message), expected);
        // A prepared key is reusable: a second message under it still agrees.
        assertEquals(hmacHex(prepared, bytes), expected);
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("HMAC-SHA256 agrees with crypto.subtle for messages of every length 0..200 and boundaries", async () => {
  const key = crypto.getRandomValues(new Uint8Array(32));
  const prepared = hmacKey(key);
  for (const length of LENGTHS) {
    const data = crypto.getRandomValues(new Uint8Array(length));
    assertEquals(hmacHex(prepared, data), await subtleHmac(key, data), `length ${length}`);
  }
  // Keys at the block size boundary (64 bytes) and past it (hashed first).
  for (const length of [0, 1, 31, 32, 63, 64, 65, 127, 128, 129]) {
    const k = crypto.getRandomValues(new Uint8Array(length));
    assertEquals(hmacHex(hmacKey(k), "message"), await subtleHmac(k, encoder.encode("message")));
  }
  assertEquals(hmacKey("Jefe"), hmacKey(encoder.encode("Jefe")));
  assertEquals(fromHex(sha256Hex("abc")), sha256("abc"));
});

Deno.test("SHA-256 of strings around the reused encoding buffer's size (3 x 8192 bytes)", async () => {
  for (const length of [8191, 8192, 8193]) {
    for (const text of ["€".repeat(length), "😀".repeat(length >> 1), "x".repeat(length)]) {
      assertEquals(sha256Hex(text), await subtleSha256(encoder.encode(text)), `length ${length}`);
    }
  }
  // A long string, then a short one: the short one is not polluted by the long one's bytes.
  sha256Hex("€".repeat(8192));
  assertEquals(
    sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

import fc from "fast-check";
import { assertEquals } from "../assert.ts";
import { crc32 } from "../../lib/transport/crc32.ts";

// The textbook bit-at-a-time CRC-32 (reflected, polynomial 0xEDB88320), as a reference.
function bitwise(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (crc & 1 ? 0xedb88320 : 0);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const text = (s: string) => new TextEncoder().encode(s);

Deno.test("crc32 matches the published check values", () => {
  assertEquals(crc32(new Uint8Array()), 0);
  assertEquals(crc32(text("123456789")), 0xcbf43926);
  assertEquals(crc32(text("The quick brown fox jumps over the lazy dog")), 0x414fa339);
  assertEquals(crc32(new Uint8Array(32)), 0x190a55ad);
});

Deno.test("crc32 equals the bitwise reference at every length around the 16-byte steps", () => {
  const bytes = Uint8Array.from({ length: 80 }, (_, i) => (i * 167 + 13) & 0xff);
  for (let n = 0; n <= bytes.length; n++) {
    for (const offset of [0, 1, 3]) {
      const slice = bytes.subarray(offset, Math.min(bytes.length, offset + n));
      assertEquals(crc32(slice), bitwise(slice), `length ${slice.length} at ${offset}`);
    }
  }
});

Deno.test("crc32 equals the bitwise reference on any bytes", () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
    assertEquals(crc32(bytes), bitwise(bytes));
  }));
});

Deno.test("any single-bit change changes the checksum", () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 1, maxLength: 500 }),
      fc.nat(),
      fc.nat(7),
      (b, i, bit) => {
        const flipped = b.slice();
        flipped[i % b.length] ^= 1 << bit;
        return crc32(flipped) !== crc32(b);
      },
    ),
  );
});

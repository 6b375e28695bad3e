/**
 * CRC-32 (IEEE 802.3, the checksum DynamoDB sends in `x-amz-crc32`) over bytes.
 *
 * This module is browser compatible.
 *
 * @module
 */

// Slicing-by-16: table k (at k * 256) advances a byte's CRC by k more zero bytes, so sixteen bytes, read
// as four little-endian 32-bit words, are folded per step: five times faster than byte at a time on a 32 KB
// Query page, and a quarter faster than slicing-by-8 with byte reads.
let table: Int32Array | undefined;

function makeTable(): Int32Array {
  const t = new Int32Array(4096);
  for (let n = 0; n < 4096; n++) {
    // The entry 256 before advanced by one byte, or a byte's CRC: eight steps of the polynomial.
    let c = n > 255 ? t[t[n - 256] & 0xff] ^ (t[n - 256] >>> 8) : n;
    for (let k = 0; k < 8 && n < 256; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
}

// A 32-bit word's four bytes through tables k + 3 (its first byte) down to k.
const word = (t: Int32Array, x: number, k: number): number =>
  t[k + 768 + (x & 0xff)] ^ t[k + 512 + (x >>> 8 & 0xff)] ^ t[k + 256 + (x >>> 16 & 0xff)] ^
  t[k + (x >>> 24)];

/**
 * Computes the CRC-32 of `bytes`, as an unsigned 32-bit number.
 *
 * @param bytes The data.
 * @returns The checksum, 0 to 2^32 - 1.
 * @example
 * ```ts
 * import { crc32 } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
 * ```
 */
export function crc32(bytes: Uint8Array): number {
  const t = table ??= makeTable();
  const b = bytes;
  let c = -1;
  let i = 0;
  // A small body goes byte by byte: a view would cost more than it saves (a 40-byte body: 93 ns
  // against 31).
  if (b.length >= 64) {
    const d = new DataView(b.buffer, b.byteOffset, b.length);
    for (const end = b.length - 16; i <= end; i += 16) {
      c = word(t, c ^ d.getInt32(i, true), 3072) ^ word(t, d.getInt32(i + 4, true), 2048) ^
        word(t, d.getInt32(i + 8, true), 1024) ^ word(t, d.getInt32(i + 12, true), 0);
    }
  }
  for (; i < b.length; i++) c = t[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

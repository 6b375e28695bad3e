/**
 * CRC-32 (IEEE 802.3, the checksum DynamoDB sends in `x-amz-crc32`) over bytes.
 *
 * This module is browser compatible.
 *
 * @module
 */

// Slicing-by-8: table k (at k * 256) advances a byte's CRC by k more zero bytes, so eight bytes are
// folded per step; about three times faster than byte at a time on a 25 KB Query page.
let table: Int32Array | undefined;

function makeTable(): Int32Array {
  const t = new Int32Array(2048);
  for (let n = 0; n < 2048; n++) {
    // The entry 256 before advanced by one byte, or a byte's CRC: eight steps of the polynomial.
    let c = n > 255 ? t[t[n - 256] & 0xff] ^ (t[n - 256] >>> 8) : n;
    for (let k = 0; k < 8 && n < 256; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
}

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
  for (const end = b.length - 8; i <= end; i += 8) {
    const a = c ^ (b[i] | b[i + 1] << 8 | b[i + 2] << 16 | b[i + 3] << 24);
    c = t[1792 + (a & 0xff)] ^ t[1536 + (a >>> 8 & 0xff)] ^ t[1280 + (a >>> 16 & 0xff)] ^
      t[1024 + (a >>> 24)] ^ t[768 + b[i + 4]] ^ t[512 + b[i + 5]] ^ t[256 + b[i + 6]] ^
      t[b[i + 7]];
  }
  for (; i < b.length; i++) c = t[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

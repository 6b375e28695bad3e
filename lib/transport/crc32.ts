/**
 * CRC-32 (IEEE 802.3, the checksum DynamoDB sends in `x-amz-crc32`) over bytes.
 *
 * This module is browser compatible.
 *
 * @module
 */

let table: Int32Array | undefined;

function makeTable(): Int32Array {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
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
 * import assert from "node:assert/strict";
 *
 * assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
 * ```
 */
export function crc32(bytes: Uint8Array): number {
  const t = table ??= makeTable();
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

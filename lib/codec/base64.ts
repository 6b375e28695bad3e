/**
 * Strict base64 (RFC 4648, standard alphabet, with padding), the form DynamoDB uses for binaries.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { ValidationError } from "../errors.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// The value of each ASCII base64 digit; -1 for any other character, so a group of four that holds one
// has a negative 24-bit value.
const CODES = new Int32Array(128).fill(-1);
for (let i = 0; i < 64; i++) CODES[ALPHABET.charCodeAt(i)] = i;

// The 24 bits of four base64 digits (as char codes); negative when one is not a digit.
function quad(a: number, b: number, c: number, d: number): number {
  return (a | b | c | d) > 127 ? -1 : CODES[a] << 18 | CODES[b] << 12 | CODES[c] << 6 | CODES[d];
}

// Every pair of base64 digits (12 bits), so encoding does one lookup per 12 bits.
const PAIRS: string[] = [];
for (let i = 0; i < 4096; i++) PAIRS.push(ALPHABET[i >> 6] + ALPHABET[i & 63]);

/**
 * Encodes bytes as base64 with padding.
 *
 * @param bytes The bytes.
 * @returns The base64 text.
 */
export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  const n = bytes.length;
  let i = 0;
  for (; i < n - 2; i += 3) {
    const v = bytes[i] << 16 | bytes[i + 1] << 8 | bytes[i + 2];
    out += PAIRS[v >> 12] + PAIRS[v & 4095];
  }
  if (i < n) {
    // One or two bytes left; a missing second byte reads as undefined, which `<<` takes as 0.
    const v = bytes[i] << 16 | bytes[i + 1] << 8;
    out += PAIRS[v >> 12] + (i + 1 < n ? ALPHABET[v >> 6 & 63] + "=" : "==");
  }
  return out;
}

/**
 * Decodes strict base64: length a multiple of 4, only the standard alphabet, `=` only as final padding,
 * and zero unused bits, so each byte string has exactly one encoding.
 *
 * @param text The base64 text.
 * @returns The bytes, or `undefined` when `text` is not strict base64.
 */
export function base64ToBytes(text: string): Uint8Array | undefined {
  const len = text.length;
  // 61 is "="; charCodeAt(-1) is NaN.
  const pad = text.charCodeAt(len - 1) !== 61 ? 0 : text.charCodeAt(len - 2) === 61 ? 2 : 1;
  if (len & 3) return undefined;
  const out = new Uint8Array(len / 4 * 3 - pad);
  const full = len - (pad && 4);
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const v = quad(
      text.charCodeAt(i),
      text.charCodeAt(i + 1),
      text.charCodeAt(i + 2),
      text.charCodeAt(i + 3),
    );
    if (v < 0) return undefined;
    out[o++] = v >> 16;
    out[o++] = v >> 8;
    out[o++] = v;
  }
  if (pad) {
    // The padded group is read with "A" (65, zero bits) in place of each "=", and the bits the padding
    // leaves unused must be zero. With two "=" the second byte falls past the end, where a typed array
    // ignores writes.
    const v = quad(
      text.charCodeAt(full),
      text.charCodeAt(full + 1),
      pad > 1 ? 65 : text.charCodeAt(full + 2),
      65,
    );
    if (v < 0 || v & (pad > 1 ? 0xffff : 0xff)) return undefined;
    out[o++] = v >> 16;
    out[o] = v >> 8;
  }
  return out;
}

/**
 * Decodes strict base64 (see `base64ToBytes`).
 *
 * @param text The base64 text.
 * @returns The bytes.
 * @throws {ValidationError} When `text` is not strict base64.
 */
export function decodeBase64(text: string): Uint8Array {
  const bytes = base64ToBytes(text);
  if (bytes === undefined) {
    throw new ValidationError("bad base64", {
      found: JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text),
      allowed: "padded standard base64",
    });
  }
  return bytes;
}

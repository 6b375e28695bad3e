/**
 * Strict base64 (RFC 4648, standard alphabet, with padding), the form DynamoDB uses for binaries.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { ValidationError } from "../errors.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const CODES = new Uint8Array(128).fill(64);
for (let i = 0; i < 64; i++) CODES[ALPHABET.charCodeAt(i)] = i;

function code(text: string, i: number): number {
  const x = text.charCodeAt(i);
  return x < 128 ? CODES[x] : 64;
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
  const n = bytes.length - 2;
  let i = 0;
  for (; i < n; i += 3) {
    const v = bytes[i] << 16 | bytes[i + 1] << 8 | bytes[i + 2];
    out += PAIRS[v >> 12] + PAIRS[v & 4095];
  }
  if (i === n) {
    const v = bytes[i] << 16 | bytes[i + 1] << 8;
    out += PAIRS[v >> 12] + ALPHABET[v >> 6 & 63] + "=";
  } else if (i === n + 1) out += PAIRS[bytes[i] << 4] + "==";
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
  if (len % 4 !== 0) return undefined;
  const pad = len === 0 || text.charCodeAt(len - 1) !== 61
    ? 0
    : text.charCodeAt(len - 2) === 61
    ? 2
    : 1;
  const out = new Uint8Array((len >> 2) * 3 - pad);
  const full = len - (pad ? 4 : 0);
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const a = code(text, i), b = code(text, i + 1), c = code(text, i + 2), d = code(text, i + 3);
    if ((a | b | c | d) > 63) return undefined;
    out[o++] = a << 2 | b >> 4;
    out[o++] = (b & 15) << 4 | c >> 2;
    out[o++] = (c & 3) << 6 | d;
  }
  if (pad) {
    const a = code(text, full), b = code(text, full + 1), c = pad === 1 ? code(text, full + 2) : 0;
    if ((a | b | c) > 63 || (pad === 2 ? b & 15 : c & 3)) return undefined;
    out[o++] = a << 2 | b >> 4;
    if (pad === 1) out[o] = (b & 15) << 4 | c >> 2;
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

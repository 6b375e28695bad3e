/**
 * Strict base64 (RFC 4648, standard alphabet, with padding), the form DynamoDB uses for binaries.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { ValidationError } from "../errors.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// Uint8Array.fromBase64 and toBase64 where the runtime has them (Deno, Bun, Workers, current browsers),
// otherwise a small loop and atob.
const NATIVE = typeof Uint8Array.fromBase64 === "function";
const STRICT = { lastChunkHandling: "strict" } as const;

/**
 * Encodes bytes as base64 with padding.
 *
 * @param bytes The bytes.
 * @returns The base64 text.
 */
export function encodeBase64(bytes: Uint8Array): string {
  return NATIVE ? bytes.toBase64() : encodeBase64Portable(bytes);
}

/**
 * `encodeBase64` for runtimes without `Uint8Array.prototype.toBase64`.
 *
 * @param bytes The bytes.
 * @returns The base64 text.
 */
export function encodeBase64Portable(bytes: Uint8Array): string {
  const n = bytes.length;
  let out = "";
  // Past the end, bytes[i] is undefined, which the shifts read as 0; the padding replaces what it made.
  for (let i = 0; i < n; i += 3) {
    const v = bytes[i] << 16 | bytes[i + 1] << 8 | bytes[i + 2];
    out += ALPHABET[v >> 18] + ALPHABET[v >> 12 & 63] + ALPHABET[v >> 6 & 63] + ALPHABET[v & 63];
  }
  const pad = (3 - n % 3) % 3;
  return out.slice(0, out.length - pad) + "==".slice(2 - pad);
}

/**
 * Decodes strict base64: length a multiple of 4, only the standard alphabet, `=` only as final padding,
 * and zero unused bits, so each byte string has exactly one encoding.
 *
 * @param text The base64 text.
 * @returns The bytes, or `undefined` when `text` is not strict base64.
 */
export function base64ToBytes(text: string): Uint8Array | undefined {
  if (!NATIVE) return base64ToBytesPortable(text);
  let out: Uint8Array;
  try {
    out = Uint8Array.fromBase64(text, STRICT);
  } catch {
    return undefined;
  }
  // The strict mode still skips whitespace: the canonical encoding of the bytes is exactly this long.
  return ((out.length + 2) / 3 | 0) * 4 === text.length ? out : undefined;
}

/**
 * `base64ToBytes` for runtimes without `Uint8Array.fromBase64`.
 *
 * @param text The base64 text.
 * @returns The bytes, or `undefined` when `text` is not strict base64.
 */
export function base64ToBytesPortable(text: string): Uint8Array | undefined {
  let s: string;
  try {
    s = atob(text);
  } catch {
    return undefined;
  }
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  // atob skips whitespace and takes missing padding and unused bits that are not zero: only the one
  // canonical encoding of the bytes is strict base64.
  return encodeBase64Portable(out) === text ? out : undefined;
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

/**
 * SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) in plain TypeScript, synchronous and allocation-free
 * on the hot path: strings are UTF-8 encoded into a reused buffer (`encodeInto`, measured faster than
 * encoding character by character), whole blocks are read from it as words, and an HMAC key is kept as
 * the two hash states after its padded blocks, so signing with it costs no key schedule.
 *
 * WebCrypto pays an async round trip of tens of microseconds per call whatever the input size; for the
 * few hundred bytes a signature hashes, this code is several times faster. Every message is hashed whole
 * (no streaming), and the module keeps one shared working state, which is safe because every function
 * here runs to completion synchronously.
 *
 * This module is browser compatible.
 *
 * @module
 */

const K = new Int32Array(64);
const H0 = new Int32Array(8);
// The constants are the first 32 bits of the fractional parts of the square roots (H0) and cube roots (K)
// of the first primes; computing them is smaller than spelling them out, and the NIST vectors pin them.
for (let p = 2, n = 0; n < 64; p++) {
  let prime = true;
  for (let d = 2; d * d <= p; d++) if (p % d === 0) prime = false;
  if (!prime) continue;
  if (n < 8) H0[n] = frac(Math.sqrt(p));
  K[n++] = frac(Math.cbrt(p));
}

function frac(x: number): number {
  return x % 1 * 0x100000000 | 0;
}

/** Two-digit lower-case hex for every byte value. */
export const HEX: readonly string[] = Array.from(
  { length: 256 },
  (_, i) => (i + 256).toString(16).slice(1),
);

const W = new Int32Array(64);
const H = new Int32Array(8);
/** The last block or two of a message: its last bytes, the 0x80 byte, zeros and the bit length. */
const tail = new Uint8Array(128);
const tailView = new DataView(tail.buffer);
const encoder = new TextEncoder();
/**
 * Where strings are UTF-8 encoded before hashing; reused, so that the strings the signer hashes itself
 * (up to 8192 characters) cost no allocation.
 */
const scratch = new Uint8Array(3 * 8192);

/**
 * Compresses the block in `W` (its first 16 words) into `H`. The rotations are written out: a helper
 * function for them measured 11-15% slower (not always inlined).
 */
function compress(): void {
  const w = W;
  let a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
  for (let i = 0; i < 64; i++) {
    // The schedule word in a local: read back from the array it was just stored in, it costs Node 20
    // ~10% of the hash.
    let x = w[i];
    if (i > 15) {
      const p = w[i - 15], q = w[i - 2];
      x = w[i] = ((p >>> 7 | p << 25) ^ (p >>> 18 | p << 14) ^ p >>> 3) +
          ((q >>> 17 | q << 15) ^ (q >>> 19 | q << 13) ^ q >>> 10) +
          w[i - 7] + w[i - 16] | 0;
    }
    const t1 =
      h + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) + (g ^ e & (f ^ g)) +
        K[i] + x | 0;
    const t2 =
      ((a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10)) + (a & b | c & (a | b)) |
      0;
    h = g;
    g = f;
    f = e;
    e = d + t1 | 0;
    d = c;
    c = b;
    b = a;
    a = t1 + t2 | 0;
  }
  H[0] = H[0] + a | 0;
  H[1] = H[1] + b | 0;
  H[2] = H[2] + c | 0;
  H[3] = H[3] + d | 0;
  H[4] = H[4] + e | 0;
  H[5] = H[5] + f | 0;
  H[6] = H[6] + g | 0;
  H[7] = H[7] + h | 0;
}

/** Starts from the state at `state[at..at+8]`. */
function start(state: Int32Array, at: number): void {
  for (let j = 0; j < 8; j++) H[j] = state[at + j];
}

/** Compresses the 64 bytes of `data` at `at`. */
function block(data: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++, at += 4) {
    W[i] = data[at] << 24 | data[at + 1] << 16 | data[at + 2] << 8 | data[at + 3];
  }
  compress();
}

/**
 * Hashes `data` whole from the state at `state[at..at+8]`, as if `before` bytes (0, or one key block)
 * came first; the digest is left in `H`.
 */
function digest(data: string | Uint8Array, state: Int32Array, at: number, before: number): void {
  start(state, at);
  let n = data.length;
  if (typeof data === "string") {
    if (n > 8192) n = (data = encoder.encode(data)).length;
    else {
      n = encoder.encodeInto(data, scratch).written;
      data = scratch;
    }
  }
  let i = 0;
  for (; i + 64 <= n; i += 64) block(data, i);
  tail.fill(0);
  for (let j = 0; i < n;) tail[j++] = data[i++];
  const rest = n & 63, end = rest < 56 ? 64 : 128, bits = (before + n) * 8;
  tail[rest] = 0x80;
  tailView.setUint32(end - 8, bits / 0x100000000);
  tailView.setUint32(end - 4, bits);
  block(tail, 0);
  if (end > 64) block(tail, 64);
}

function hexState(): string {
  let s = "";
  for (let j = 0; j < 8; j++) {
    const x = H[j];
    s += HEX[x >>> 24] + HEX[x >>> 16 & 255] + HEX[x >>> 8 & 255] + HEX[x & 255];
  }
  return s;
}

function bytesState(): Uint8Array {
  const out = new Uint8Array(32);
  for (let j = 0; j < 32; j++) out[j] = H[j >> 2] >>> ((3 - (j & 3)) << 3);
  return out;
}

/**
 * The SHA-256 digest of `data` (a string is hashed as UTF-8, lone surrogates as U+FFFD), as bytes.
 *
 * @param data The message.
 * @returns The 32-byte digest.
 */
export function sha256(data: string | Uint8Array): Uint8Array {
  digest(data, H0, 0, 0);
  return bytesState();
}

/**
 * The SHA-256 digest of `data` as 64 lower-case hex digits.
 *
 * @param data The message.
 * @returns The hex digest.
 */
export function sha256Hex(data: string | Uint8Array): string {
  digest(data, H0, 0, 0);
  return hexState();
}

/**
 * An HMAC-SHA256 key prepared once: the hash states after the inner (key XOR 0x36) and outer
 * (key XOR 0x5c) blocks, in 16 words.
 *
 * @param key The raw key, of any length.
 * @returns The prepared key.
 */
export function hmacKey(key: string | Uint8Array): Int32Array {
  let k = typeof key === "string" ? encoder.encode(key) : key;
  if (k.length > 64) k = sha256(k);
  const state = new Int32Array(16);
  for (let half = 0; half < 2; half++) {
    for (let i = 0; i < 64; i++) tail[i] = (k[i] ?? 0) ^ (half ? 0x5c : 0x36);
    start(H0, 0);
    block(tail, 0);
    state.set(H, half * 8);
  }
  return state;
}

/** HMAC of `message` under `key`, left in `H`: the inner hash, then the outer one over its digest. */
function hmacRun(key: Int32Array, message: string | Uint8Array): void {
  digest(message, key, 0, 64);
  // The outer message is the inner digest: one block with its padding and bit length (64 + 32 bytes).
  W.set(H);
  W.fill(0, 8, 16);
  W[8] = 1 << 31;
  W[15] = 768;
  start(key, 8);
  compress();
}

/**
 * HMAC-SHA256 of `message` under a key from `hmacKey`, as bytes.
 *
 * @param key The prepared key.
 * @param message The message (a string is UTF-8).
 * @returns The 32-byte MAC.
 */
export function hmac(key: Int32Array, message: string | Uint8Array): Uint8Array {
  hmacRun(key, message);
  return bytesState();
}

/**
 * HMAC-SHA256 of `message` under a key from `hmacKey`, as 64 lower-case hex digits.
 *
 * @param key The prepared key.
 * @param message The message (a string is UTF-8).
 * @returns The hex MAC.
 */
export function hmacHex(key: Int32Array, message: string | Uint8Array): string {
  hmacRun(key, message);
  return hexState();
}

/**
 * The steps every SigV4 signature shares, whatever it signs and however it hashes: the `x-amz-date`,
 * header value canonicalization, the credential scope, the cached signing key of the pure path, and the
 * `Authorization` header.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { hmac, hmacKey } from "./_sha256.ts";

export const ALGORITHM = "AWS4-HMAC-SHA256";

/**
 * Past this length WebCrypto's native speed outweighs its fixed async cost (`hashing: "auto"`). Measured
 * here, a client's whole BatchWriteItem call on an in-memory transport: Deno's digest runs on another
 * thread, and the pure code stays ahead up to ~128 KB (14 KB bodies 144 us against 186, 56 KB 559
 * against 723); in Bun they cross at ~20 KB, in Node 20 (on fetch) at ~64 KB, and in isolation at ~8 KB.
 * The runtime is told by `navigator.userAgent` (a web-platform global), which only moves this threshold:
 * both paths give the same signature.
 */
export const AUTO_LIMIT: number =
  /* @__PURE__ */ ((ua = globalThis.navigator?.userAgent ?? "") =>
    ua.startsWith("Deno/") ? 1 << 17 : ua.startsWith("Bun/") ? 20480 : 8192)();

let lastTime = NaN;
let lastDate = "";

/** `20150830T123600Z` for `date`; the last one is remembered, as requests come many per second. */
export function formatDate(date: Date): string {
  const time = Math.floor(date.getTime() / 1000);
  if (time !== lastTime) {
    lastDate = date.toISOString().replace(/[-:]|\.\d+/g, "");
    lastTime = time;
  }
  return lastDate;
}

/**
 * A header value as SigV4 signs it: every run of HTTP whitespace (space, tab, CR, LF; a folded line
 * included) made one space, then leading and trailing space removed.
 */
export function canonicalValue(value: string): string {
  if (!/[\t\r\n]|^ | $| {2}/.test(value)) return value;
  return value.replace(/[ \t\r\n]+/g, " ").replace(/^ | $/g, "");
}

/** The credential scope, `day/region/service/aws4_request`, of a signature at `amzDate`. */
export function scopeOf(amzDate: string, region: string, service: string): string {
  return `${amzDate.slice(0, 8)}/${region}/${service}/aws4_request`;
}

/** Caches `value` as `id` in `cache`, which keeps the newest 32. */
export function remember<T>(cache: Map<string, T>, id: string, value: T): T {
  if (cache.size > 31) cache.delete(cache.keys().next().value!);
  cache.set(id, value);
  return value;
}

const keys = new Map<string, Int32Array>();

/**
 * The signing key of `secret` for `scope` (`day/region/service/aws4_request`), derived by the pure HMAC
 * and cached as prepared HMAC state, so that a signature with it costs no key schedule. `region` and
 * `service` must not contain `/`, which keeps the cache key unambiguous.
 */
export function signingKey(secret: string, scope: string): Int32Array {
  const id = scope + "/" + secret;
  let key = keys.get(id);
  if (!key) {
    key = hmacKey("AWS4" + secret);
    for (const part of scope.split("/")) key = hmacKey(hmac(key, part));
    remember(keys, id, key);
  }
  return key;
}

/** The `Authorization` header of a signature. */
export function authorization(
  accessKeyId: string,
  scope: string,
  signedHeaders: string,
  signature: string,
): string {
  return `${ALGORITHM} Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

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
 * Past this length WebCrypto's native speed outweighs its fixed async cost (`hashing: "auto"`): measured
 * on a loaded 2-core machine, the pure code hashes 4 KB in 20 us against WebCrypto's 43 us, and they
 * cross near 8 KB. Where they cross inside a whole call depends on the runtime, which the core does not
 * ask about: Deno's digest runs on another thread and loses up to ~128 KB (a 14 KB BatchWriteItem call
 * 186 us against 144 on the pure path), Bun's up to ~20 KB, Node 20's (on fetch) up to ~64 KB, while
 * workerd's is in-thread and wins from 4 KB (16 KB: 25 us against 110). `hashing: "js"` is the choice
 * for batch writes in Deno and Bun.
 */
export const AUTO_LIMIT = 8192;

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

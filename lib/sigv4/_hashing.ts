/**
 * The two ways a signature is computed: the pure TypeScript SHA-256 and HMAC of `_sha256.ts`, and
 * WebCrypto (`crypto.subtle`, in `_webcrypto.ts`, loaded on first use). Both cache the derived signing
 * key per (secret, day, region, service), bounded: the pure path as prepared HMAC state, WebCrypto as an
 * imported `CryptoKey`.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { hmac, hmacHex, hmacKey, sha256Hex } from "./_sha256.ts";

/**
 * Which SHA-256/HMAC implementation signs: `"js"` the verified pure TypeScript one, `"webcrypto"`
 * `crypto.subtle`, and `"auto"` the pure one, except that bodies over 8 KiB are hashed by WebCrypto.
 */
export type Hashing = "auto" | "webcrypto" | "js";

/**
 * Past this length WebCrypto's native speed outweighs its fixed async cost: measured on a loaded 2-core
 * machine, the pure code hashes 4 KB in 20 us against WebCrypto's 43 us, and they cross near 8 KB.
 */
const AUTO_LIMIT = 8192;
const MAX_KEYS = 32;

const jsKeys = new Map<string, Int32Array>();
let web: typeof import("./_webcrypto.ts") | undefined;
let loading: Promise<typeof import("./_webcrypto.ts")> | undefined;

/** The WebCrypto path, loaded on first use. */
function webcrypto(): Promise<typeof import("./_webcrypto.ts")> {
  return loading ??= import("./_webcrypto.ts").then((m) => web = m);
}

/** Caches `value` as `id` in `cache`, which keeps the newest `MAX_KEYS`. */
export function remember<T>(cache: Map<string, T>, id: string, value: T): T {
  if (cache.size >= MAX_KEYS) cache.delete(cache.keys().next().value!);
  cache.set(id, value);
  return value;
}

/** SHA-256 of `data` in hex, by `mode`. */
export function hashHex(data: string | Uint8Array, mode: Hashing): string | Promise<string> {
  if (mode === "js" || mode === "auto" && data.length <= AUTO_LIMIT) return sha256Hex(data);
  return web ? web.digestHex(data) : webcrypto().then((m) => m.digestHex(data));
}

/**
 * The SigV4 signature of `stringToSign` in hex, with the signing key derived from `secret` over
 * `day/region/service/aws4_request` (and cached).
 *
 * `region` and `service` must not contain `/`, which keeps the cache key unambiguous.
 */
export function signatureHex(
  secret: string,
  day: string,
  region: string,
  service: string,
  stringToSign: string,
  mode: Hashing,
): string | Promise<string> {
  const id = `${day}/${region}/${service}/${secret}`;
  if (mode !== "webcrypto") {
    let key = jsKeys.get(id);
    if (!key) {
      let k = hmacKey("AWS4" + secret);
      for (const part of [day, region, service, "aws4_request"]) k = hmacKey(hmac(k, part));
      key = remember(jsKeys, id, k);
    }
    return hmacHex(key, stringToSign);
  }
  const scope = [day, region, service, "aws4_request"];
  return web
    ? web.signatureHex(id, secret, scope, stringToSign)
    : webcrypto().then((m) => m.signatureHex(id, secret, scope, stringToSign));
}

/**
 * The two ways the general signer (`_sign.ts`) computes a signature: the pure TypeScript SHA-256 and HMAC
 * of `_sha256.ts`, and WebCrypto (`crypto.subtle`, in `_webcrypto.ts`, loaded on first use). Both cache
 * the derived signing key per (secret, day, region, service), bounded: the pure path as prepared HMAC
 * state (`signingKey`), WebCrypto as an imported `CryptoKey`. The client's own requests take the pure
 * path of `_json_post.ts` and never load this module.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { hmacHex, sha256Hex } from "./_sha256.ts";
import { AUTO_LIMIT, signingKey } from "./_signature.ts";

/**
 * Which SHA-256/HMAC implementation signs: `"js"` the verified pure TypeScript one, `"webcrypto"`
 * `crypto.subtle`, and `"auto"` the pure one, except that bodies over 8 KiB are hashed by WebCrypto.
 */
export type Hashing = "auto" | "webcrypto" | "js";

let web: typeof import("./_webcrypto.ts") | undefined;
let loading: Promise<typeof import("./_webcrypto.ts")> | undefined;

/** The WebCrypto path, loaded on first use. */
function webcrypto(): Promise<typeof import("./_webcrypto.ts")> {
  return loading ??= import("./_webcrypto.ts").then((m) => web = m);
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
  if (mode !== "webcrypto") {
    return hmacHex(signingKey(secret, `${day}/${region}/${service}/aws4_request`), stringToSign);
  }
  const scope = [day, region, service, "aws4_request"];
  const id = `${day}/${region}/${service}/${secret}`;
  return web
    ? web.signatureHex(id, secret, scope, stringToSign)
    : webcrypto().then((m) => m.signatureHex(id, secret, scope, stringToSign));
}

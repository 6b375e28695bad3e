/**
 * The WebCrypto (`crypto.subtle`) path of `_hashing.ts`, loaded on first use: with `hashing: "webcrypto"`,
 * or for a body over 8 KiB. The derived signing key is cached as an imported `CryptoKey`.
 *
 * This module is browser compatible.
 *
 * @module
 */
import "./mod.ts"; // for bundlers: see mod.ts
import { remember } from "./_signature.ts";
import { HEX } from "./_sha256.ts";

const encoder = new TextEncoder();
/** A signing key: the derivation while it runs, then the key itself (no promise hop). */
const webKeys = new Map<string, CryptoKey | Promise<CryptoKey>>();

function hex(buffer: ArrayBuffer): string {
  let s = "";
  for (const b of new Uint8Array(buffer)) s += HEX[b];
  return s;
}

/** SHA-256 of `data` in hex. */
export function digestHex(data: string | Uint8Array): Promise<string> {
  // WebCrypto takes no view on a shared buffer: such a view is copied.
  const bytes = typeof data === "string"
    ? encoder.encode(data)
    : data.buffer instanceof ArrayBuffer
    ? new Uint8Array(data.buffer, data.byteOffset, data.length)
    : new Uint8Array(data);
  return crypto.subtle.digest("SHA-256", bytes).then(hex);
}

function importHmac(raw: BufferSource): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

async function deriveWebKey(secret: string, scope: readonly string[]): Promise<CryptoKey> {
  let key: BufferSource = encoder.encode("AWS4" + secret);
  for (const part of scope) {
    key = await crypto.subtle.sign("HMAC", await importHmac(key), encoder.encode(part));
  }
  return importHmac(key);
}

/** The signature of `stringToSign` in hex with the key of `secret` for `scope`; `id` names the key. */
export function signatureHex(
  id: string,
  secret: string,
  scope: string[],
  stringToSign: string,
): Promise<string> {
  const sign = (k: CryptoKey) =>
    crypto.subtle.sign("HMAC", k, encoder.encode(stringToSign)).then(hex);
  let entry = webKeys.get(id);
  if (!entry) {
    const derived = deriveWebKey(secret, scope);
    entry = remember(webKeys, id, derived);
    // Once derived, the key replaces its promise (unless evicted meanwhile); a failure is forgotten.
    derived.then(
      (key) => webKeys.get(id) === derived && webKeys.set(id, key),
      () => webKeys.delete(id),
    );
  }
  return entry instanceof Promise ? entry.then(sign) : sign(entry);
}

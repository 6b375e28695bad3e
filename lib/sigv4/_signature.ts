/**
 * The steps every SigV4 signature shares, whatever it signs: the `x-amz-date`, header value
 * canonicalization, the credential scope, the string to sign and its signature, and the `Authorization`
 * header.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { hashHex, type Hashing, signatureHex } from "./_hashing.ts";

export const ALGORITHM = "AWS4-HMAC-SHA256";

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

/**
 * The string to sign of `canonicalRequest` and its signature (task 2 and 3), with the key of `secret`
 * for the scope of `amzDate`, `region` and `service`; synchronous on the pure path, so that no promise
 * hop is paid there.
 */
export function signCanonical(
  canonicalRequest: string,
  amzDate: string,
  region: string,
  service: string,
  secret: string,
  mode: Hashing,
): Signature | Promise<Signature> {
  const hash = hashHex(canonicalRequest, mode);
  return typeof hash === "string"
    ? signHash(hash, amzDate, region, service, secret, mode)
    : hash.then((h) => signHash(h, amzDate, region, service, secret, mode));
}

function signHash(
  hash: string,
  amzDate: string,
  region: string,
  service: string,
  secret: string,
  mode: Hashing,
): Signature | Promise<Signature> {
  const stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scopeOf(amzDate, region, service) +
    "\n" + hash;
  const signature = signatureHex(secret, amzDate.slice(0, 8), region, service, stringToSign, mode);
  return typeof signature === "string"
    ? [stringToSign, signature]
    : signature.then((s) => [stringToSign, s]);
}

/** The string to sign and the signature. */
export type Signature = [stringToSign: string, signature: string];

/** The `Authorization` header of a signature. */
export function authorization(
  accessKeyId: string,
  scope: string,
  signedHeaders: string,
  signature: string,
): string {
  return `${ALGORITHM} Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

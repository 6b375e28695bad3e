/**
 * The client's hot path: signing a DynamoDB JSON POST to an endpoint's root, exactly as `signRequest`
 * would, synchronously with the pure SHA-256/HMAC and without the general canonicalization of arbitrary
 * paths, queries and headers, so that an application that never calls `signRequest` or `presignUrl`
 * does not bundle it. Any other URL, `hashing: "webcrypto"` and bodies WebCrypto hashes faster (over
 * 8 KiB with `"auto"`, unless the caller has the body's hash from a native SHA-256) go to the general
 * signer, which loads on first use.
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { Credentials } from "./credentials.ts";
import type { Hashing } from "./_hashing.ts";
import { signRequest } from "./sign.ts";
import { checkSigning } from "./_check.ts";
import { hmacHex, sha256Hex } from "./_sha256.ts";
import {
  ALGORITHM,
  authorization,
  AUTO_LIMIT,
  canonicalValue,
  formatDate,
  scopeOf,
  signingKey,
} from "./_signature.ts";

const CONTENT_TYPE = "application/x-amz-json-1.0";
/** A URL whose canonical form is its host alone: http(s), no user info, path `/` or none, no query. */
const ROOT = /^(https?):\/\/([a-z\d.:[\]-]+)\/?$/i;

/**
 * The headers `signRequest` returns for `{ method: "POST", url, headers: { "content-type":
 * "application/x-amz-json-1.0", "x-amz-target": target }, body }` with `{ credentials, region, service,
 * date, hashing }`, in the same order: content-type, x-amz-target, x-amz-security-token (with a session
 * token), x-amz-date and authorization.
 *
 * `bodyHash`, the body's SHA-256 in lower-case hex from a native implementation (the Node transport's),
 * is used under `"auto"` at any size in place of hashing the body here.
 *
 * @throws {ValidationError} (as a rejection) Where `signRequest` would.
 */
export async function signJsonPost(
  url: string,
  target: string,
  body: string,
  credentials: Credentials,
  region: string,
  service: string,
  date: Date,
  hashing?: Hashing,
  bodyHash?: string,
): Promise<Record<string, string>> {
  const mode = hashing ?? "auto";
  checkSigning(credentials, region, service, date, mode);
  const m = ROOT.exec(url);
  const headers: Record<string, string> = { "content-type": CONTENT_TYPE, "x-amz-target": target };
  const given = mode === "auto" && bodyHash;
  if (!m || mode === "webcrypto" || !given && mode === "auto" && body.length > AUTO_LIMIT) {
    return (await signRequest(
      { method: "POST", url, headers, body },
      { credentials, region, service, date, hashing },
    )).headers;
  }
  const port = m[1].length > 4 ? ":443" : ":80";
  let host = m[2].toLowerCase();
  if (host.endsWith(port)) host = host.slice(0, -port.length);
  const amzDate = formatDate(date);
  const scope = scopeOf(amzDate, region, service);
  const token = credentials.sessionToken;
  // The signed headers, sorted by name.
  const names = "content-type;host;x-amz-date;" + (token ? "x-amz-security-token;" : "") +
    "x-amz-target";
  const canonical = "POST\n/\n\ncontent-type:" + CONTENT_TYPE + "\nhost:" + host + "\nx-amz-date:" +
    amzDate + "\n" + (token ? "x-amz-security-token:" + canonicalValue(token) + "\n" : "") +
    "x-amz-target:" + canonicalValue(target) + "\n\n" + names + "\n" + (given || sha256Hex(body));
  // In the order signRequest gives: the headers passed, the session token, the date, the signature.
  if (token) headers["x-amz-security-token"] = token;
  headers["x-amz-date"] = amzDate;
  headers.authorization = authorization(
    credentials.accessKeyId,
    scope,
    names,
    hmacHex(
      signingKey(credentials.secretAccessKey, scope),
      ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonical),
    ),
  );
  return headers;
}

/**
 * The client's hot path: signing a DynamoDB JSON POST to an endpoint's root, exactly as `signRequest`
 * would, without the general canonicalization of arbitrary paths, queries and headers, so that an
 * application that never calls `signRequest` or `presignUrl` does not bundle it. Any other URL is handed
 * to `signRequest`, whose general signer loads on first use.
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { Credentials } from "./credentials.ts";
import { signRequest } from "./sign.ts";
import { checkSigning } from "./_check.ts";
import { hashHex, type Hashing } from "./_hashing.ts";
import { authorization, canonicalValue, formatDate, scopeOf, signCanonical } from "./_signature.ts";

const CONTENT_TYPE = "application/x-amz-json-1.0";
/** A URL whose canonical form is its host alone: http(s), no user info, path `/` or none, no query. */
const ROOT = /^(https?):\/\/([a-z\d.:[\]-]+)\/?$/i;

/**
 * The headers `signRequest` returns for `{ method: "POST", url, headers: { "content-type":
 * "application/x-amz-json-1.0", "x-amz-target": target }, body }` with `{ credentials, region, service,
 * date, hashing }`, in the same order: content-type, x-amz-target, x-amz-security-token (with a session
 * token), x-amz-date and authorization.
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
): Promise<Record<string, string>> {
  const mode = hashing ?? "auto";
  checkSigning(credentials, "POST", region, service, body, date, mode);
  const m = ROOT.exec(url);
  if (!m) {
    return (await signRequest(
      {
        method: "POST",
        url,
        headers: { "content-type": CONTENT_TYPE, "x-amz-target": target },
        body,
      },
      { credentials, region, service, date, hashing },
    )).headers;
  }
  const port = m[1].length > 4 ? ":443" : ":80";
  let host = m[2].toLowerCase();
  if (host.endsWith(port)) host = host.slice(0, -port.length);
  // Started before the canonical request is built, so that WebCrypto works meanwhile.
  const bodyHash = hashHex(body, mode);
  const amzDate = formatDate(date);
  const scope = scopeOf(amzDate, region, service);
  const token = credentials.sessionToken;
  // The signed headers, sorted by name.
  const signed: [string, string][] = [
    ["content-type", CONTENT_TYPE],
    ["host", host],
    ["x-amz-date", amzDate],
    ...(token ? [["x-amz-security-token", token] as [string, string]] : []),
    ["x-amz-target", target],
  ];
  const names = signed.map(([name]) => name).join(";");
  let canonical = "POST\n/\n\n";
  for (const [name, value] of signed) canonical += name + ":" + canonicalValue(value) + "\n";
  const signing = signCanonical(
    canonical + "\n" + names + "\n" + (typeof bodyHash === "string" ? bodyHash : await bodyHash),
    amzDate,
    region,
    service,
    credentials.secretAccessKey,
    mode,
  );
  const [, signature] = signing instanceof Promise ? await signing : signing;
  // In the order signRequest gives: the headers passed, the session token, the date, the signature.
  return Object.fromEntries([
    signed[0],
    signed[token ? 4 : 3],
    ...signed.slice(3, token ? 4 : 3),
    signed[2],
    ["authorization", authorization(credentials.accessKeyId, scope, names, signature)],
  ]);
}

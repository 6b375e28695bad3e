/**
 * The general SigV4 signer behind `signRequest`, `presignUrl` and `signingStages`: any method, URL,
 * headers and body, signed in the header or presigned in the query string. Loaded on first use of those.
 *
 * This module is browser compatible.
 *
 * @module
 */
import "./mod.ts"; // for bundlers: see mod.ts
import { ValidationError } from "../errors.ts";
import { canonicalQuery, canonicalUri, splitUrl, uriEncode } from "./_canonical.ts";
import { checkSigning, kind, need } from "./_check.ts";
import { hashHex, signatureHex } from "./_hashing.ts";
import { ALGORITHM, authorization, canonicalValue, formatDate, scopeOf } from "./_signature.ts";
import type {
  HeadersInput,
  SignableRequest,
  SignedRequest,
  SigningStages,
  SignOptions,
} from "./sign.ts";

/** A signature's stages, and the headers and URL to send. */
export interface Signed extends SigningStages {
  headers: Map<string, string>;
  url: string;
}

/** SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/**
 * Headers that proxies and runtimes add or change, which are therefore sent but not signed (with any
 * `proxy-*` or `sec-*` header).
 */
const UNSIGNED = new Set(
  ("authorization cache-control connection expect from keep-alive max-forwards pragma referer te " +
    "trailer transfer-encoding upgrade user-agent x-amzn-trace-id").split(" "),
);
const TOKEN = /^[\w!#$%&'*+.^`|~-]+$/;

function headerEntries(headers: HeadersInput | undefined): Iterable<readonly [string, string]> {
  if (headers === undefined) return [];
  need(
    typeof headers === "object" && headers,
    "request.headers",
    "a record, a Headers or [name, value] pairs",
    headers,
  );
  return Symbol.iterator in headers ? headers : Object.entries(headers);
}

/** Signs `request`; presigns it with `expiresIn`. */
export async function sign(
  request: SignableRequest,
  options: SignOptions,
  expiresIn?: number,
): Promise<Signed> {
  need(typeof request === "object" && request, "request", "an object", request);
  need(typeof options === "object" && options, "options", "an object", options);
  const { method, body } = request;
  const { region, service } = options;
  const date = options.date ?? new Date();
  const mode = options.hashing ?? "auto";
  need(typeof method === "string" && method, "request.method", "a non-empty string", method);
  need(
    body === undefined || typeof body === "string" || body instanceof Uint8Array,
    "request.body",
    "a string or a Uint8Array",
    body,
  );
  const credentials = checkSigning(options.credentials, region, service, date, mode);
  const presign = expiresIn !== undefined;
  const send = new Map<string, string>();
  const signed = new Map<string, string>();
  for (const entry of headerEntries(request.headers)) {
    const [name, value] = entry;
    need(
      typeof name === "string" && TOKEN.test(name),
      "request.headers",
      "names that are HTTP tokens: letters, digits and !#$%&'*+-.^_`|~",
      name,
    );
    if (typeof value !== "string") {
      // Header values may be secret: only the type is shown.
      throw new ValidationError("invalid value", {
        path: `request.headers.${name}`,
        found: kind(value),
        allowed: "a string",
      });
    }
    // CR, LF or NUL would let a value smuggle in a header; a fold (a line break followed by a space or
    // tab, as the SigV4 suite has it) only when the caller asks for it.
    if (/[\0\r\n]/.test(options.foldedHeaders ? value.replace(/\r?\n[ \t]/g, "") : value)) {
      throw new ValidationError("invalid value", {
        path: `request.headers.${name}`,
        found: "a value with a line break or NUL",
        allowed:
          "a value without CR, LF or NUL (a fold, a line break then a space or tab, with foldedHeaders)",
      });
    }
    const lower = name.toLowerCase();
    if (lower === "authorization" || lower === "x-amz-date") continue;
    const sent = send.get(lower);
    send.set(lower, sent === undefined ? value : sent + ", " + value);
    if (UNSIGNED.has(lower) || /^(proxy|sec)-/.test(lower)) continue;
    const v = canonicalValue(value);
    const prior = signed.get(lower);
    signed.set(lower, prior === undefined ? v : prior + "," + v);
  }
  const url = splitUrl(request.url);
  const givenHash = send.get("x-amz-content-sha256");
  // Started before the rest of the canonical request is built (nothing in between throws), so that
  // WebCrypto works meanwhile.
  const bodyHash = givenHash ??
    (body === undefined || body.length === 0 ? EMPTY_HASH : hashHex(body, mode));
  const amzDate = formatDate(date);
  const scope = scopeOf(amzDate, region, service);
  const token = credentials.sessionToken || undefined;
  const signToken = token !== undefined && !options.omitSessionToken;
  if (!signed.has("host")) signed.set("host", url.host);
  const payloadHash = typeof bodyHash === "string" ? bodyHash : await bodyHash;
  if (!presign) {
    if (token !== undefined) {
      send.set("x-amz-security-token", token);
      if (signToken) signed.set("x-amz-security-token", canonicalValue(token));
    }
    send.set("x-amz-date", amzDate);
    signed.set("x-amz-date", amzDate);
    if (options.signBody && givenHash === undefined) {
      send.set("x-amz-content-sha256", payloadHash);
      signed.set("x-amz-content-sha256", payloadHash);
    }
  }
  const names = [...signed.keys()].sort();
  const signedHeaders = names.join(";");
  let headerLines = "";
  for (const name of names) headerLines += name + ":" + signed.get(name) + "\n";

  let query: [string, string][] = [];
  if (presign) {
    query = [
      ["X-Amz-Algorithm", ALGORITHM],
      ["X-Amz-Credential", uriEncode(credentials.accessKeyId + "/" + scope)],
      ["X-Amz-Date", amzDate],
      ["X-Amz-SignedHeaders", uriEncode(signedHeaders)],
      ["X-Amz-Expires", String(expiresIn)],
    ];
    if (token !== undefined) query.push(["X-Amz-Security-Token", uriEncode(token)]);
  }
  const canonicalRequest = method + "\n" + canonicalUri(url.path, options.normalizePath ?? true) +
    "\n" + canonicalQuery(url.query, signToken ? query : query.slice(0, 5)) + "\n" + headerLines +
    "\n" + signedHeaders + "\n" + payloadHash;
  // Synchronous on the pure path: a promise is awaited only when WebCrypto hashes.
  const hash = hashHex(canonicalRequest, mode);
  const stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" +
    (typeof hash === "string" ? hash : await hash);
  const signing = signatureHex(
    credentials.secretAccessKey,
    amzDate.slice(0, 8),
    region,
    service,
    stringToSign,
    mode,
  );
  const signature = typeof signing === "string" ? signing : await signing;
  let href = url.base;
  if (presign) {
    query.push(["X-Amz-Signature", signature]);
    const sep = url.query ? "&" : href.endsWith("?") ? "" : "?";
    href += sep + query.map(([k, v]) => k + "=" + v).join("&") + url.fragment;
  } else {
    href += url.fragment;
    send.set(
      "authorization",
      authorization(credentials.accessKeyId, scope, signedHeaders, signature),
    );
  }
  return { canonicalRequest, stringToSign, signature, headers: send, url: href };
}

/** See `signRequest` in `sign.ts`. */
export async function signRequest(
  request: SignableRequest,
  options: SignOptions,
): Promise<SignedRequest> {
  const { headers, url } = await sign(request, options);
  const signed: SignedRequest = {
    method: request.method,
    url,
    headers: Object.fromEntries(headers),
  };
  if (request.body !== undefined) signed.body = request.body;
  return signed;
}

/** `expiresIn` as a number of seconds, checked. */
export function checkExpiry(expiresIn: unknown): number {
  need(
    Number.isInteger(expiresIn) && Number(expiresIn) >= 1 && Number(expiresIn) <= 604800,
    "options.expiresIn",
    "whole seconds from 1 to 604800",
    expiresIn,
  );
  return Number(expiresIn);
}

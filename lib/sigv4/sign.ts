/**
 * AWS Signature Version 4: `signRequest` adds the `Authorization` header, `presignUrl` puts the signature
 * in the query string, and `signingStages` shows the canonical request and string to sign of either.
 *
 * The derived signing key is cached per (secret, day, region, service), so a signature costs two SHA-256
 * digests and one HMAC: by default (`hashing: "auto"`) with the verified pure TypeScript implementation,
 * which beats WebCrypto's async round trips on the small payloads DynamoDB sends, and with
 * `crypto.subtle` for bodies over 8 KiB or when `hashing: "webcrypto"`.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { ValidationError } from "../errors.ts";
import {
  canonicalQuery,
  canonicalUri,
  canonicalValue,
  kind,
  splitUrl,
  uriEncode,
} from "./_canonical.ts";
import { EMPTY_HASH, hashHex, type Hashing, signatureHex } from "./_hashing.ts";
import { checkCredentials, type Credentials } from "./credentials.ts";

export type { Hashing };

/** Headers to sign: a record, a `Headers`, or `[name, value]` pairs (a repeated name keeps its order). */
export type HeadersInput = Record<string, string> | Headers | Iterable<readonly [string, string]>;

/** The request to sign. */
export interface SignableRequest {
  /** The HTTP method, like `POST`. */
  method: string;
  /** The absolute URL; a string is signed as written (an unnormalized path stays so). */
  url: string | URL;
  /** The headers to sign and send (`host` comes from the URL when absent). */
  headers?: HeadersInput;
  /** The body, hashed into the signature. */
  body?: string | Uint8Array;
}

/** How to sign. */
export interface SignOptions {
  /** The credentials; a session token is signed as `x-amz-security-token`. */
  credentials: Credentials;
  /** The region, like `us-east-1`. */
  region: string;
  /** The service's signing name, like `dynamodb`. */
  service: string;
  /** The signing time; default now. */
  date?: Date;
  /** Add the payload hash as a signed `x-amz-content-sha256` header; default false. */
  signBody?: boolean;
  /** Resolve `.` and `..` and drop empty segments of the path before signing; default true. */
  normalizePath?: boolean;
  /** Sign without the session token, then add it (some services want this); default false. */
  omitSessionToken?: boolean;
  /** The SHA-256/HMAC implementation; default `"auto"`. */
  hashing?: Hashing;
}

/** How to presign: `SignOptions` and the lifetime of the URL. */
export interface PresignOptions extends SignOptions {
  /** Seconds the URL stays valid, 1 to 604800 (7 days). */
  expiresIn: number;
}

/** A signed request, ready for `fetch`. */
export interface SignedRequest {
  /** The method, unchanged. */
  method: string;
  /** The URL, unchanged (as a string). */
  url: string;
  /**
   * The headers, names lower-cased (repeated ones joined with `, `), then `x-amz-security-token`,
   * `x-amz-date`, `x-amz-content-sha256` (with `signBody`) and `authorization`.
   */
  headers: Record<string, string>;
  /** The body, unchanged. */
  body?: string | Uint8Array;
}

/** The stages of one signature, as the SigV4 specification names them. */
export interface SigningStages {
  /** The canonical request (task 1). */
  canonicalRequest: string;
  /** The string to sign (task 2). */
  stringToSign: string;
  /** The signature in hex (task 3). */
  signature: string;
}

interface Signed extends SigningStages {
  headers: Map<string, string>;
  url: string;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
/**
 * Headers that proxies and runtimes add or change, which are therefore sent but not signed (with any
 * `proxy-*` or `sec-*` header).
 */
const UNSIGNED = new Set(
  ("authorization cache-control connection expect from keep-alive max-forwards pragma referer te " +
    "trailer transfer-encoding upgrade user-agent x-amzn-trace-id").split(" "),
);
const NAME = /^[\w.-]+$/;
const TOKEN = /^[\w!#$%&'*+.^`|~-]+$/;

const NAMES = "a name of letters, digits, '-', '_' and '.'";

/** Throws a `ValidationError` at `path` unless `ok`; only for values that are never secret. */
function need(ok: unknown, path: string, allowed: string, value: unknown): asserts ok {
  if (!ok) {
    const found = typeof value === "string"
      ? JSON.stringify(value.slice(0, 40))
      : typeof value === "number"
      ? String(value)
      : kind(value);
    throw new ValidationError("invalid value", { path, found, allowed });
  }
}

let lastTime = NaN;
let lastDate = "";

/** `20150830T123600Z` for `date`; the last one is remembered, as requests come many per second. */
function formatDate(date: Date): string {
  const time = Math.floor(date.getTime() / 1000);
  if (time !== lastTime) {
    const iso = date.toISOString();
    lastDate = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 13) + iso.slice(14, 16) +
      iso.slice(17, 19) + "Z";
    lastTime = time;
  }
  return lastDate;
}

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

async function sign(
  request: SignableRequest,
  options: SignOptions,
  expiresIn?: number,
): Promise<Signed> {
  need(typeof request === "object" && request, "request", "an object", request);
  need(typeof options === "object" && options, "options", "an object", options);
  const { method, body } = request;
  const { region, service } = options;
  const credentials = checkCredentials(options.credentials, "options.credentials");
  need(typeof method === "string" && method, "request.method", "a non-empty string", method);
  need(typeof region === "string" && NAME.test(region), "options.region", NAMES, region);
  need(typeof service === "string" && NAME.test(service), "options.service", NAMES, service);
  need(
    body === undefined || typeof body === "string" || body instanceof Uint8Array,
    "request.body",
    "a string or a Uint8Array",
    body,
  );
  const date = options.date ?? new Date();
  // x-amz-date has four digits for the year; before 1970 no AWS key existed.
  need(
    date instanceof Date && date.getTime() >= 0 && date.getTime() < 253402300800000,
    "options.date",
    "a Date from 1970 to 9999",
    date,
  );
  const mode = options.hashing ?? "auto";
  need(
    mode === "auto" || mode === "js" || mode === "webcrypto",
    "options.hashing",
    '"auto", "js" or "webcrypto"',
    mode,
  );
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
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${region}/${service}/aws4_request`;
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
  const requestHash = hashHex(canonicalRequest, mode);
  const stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" +
    (typeof requestHash === "string" ? requestHash : await requestHash);
  const computed = signatureHex(
    credentials.secretAccessKey,
    day,
    region,
    service,
    stringToSign,
    mode,
  );
  const signature = typeof computed === "string" ? computed : await computed;
  let href = url.base;
  if (presign) {
    query.push(["X-Amz-Signature", signature]);
    const sep = url.query ? "&" : href.endsWith("?") ? "" : "?";
    href += sep + query.map(([k, v]) => k + "=" + v).join("&") + url.fragment;
  } else {
    href += url.fragment;
    send.set(
      "authorization",
      `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    );
  }
  return { canonicalRequest, stringToSign, signature, headers: send, url: href };
}

/**
 * Signs `request` with AWS Signature Version 4, returning it with `authorization`, `x-amz-date` and (with a
 * session token) `x-amz-security-token` headers.
 *
 * @param request The method, absolute URL, headers and body.
 * @param options The credentials, region, service and signing choices.
 * @returns The signed request; its headers are lower-cased.
 * @throws {ValidationError} (as a rejection) When the request or options are malformed; the message never
 *   holds a secret.
 * @example
 * ```ts
 * import { signRequest } from "@dynafetch/dynafetch";
 * import assert from "node:assert/strict";
 *
 * const signed = await signRequest(
 *   { method: "GET", url: "https://example.amazonaws.com/" },
 *   {
 *     credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
 *     region: "us-east-1",
 *     service: "service",
 *     date: new Date("2015-08-30T12:36:00Z"),
 *   },
 * );
 * assert.equal(
 *   signed.headers.authorization,
 *   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
 *     "SignedHeaders=host;x-amz-date, " +
 *     "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
 * );
 * ```
 */
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

function checkExpiry(expiresIn: unknown): number {
  need(
    Number.isInteger(expiresIn) && Number(expiresIn) >= 1 && Number(expiresIn) <= 604800,
    "options.expiresIn",
    "whole seconds from 1 to 604800",
    expiresIn,
  );
  return Number(expiresIn);
}

/**
 * Presigns `request`: returns its URL with the signature in the query string (`X-Amz-Algorithm`,
 * `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-SignedHeaders`, `X-Amz-Expires`, `X-Amz-Security-Token`,
 * `X-Amz-Signature`), good for `expiresIn` seconds.
 *
 * @param request The method, absolute URL, headers (signed too; send them with the URL) and body.
 * @param options The signing options and `expiresIn`.
 * @returns The presigned URL.
 * @throws {ValidationError} (as a rejection) When the request or options are malformed.
 * @example
 * ```ts
 * import { presignUrl } from "@dynafetch/dynafetch";
 * import assert from "node:assert/strict";
 *
 * const url = await presignUrl(
 *   { method: "GET", url: "https://example.amazonaws.com/" },
 *   {
 *     credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
 *     region: "us-east-1",
 *     service: "service",
 *     date: new Date("2015-08-30T12:36:00Z"),
 *     expiresIn: 3600,
 *   },
 * );
 * assert.ok(url.endsWith("X-Amz-Signature=e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d"));
 * ```
 */
export async function presignUrl(
  request: SignableRequest,
  options: PresignOptions,
): Promise<string> {
  return (await sign(request, options, checkExpiry(options?.expiresIn))).url;
}

/**
 * The canonical request, string to sign and signature that `signRequest` (or, with `expiresIn`,
 * `presignUrl`) computes for `request`: to check each stage, or to compare with the canonical request an
 * AWS `SignatureDoesNotMatch` error shows. A signed session token is part of the canonical request, so
 * treat the stages as you would the credentials.
 *
 * @param request The request, as for `signRequest`.
 * @param options The signing options; with `expiresIn`, the presigned (query-string) variant.
 * @returns The three stages.
 * @throws {ValidationError} (as a rejection) When the request or options are malformed.
 * @example
 * ```ts
 * import { signingStages } from "@dynafetch/dynafetch";
 * import assert from "node:assert/strict";
 *
 * const stages = await signingStages(
 *   { method: "GET", url: "https://example.amazonaws.com/" },
 *   {
 *     credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
 *     region: "us-east-1",
 *     service: "service",
 *     date: new Date("2015-08-30T12:36:00Z"),
 *   },
 * );
 * assert.equal(stages.canonicalRequest.split("\n")[0], "GET");
 * assert.equal(stages.stringToSign.split("\n")[2], "20150830/us-east-1/service/aws4_request");
 * ```
 */
export async function signingStages(
  request: SignableRequest,
  options: SignOptions & { expiresIn?: number },
): Promise<SigningStages> {
  const expiresIn = options?.expiresIn === undefined ? undefined : checkExpiry(options.expiresIn);
  const { canonicalRequest, stringToSign, signature } = await sign(request, options, expiresIn);
  return { canonicalRequest, stringToSign, signature };
}

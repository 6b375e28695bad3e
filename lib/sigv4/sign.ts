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
import type { Hashing } from "./_hashing.ts";
import type { Credentials } from "./credentials.ts";

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
  /**
   * Accept obsolete line folding in header values (a line break followed by a space or tab, which the
   * SigV4 test suite uses and HTTP/1.1 deprecates); default false: any CR, LF or NUL in a header value is
   * refused, so no value can smuggle in a header.
   */
  foldedHeaders?: boolean;
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

/** The general signer, loaded on first use: the client's own requests take `_json_post.ts`. */
let general: typeof import("./_sign.ts") | undefined;
let loading: Promise<typeof import("./_sign.ts")> | undefined;

function load(): Promise<typeof import("./_sign.ts")> {
  return loading ??= import("./_sign.ts").then((m) => general = m);
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
 * import { assertEquals } from "@std/assert";
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
 * assertEquals(
 *   signed.headers.authorization,
 *   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
 *     "SignedHeaders=host;x-amz-date, " +
 *     "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
 * );
 * ```
 */
export function signRequest(
  request: SignableRequest,
  options: SignOptions,
): Promise<SignedRequest> {
  // A loaded signer is called at once: no promise hop.
  return general
    ? general.signRequest(request, options)
    : load().then((m) => m.signRequest(request, options));
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
 * import { assert } from "@std/assert";
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
 * assert(url.endsWith("X-Amz-Signature=e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d"));
 * ```
 */
export async function presignUrl(
  request: SignableRequest,
  options: PresignOptions,
): Promise<string> {
  const { sign, checkExpiry } = await load();
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
 * import { assertEquals } from "@std/assert";
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
 * assertEquals(stages.canonicalRequest.split("\n")[0], "GET");
 * assertEquals(stages.stringToSign.split("\n")[2], "20150830/us-east-1/service/aws4_request");
 * ```
 */
export async function signingStages(
  request: SignableRequest,
  options: SignOptions & { expiresIn?: number },
): Promise<SigningStages> {
  const { sign, checkExpiry } = await load();
  const expiresIn = options?.expiresIn === undefined ? undefined : checkExpiry(options.expiresIn);
  const { canonicalRequest, stringToSign, signature } = await sign(request, options, expiresIn);
  return { canonicalRequest, stringToSign, signature };
}

/**
 * STS's query API for roles: `AssumeRole` (signed with the source credentials by our own signer) and
 * `AssumeRoleWithWebIdentity` (unsigned), their XML responses, and `fromAssumeRole`, a provider that
 * assumes a role with credentials from any other provider.
 *
 * This module is browser compatible.
 *
 * @module
 */
import {
  type Credentials,
  type CredentialsProvider,
  refreshing,
  signRequest,
} from "../sigv4/mod.ts";
import { CredentialsError } from "./errors.ts";
import { type Host, resolveHost } from "./host.ts";
import { fetchText, toCredentials } from "./_util.ts";

/** What both STS role actions take. */
export interface RoleParameters {
  /** The ARN of the role to assume. */
  roleArn: string;
  /** The session name CloudTrail records; default `dynafetch-<epoch ms>`. */
  roleSessionName?: string;
  /** How long the credentials last, in seconds (STS default 3600). */
  durationSeconds?: number;
  /** The region of the STS endpoint; default `AWS_REGION`, then the global endpoint. */
  region?: string;
}

/** Options of `fromAssumeRole`. */
export interface AssumeRoleOptions extends RoleParameters {
  /** The provider of the credentials that sign `AssumeRole`. */
  source: CredentialsProvider;
  /** The external id the role's trust policy asks for. */
  externalId?: string;
  /** Effects to inject (environment, fetch, clock); the rest come from the runtime. */
  host?: Partial<Host>;
}

const timeoutMs = 10_000;

/**
 * Assumes a role through STS `AssumeRole`, signing with credentials from `source`; refreshed ahead of
 * expiry. The endpoint is `AWS_ENDPOINT_URL_STS` when set, else STS in `region`.
 *
 * @param options The role, the source of the signing credentials, and effects to inject.
 * @returns A provider of the role's temporary credentials.
 * @throws {CredentialsError} From the provider, when STS refuses (with STS's error code) or answers
 *   something that is not an STS response.
 * @example
 * ```ts
 * import { fromAssumeRole } from "@dynafetch/dynafetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const provider = fromAssumeRole({
 *   roleArn: "arn:aws:iam::123456789012:role/reader",
 *   source: () => Promise.resolve({ accessKeyId: "AKID", secretAccessKey: "secret" }),
 * });
 * assertEquals(typeof provider, "function");
 * ```
 */
export function fromAssumeRole(options: AssumeRoleOptions): CredentialsProvider {
  return refreshing(async () => {
    const host = await resolveHost(options.host);
    const params: Record<string, string> = {};
    if (options.externalId !== undefined) params.ExternalId = options.externalId;
    return callSts(host, "AssumeRole", options, params, await options.source());
  }, { now: options.host?.now });
}

/**
 * Calls an STS role action and returns the role's credentials.
 *
 * @param host The effects.
 * @param action `AssumeRole` (signed with `signer`) or `AssumeRoleWithWebIdentity` (unsigned).
 * @param role The role and session parameters.
 * @param extra More query parameters (`ExternalId`, `WebIdentityToken`).
 * @param signer The credentials that sign the request, for `AssumeRole`.
 * @returns The temporary credentials.
 * @throws {CredentialsError} When STS refuses or answers something else.
 * @example
 * ```ts
 * import { callSts, resolveHost } from "@dynafetch/dynafetch/credentials";
 * import { assertEquals, assertMatch } from "@std/assert";
 *
 * const host = await resolveHost({
 *   env: {},
 *   now: () => 0,
 *   fetch: (_url, init) => {
 *     assertMatch(String(init?.body), /Action=AssumeRoleWithWebIdentity/);
 *     const xml = "<Credentials><AccessKeyId>ASIA1</AccessKeyId>" +
 *       "<SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken></Credentials>";
 *     return Promise.resolve(new Response(xml));
 *   },
 * });
 * const role = { roleArn: "arn:aws:iam::123456789012:role/reader" };
 * const credentials = await callSts(host, "AssumeRoleWithWebIdentity", role, {
 *   WebIdentityToken: "jwt",
 * });
 * assertEquals(credentials.accessKeyId, "ASIA1");
 * ```
 */
export async function callSts(
  host: Host,
  action: "AssumeRole" | "AssumeRoleWithWebIdentity",
  role: RoleParameters,
  extra: Record<string, string>,
  signer?: Credentials,
): Promise<Credentials> {
  const source = `STS ${action} (${role.roleArn})`;
  const region = role.region || host.env.AWS_REGION || host.env.AWS_DEFAULT_REGION;
  const url = new URL(
    host.env.AWS_ENDPOINT_URL_STS ||
      (region
        ? `https://sts.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`
        : "https://sts.amazonaws.com"),
  );
  const body = new URLSearchParams({
    Action: action,
    Version: "2011-06-15",
    RoleArn: role.roleArn,
    RoleSessionName: role.roleSessionName || `dynafetch-${host.now()}`,
    ...(role.durationSeconds ? { DurationSeconds: String(role.durationSeconds) } : {}),
    ...extra,
  }).toString();
  let headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded; charset=utf-8",
  };
  if (signer) {
    const signed = await signRequest({ method: "POST", url, headers, body }, {
      credentials: signer,
      region: region || "us-east-1",
      service: "sts",
      date: new Date(host.now()),
    });
    headers = signed.headers;
  }
  const response = await fetchText(host, source, url, { method: "POST", headers, body }, timeoutMs);
  return parseStsResponse(response.status, response.text, source);
}

/**
 * Reads an STS XML response: the `Credentials` of a success, or the `Code` and `Message` of an
 * `ErrorResponse` as a `CredentialsError`.
 *
 * @param status The HTTP status.
 * @param xml The response body.
 * @param source Names the request in errors.
 * @returns The credentials.
 * @throws {CredentialsError} For an error response or a body without credentials.
 * @example
 * ```ts
 * import { parseStsResponse } from "@dynafetch/dynafetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const xml = "<AssumeRoleResponse><AssumeRoleResult><Credentials>" +
 *   "<AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>s</SecretAccessKey>" +
 *   "<SessionToken>t&amp;u</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration>" +
 *   "</Credentials></AssumeRoleResult></AssumeRoleResponse>";
 * const credentials = parseStsResponse(200, xml, "STS");
 * assertEquals(credentials.sessionToken, "t&u");
 * assertEquals(credentials.expiration?.toISOString(), "2030-01-01T00:00:00.000Z");
 * ```
 */
export function parseStsResponse(status: number, xml: string, source: string): Credentials {
  const tag = (name: string, text = xml) => {
    const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(text);
    return match ? unescapeXml(match[1]) : undefined;
  };
  if (status !== 200) {
    const code = tag("Code");
    const what = code ? `${code}: ${tag("Message") ?? "(no message)"}` : "no STS error document";
    throw new CredentialsError(source, `HTTP ${status}, ${what}`, { code });
  }
  const block = /<Credentials>([\s\S]*?)<\/Credentials>/.exec(xml)?.[1];
  if (block === undefined) throw new CredentialsError(source, "the response has no Credentials");
  return toCredentials(source, {
    accessKeyId: tag("AccessKeyId", block),
    secretAccessKey: tag("SecretAccessKey", block),
    sessionToken: tag("SessionToken", block),
    expiration: tag("Expiration", block),
  });
}

const entities: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(
    /&(?:#(x?)([0-9a-f]+)|(\w+));/gi,
    (all, hex: string, code: string, name: string) =>
      name ? entities[name] ?? all : String.fromCodePoint(parseInt(code, hex ? 16 : 10)),
  );
}

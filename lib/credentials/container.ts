/**
 * Container credentials: the ECS task role endpoint and EKS Pod Identity.
 *
 * This module is browser compatible (the environment and token file come through the host).
 *
 * @module
 */
import { type CredentialsProvider, refreshing } from "../sigv4/mod.ts";
import { CredentialsError, CredentialsNotFoundError } from "./errors.ts";
import { type Host, resolveHost } from "./host.ts";
import { fetchText, parseJson, readToken, timeout, toCredentials, withAttempts } from "./_util.ts";

/** Options of `fromContainer` and `fromInstanceMetadata`. */
export interface MetadataOptions {
  /** How long to wait for each request, in milliseconds; default 1000. */
  timeoutMs?: number;
  /** How many times to try each request; default 1 (or `AWS_METADATA_SERVICE_NUM_ATTEMPTS`). */
  maxAttempts?: number;
  /** Effects to inject (environment, files, fetch, clock); the rest come from the runtime. */
  host?: Partial<Host>;
}

const source = "container";
// Plain http is allowed only to these: the ECS and EKS Pod Identity hosts, and loopback.
const linkLocal = ["169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"];

/**
 * Credentials from the container endpoint: `http://169.254.170.2` + `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
 * (ECS), or `AWS_CONTAINER_CREDENTIALS_FULL_URI` (EKS Pod Identity, or your own endpoint) sent the token
 * from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read on each refresh) or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
 * A full URI must be https, or http to loopback or to 169.254.170.2, 169.254.170.23 or [fd00:ec2::23].
 *
 * @param options Timeouts, attempts and effects to inject.
 * @returns A provider refreshed ahead of expiry.
 * @throws {CredentialsNotFoundError} From the provider, when neither variable is set.
 * @throws {CredentialsError} From the provider, for a refused URI, a failed request or a bad response.
 * @example
 * ```ts
 * import { CredentialsError, fromContainer } from "@dynafetch/dynafetch/credentials";
 * import { assertRejects } from "@std/assert";
 *
 * const env = { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://example.com/creds" };
 * await assertRejects(() => fromContainer({ host: { env } })(), CredentialsError);
 * ```
 */
export function fromContainer(options: MetadataOptions = {}): CredentialsProvider {
  return refreshing(async () => {
    const host = await resolveHost(options.host);
    const env = host.env;
    const relative = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
    const full = env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    if (!relative && !full) {
      throw new CredentialsNotFoundError([{
        source,
        reason: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set",
      }]);
    }
    const url = relative ? new URL(`http://169.254.170.2${relative}`) : checkedUri(full ?? "");
    const headers: Record<string, string> = {};
    const token = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE
      ? await readToken(
        host,
        env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE,
        "authorization token file",
      )
      : env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
    if (token) {
      if (/[\r\n]/.test(token)) {
        throw new CredentialsError(source, "the authorization token holds a line break");
      }
      headers.authorization = token;
    }
    const { status, text } = await withAttempts(
      options,
      host,
      () => fetchText(host, source, url, { headers }, timeout(options, host)),
    );
    const what = `the response from ${url.origin}`;
    if (status !== 200) {
      let body: Record<string, unknown> = {};
      try {
        body = parseJson(source, text, what);
      } catch { /* an error without a JSON body */ }
      const code = typeof body.code === "string" ? body.code : undefined;
      const message = typeof body.message === "string" ? `: ${body.message}` : "";
      throw new CredentialsError(source, `HTTP ${status} from ${url.origin}${message}`, { code });
    }
    const body = parseJson(source, text, what);
    return toCredentials(source, {
      accessKeyId: body.AccessKeyId,
      secretAccessKey: body.SecretAccessKey,
      sessionToken: body.Token,
      expiration: body.Expiration,
    });
  }, { now: options.host?.now });
}

function checkedUri(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CredentialsError(source, "AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL");
  }
  const host = url.hostname;
  const loopback = host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
  if (
    url.protocol === "https:" ||
    (url.protocol === "http:" && (loopback || linkLocal.includes(host)))
  ) {
    return url;
  }
  throw new CredentialsError(
    source,
    `AWS_CONTAINER_CREDENTIALS_FULL_URI host ${host} is refused over ${
      url.protocol.slice(0, -1)
    }; ` +
      `allowed: https, or http to loopback, ${linkLocal.join(", ")}`,
  );
}

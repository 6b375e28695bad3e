/**
 * EC2 instance role credentials through the instance metadata service, IMDSv2 only: a session token from
 * `PUT /latest/api/token`, then the role's name and credentials under
 * `/latest/meta-data/iam/security-credentials/`.
 *
 * This module is browser compatible (requests go through the host's fetch).
 *
 * @module
 */
import { type CredentialsProvider, refreshing } from "../sigv4/mod.ts";
import { CredentialsError, CredentialsNotFoundError } from "./errors.ts";
import { resolveHost } from "./host.ts";
import type { MetadataOptions } from "./container.ts";
import { fetchText, parseJson, timeout, toCredentials, withAttempts } from "./_util.ts";

const source = "instance metadata";
const rolePath = "/latest/meta-data/iam/security-credentials/";

/**
 * Credentials of the EC2 instance's role from IMDSv2 at `AWS_EC2_METADATA_SERVICE_ENDPOINT` (default
 * `http://169.254.169.254`, or `http://[fd00:ec2::254]` when `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` is
 * `IPv6`), with short timeouts and few attempts; `AWS_EC2_METADATA_DISABLED=true` turns it off. IMDSv1
 * (requests without a token) is never used.
 *
 * @param options Timeouts (default 1000 ms), attempts (default 1) and effects to inject.
 * @returns A provider refreshed ahead of expiry.
 * @throws {CredentialsNotFoundError} From the provider, when disabled, when nothing answers (not on
 *   EC2), when the token request is refused (IMDS turned off, or only IMDSv1), or when the instance has
 *   no role.
 * @throws {CredentialsError} From the provider, when the service refuses or answers something else.
 * @example
 * ```ts
 * import { CredentialsNotFoundError, fromInstanceMetadata } from "@dynafetch/dynafetch/credentials";
 * import { assertRejects } from "@std/assert";
 *
 * const provider = fromInstanceMetadata({ host: { env: { AWS_EC2_METADATA_DISABLED: "true" } } });
 * await assertRejects(() => provider(), CredentialsNotFoundError);
 * ```
 */
export function fromInstanceMetadata(options: MetadataOptions = {}): CredentialsProvider {
  return refreshing(async () => {
    const host = await resolveHost(options.host);
    const env = host.env;
    const skip = (reason: string) => new CredentialsNotFoundError([{ source, reason }]);
    if (env.AWS_EC2_METADATA_DISABLED?.toLowerCase() === "true") {
      throw skip("AWS_EC2_METADATA_DISABLED is true");
    }
    const base = env.AWS_EC2_METADATA_SERVICE_ENDPOINT ||
      (env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE?.toLowerCase() === "ipv6"
        ? "http://[fd00:ec2::254]"
        : "http://169.254.169.254");
    const ms = timeout(options, host);
    const call = (path: string, init: RequestInit) =>
      withAttempts(options, host, () => fetchText(host, source, new URL(path, base), init, ms));
    let token;
    try {
      token = await call("/latest/api/token", {
        method: "PUT",
        headers: { "x-aws-ec2-metadata-token-ttl-seconds": "21600" },
      });
    } catch (error) {
      const code = error instanceof CredentialsError ? error.code : undefined;
      if (code === "Timeout" || code === "NetworkError") {
        throw skip(`no IMDSv2 answer at ${new URL(base).origin} within ${ms} ms (not on EC2?)`);
      }
      throw error;
    }
    // 403 is IMDS turned off on the instance; 404/405 an IMDSv1-only endpoint, which is not used.
    if (token.status !== 200) throw skip(`the IMDSv2 token request got HTTP ${token.status}`);
    const headers = { "x-aws-ec2-metadata-token": token.text };
    const role = await call(rolePath, { headers });
    const name = role.text.split("\n")[0].trim();
    if (role.status === 404 || (role.status === 200 && !name)) {
      throw skip("the instance has no IAM role");
    }
    if (role.status !== 200) {
      throw new CredentialsError(source, `the role name request got HTTP ${role.status}`);
    }
    const creds = await call(rolePath + encodeURIComponent(name), { headers });
    if (creds.status !== 200) {
      throw new CredentialsError(source, `the credentials request got HTTP ${creds.status}`);
    }
    const body = parseJson(source, creds.text, "the role's credentials");
    if (body.Code !== undefined && body.Code !== "Success") {
      throw new CredentialsError(source, `the role's credentials have Code ${String(body.Code)}`);
    }
    return toCredentials(source, {
      accessKeyId: body.AccessKeyId,
      secretAccessKey: body.SecretAccessKey,
      sessionToken: body.Token,
      expiration: body.Expiration,
    });
  }, { now: options.host?.now });
}

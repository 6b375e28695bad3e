/**
 * Web identity credentials (EKS IAM roles for service accounts, GitHub OIDC and the like): STS
 * `AssumeRoleWithWebIdentity` with a token read from a file.
 *
 * This module is browser compatible (the token file is read through the host).
 *
 * @module
 */
import { type CredentialsProvider, refreshing } from "../sigv4/mod.ts";
import { CredentialsNotFoundError } from "./errors.ts";
import { type Host, resolveHost } from "./host.ts";
import { callSts, type RoleParameters } from "./sts.ts";
import { readToken } from "./_util.ts";

/** Options of `fromWebIdentity`; each setting defaults to its environment variable. */
export interface WebIdentityOptions extends Partial<RoleParameters> {
  /** The file holding the OIDC token; default `AWS_WEB_IDENTITY_TOKEN_FILE`. Re-read on each refresh. */
  tokenFile?: string;
  /** Effects to inject (environment, files, fetch, clock); the rest come from the runtime. */
  host?: Partial<Host>;
}

/**
 * Credentials from STS `AssumeRoleWithWebIdentity` (unsigned), with the role from `AWS_ROLE_ARN`, the
 * session name from `AWS_ROLE_SESSION_NAME` and the token file from `AWS_WEB_IDENTITY_TOKEN_FILE` unless
 * given; the token file is read again on every refresh, since EKS rotates it.
 *
 * @param options The role, token file and effects to inject.
 * @returns A provider refreshed ahead of expiry.
 * @throws {CredentialsNotFoundError} From the provider, when no token file or role is configured.
 * @throws {CredentialsError} From the provider, when the token file is unreadable or STS refuses.
 * @example
 * ```ts
 * import { CredentialsNotFoundError, fromWebIdentity } from "@dynafetch/dynafetch/credentials";
 * import { assertRejects } from "@std/assert";
 *
 * const provider = fromWebIdentity({ host: { env: {} } });
 * await assertRejects(() => provider(), CredentialsNotFoundError);
 * ```
 */
export function fromWebIdentity(options: WebIdentityOptions = {}): CredentialsProvider {
  return refreshing(async () => {
    const host = await resolveHost(options.host);
    const env = host.env;
    const tokenFile = options.tokenFile ?? env.AWS_WEB_IDENTITY_TOKEN_FILE;
    const roleArn = options.roleArn ?? env.AWS_ROLE_ARN;
    if (!tokenFile || !roleArn) {
      throw new CredentialsNotFoundError([{
        source: "web identity",
        reason: `${tokenFile ? "AWS_ROLE_ARN" : "AWS_WEB_IDENTITY_TOKEN_FILE"} is not set`,
      }]);
    }
    const role = {
      ...options,
      roleArn,
      roleSessionName: options.roleSessionName ?? env.AWS_ROLE_SESSION_NAME,
    };
    return callSts(host, "AssumeRoleWithWebIdentity", role, {
      WebIdentityToken: await readToken(host, tokenFile, "web identity token file"),
    });
  }, { now: options.host?.now });
}

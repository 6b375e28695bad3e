/**
 * Credentials from a profile of the shared `config` and `credentials` files, in every form the AWS CLI
 * knows: static keys, roles (`role_arn` with `source_profile` or `credential_source`, chained),
 * `web_identity_token_file`, `credential_process`, and IAM Identity Center (`sso_session` or legacy
 * `sso_start_url`).
 *
 * This module is browser compatible (files, processes and requests go through the host).
 *
 * @module
 */
import { type CredentialsProvider, fromEnv } from "../sigv4/mod.ts";
import { CredentialsError, CredentialsNotFoundError } from "./errors.ts";
import { type Host, resolveHost } from "./host.ts";
import {
  loadSharedConfig,
  profileName,
  type ProfileOptions,
  type SharedConfig,
} from "./shared_config.ts";
import { fromAssumeRole } from "./sts.ts";
import { fromWebIdentity } from "./web_identity.ts";
import { fromProcess } from "./process.ts";
import { fromSso } from "./sso.ts";
import { fromContainer } from "./container.ts";
import { fromInstanceMetadata } from "./instance_metadata.ts";
import { lazyProvider, toCredentials } from "./_util.ts";

/**
 * Credentials from the profile named by `options.profile`, `AWS_PROFILE` or `default`. The files are read
 * on first use and again on `forceRefresh`; the profile's credentials are refreshed ahead of expiry. In a role profile the
 * `source_profile`'s static keys win over its own role (as in the AWS CLI), and a cycle of
 * `source_profile`s is an error naming the profiles.
 *
 * @param options The profile and effects to inject.
 * @returns A provider of the profile's credentials.
 * @throws {CredentialsNotFoundError} From the provider, when the default profile is absent or has no
 *   credential settings.
 * @throws {CredentialsError} From the provider, when a named profile is absent, a file is malformed, a
 *   profile is incomplete or a source (STS, SSO, a process) fails.
 * @example
 * ```ts
 * import { fromProfile } from "@dynafetch/dynafetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const files: Record<string, string> = {
 *   "/h/.aws/credentials": "[dev]\naws_access_key_id = AKID\naws_secret_access_key = secret\n",
 * };
 * const provider = fromProfile({
 *   profile: "dev",
 *   host: { env: {}, homeDir: "/h", readFile: (path) => Promise.resolve(files[path]) },
 * });
 * assertEquals((await provider()).accessKeyId, "AKID");
 * ```
 */
export function fromProfile(options: ProfileOptions = {}): CredentialsProvider {
  return lazyProvider(async () => {
    const host = await resolveHost(options.host);
    const name = profileName(options, host);
    const config = await loadSharedConfig(host);
    if (!config.profiles[name]) {
      const where = config.paths.length
        ? `not found in ${config.paths.join(" or ")}`
        : "no home directory and no AWS_CONFIG_FILE";
      if (options.profile === undefined && !host.env.AWS_PROFILE) {
        throw new CredentialsNotFoundError([{ source: `profile ${name}`, reason: where }]);
      }
      const from = options.profile === undefined ? " (named by AWS_PROFILE)" : "";
      throw new CredentialsError(`profile ${name}${from}`, where);
    }
    return resolveProfile(options, config, name, []);
  }, true);
}

function resolveProfile(
  options: ProfileOptions,
  config: SharedConfig,
  name: string,
  chain: string[],
): CredentialsProvider {
  const source = `profile ${name}`;
  const p = config.profiles[name];
  if (!p) {
    throw new CredentialsError(`profile ${chain.at(-1)}`, `source_profile ${name} does not exist`);
  }
  const fail = (message: string): never => {
    throw new CredentialsError(source, message);
  };
  const hasKeys = p.aws_access_key_id !== undefined || p.aws_secret_access_key !== undefined;
  const keys = (): CredentialsProvider => {
    const credentials = toCredentials(source, {
      accessKeyId: p.aws_access_key_id,
      secretAccessKey: p.aws_secret_access_key,
      sessionToken: p.aws_session_token,
    });
    return () => Promise.resolve(credentials);
  };
  // A source profile's own keys win over its role, so `source_profile = self` with keys works.
  if (chain.length > 0 && hasKeys) return keys();
  if (p.role_arn && (p.source_profile !== undefined || p.credential_source !== undefined)) {
    if (p.source_profile !== undefined && p.credential_source !== undefined) {
      fail("role_arn takes source_profile or credential_source, not both");
    }
    if (chain.includes(name)) {
      fail(`source_profile cycle: ${[...chain, name].join(" -> ")}`);
    }
    if (p.mfa_serial) {
      fail("mfa_serial profiles need an MFA code, which dynafetch cannot prompt for");
    }
    const duration = p.duration_seconds === undefined ? undefined : Number(p.duration_seconds);
    if (duration !== undefined && !(Number.isInteger(duration) && duration >= 900)) {
      fail("duration_seconds must be a whole number of seconds, at least 900");
    }
    return fromAssumeRole({
      roleArn: p.role_arn,
      roleSessionName: p.role_session_name,
      externalId: p.external_id,
      durationSeconds: duration,
      region: p.region,
      host: options.host,
      source: p.source_profile !== undefined
        ? resolveProfile(options, config, p.source_profile, [...chain, name])
        : credentialSource(source, p.credential_source, options.host),
    });
  }
  if (hasKeys) return keys();
  if (p.web_identity_token_file && p.role_arn) {
    return fromWebIdentity({
      tokenFile: p.web_identity_token_file,
      roleArn: p.role_arn,
      roleSessionName: p.role_session_name,
      region: p.region,
      host: options.host,
    });
  }
  if (p.credential_process) {
    return fromProcess({
      command: p.credential_process,
      source: `${source} credential_process`,
      host: options.host,
    });
  }
  if (p.sso_session !== undefined || p.sso_start_url !== undefined) {
    const session = p.sso_session === undefined ? undefined : config.ssoSessions[p.sso_session];
    if (p.sso_session !== undefined && !session) {
      fail(`sso-session ${p.sso_session} does not exist`);
    }
    const startUrl = session?.sso_start_url ?? p.sso_start_url;
    const ssoRegion = session?.sso_region ?? p.sso_region;
    const missing = Object.entries({
      sso_start_url: startUrl,
      sso_region: ssoRegion,
      sso_account_id: p.sso_account_id,
      sso_role_name: p.sso_role_name,
    }).filter(([, v]) => !v).map(([k]) => k);
    if (missing.length) fail(`the SSO settings lack ${missing.join(", ")}`);
    return fromSso({
      startUrl: startUrl ?? "",
      ssoRegion: ssoRegion ?? "",
      accountId: p.sso_account_id,
      roleName: p.sso_role_name,
      session: p.sso_session,
      profile: name,
      host: options.host,
    });
  }
  if (p.role_arn) {
    fail("role_arn needs source_profile, credential_source or web_identity_token_file");
  }
  const reason = "has no credentials (keys, role_arn, credential_process or sso settings)";
  if (chain.length === 0) throw new CredentialsNotFoundError([{ source, reason }]);
  return fail(reason);
}

function credentialSource(
  source: string,
  kind: string | undefined,
  host: Partial<Host> | undefined,
): CredentialsProvider {
  if (kind === "Environment") return (call) => resolveHost(host).then((h) => fromEnv(h.env)(call));
  if (kind === "EcsContainer") return fromContainer({ host });
  if (kind === "Ec2InstanceMetadata") return fromInstanceMetadata({ host });
  throw new CredentialsError(
    source,
    `credential_source ${kind} is not one of Environment, EcsContainer, Ec2InstanceMetadata`,
  );
}

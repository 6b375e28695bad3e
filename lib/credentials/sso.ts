/**
 * IAM Identity Center (SSO) credentials: the token the AWS CLI caches after `aws sso login`
 * (`~/.aws/sso/cache/<sha1 of the session name or start URL>.json`), exchanged at the SSO portal's
 * `GetRoleCredentials` for a role's credentials. An `sso-session` token near expiry is renewed with its
 * refresh token through SSO OIDC, as the AWS CLI does.
 *
 * This module is browser compatible (files and requests go through the host).
 *
 * @module
 */
import { type CredentialsProvider, refreshing } from "../sigv4/mod.ts";
import { CredentialsError } from "./errors.ts";
import { type Host, resolveHost } from "./host.ts";
import { fetchText, parseJson, sha1Hex, toCredentials } from "./_util.ts";

/** Options of `fromSso`: what an `sso_session` or legacy `sso_start_url` profile says. */
export interface SsoOptions {
  /** The portal's start URL (`sso_start_url`). */
  startUrl: string;
  /** The portal's region (`sso_region`). */
  ssoRegion: string;
  /** The account (`sso_account_id`). */
  accountId: string;
  /** The role (`sso_role_name`). */
  roleName: string;
  /** The `[sso-session NAME]` the token belongs to; absent for legacy profiles. */
  session?: string;
  /** The profile, for the `aws sso login --profile` hint. */
  profile?: string;
  /** Effects to inject (environment, files, fetch, clock); the rest come from the runtime. */
  host?: Partial<Host>;
}

/**
 * Credentials for an SSO role from the AWS CLI's cached token. The portal is
 * `https://portal.sso.<ssoRegion>.amazonaws.com` unless `AWS_ENDPOINT_URL_SSO` is set. With `session`,
 * a token within 5 minutes of expiry is renewed first (SSO OIDC `CreateToken` with the cached refresh
 * token, at `https://oidc.<ssoRegion>.amazonaws.com` or `AWS_ENDPOINT_URL_SSO_OIDC`) and written back
 * to the cache; when that fails, an expired token is an error saying to run `aws sso login`.
 *
 * @param options The SSO session or start URL, account, role and effects to inject.
 * @returns A provider refreshed ahead of expiry.
 * @throws {CredentialsError} From the provider, when no token is cached, the token has expired or the
 *   portal refuses it (each saying to run `aws sso login`), or the portal answers something else.
 * @example
 * ```ts
 * import { CredentialsError, fromSso } from "@dynafetch/dynafetch/credentials";
 * import { assertRejects } from "@std/assert";
 *
 * const provider = fromSso({
 *   startUrl: "https://example.awsapps.com/start",
 *   ssoRegion: "us-east-1",
 *   accountId: "123456789012",
 *   roleName: "Reader",
 *   session: "work",
 *   host: { homeDir: "/nonexistent", readFile: () => Promise.resolve(undefined) },
 * });
 * await assertRejects(() => provider(), CredentialsError, "aws sso login --sso-session work");
 * ```
 */
export function fromSso(options: SsoOptions): CredentialsProvider {
  const key = options.session ?? options.startUrl;
  const source = `SSO ${options.session ? `session ${key}` : key}`;
  const login = `run \`aws sso login ${
    options.session
      ? `--sso-session ${options.session}`
      : `--profile ${options.profile ?? "default"}`
  }\``;
  return refreshing(async () => {
    const host = await resolveHost(options.host);
    if (host.homeDir === undefined) {
      throw new CredentialsError(source, "no home directory to find the SSO token cache in");
    }
    const file = `${host.homeDir}/.aws/sso/cache/${await sha1Hex(key)}.json`;
    const text = await host.readFile(file).catch((error) => {
      throw new CredentialsError(file, "cannot read the SSO token cache", { cause: error });
    });
    if (text === undefined) throw new CredentialsError(source, `no cached SSO token; ${login}`);
    const cached = parseJson(file, text, "the SSO token cache");
    const expiresAt = typeof cached.expiresAt === "string" ? Date.parse(cached.expiresAt) : NaN;
    if (typeof cached.accessToken !== "string" || Number.isNaN(expiresAt)) {
      throw new CredentialsError(
        file,
        `the SSO token cache lacks accessToken or expiresAt; ${login}`,
      );
    }
    let token = { accessToken: cached.accessToken, expiresAt };
    // Like the AWS CLI, renew an sso-session token near expiry with its refresh token (best effort).
    if (options.session && expiresAt - 300_000 <= host.now()) {
      token = await renew(host, file, cached, options.ssoRegion).catch(() => undefined) ?? token;
    }
    if (token.expiresAt <= host.now()) {
      throw new CredentialsError(
        source,
        `the cached SSO token expired at ${new Date(expiresAt).toISOString()}; ${login}`,
        { code: "ExpiredToken" },
      );
    }
    const base = host.env.AWS_ENDPOINT_URL_SSO ||
      `https://portal.sso.${options.ssoRegion}.amazonaws.com`;
    const url = new URL(`${base.replace(/\/$/, "")}/federation/credentials`);
    url.search = new URLSearchParams({
      account_id: options.accountId,
      role_name: options.roleName,
    }).toString();
    const response = await fetchText(host, source, url, {
      headers: { "x-amz-sso_bearer_token": token.accessToken },
    }, 10_000);
    if (response.status !== 200) {
      let body: Record<string, unknown> = {};
      try {
        body = parseJson(source, response.text, "the error");
      } catch { /* no JSON error body */ }
      const type = (response.headers.get("x-amzn-errortype") ?? String(body.__type ?? ""))
        .split(":")[0].split("#").pop();
      const message = typeof body.message === "string" ? body.message : "";
      const refused = response.status === 401 || response.status === 403;
      throw new CredentialsError(
        source,
        `GetRoleCredentials got HTTP ${response.status}${type ? ` ${type}` : ""}${
          message ? `: ${message}` : ""
        }${refused ? `; ${login}` : ""}`,
        { code: type || undefined },
      );
    }
    const role =
      parseJson(source, response.text, "the GetRoleCredentials response").roleCredentials;
    if (typeof role !== "object" || role === null) {
      throw new CredentialsError(source, "the GetRoleCredentials response has no roleCredentials");
    }
    return toCredentials(source, Object.fromEntries(Object.entries(role)));
  }, { now: options.host?.now });
}

/**
 * Renews a cached sso-session token through SSO OIDC `CreateToken` (`grantType: refresh_token`) and
 * writes it back to the cache as the AWS CLI does; `undefined` when the cache cannot be renewed.
 */
async function renew(
  host: Host,
  file: string,
  cached: Record<string, unknown>,
  region: string,
): Promise<{ accessToken: string; expiresAt: number } | undefined> {
  const { clientId, clientSecret, refreshToken, registrationExpiresAt } = cached;
  if (
    typeof clientId !== "string" || typeof clientSecret !== "string" ||
    typeof refreshToken !== "string" ||
    (typeof registrationExpiresAt === "string" && Date.parse(registrationExpiresAt) <= host.now())
  ) return undefined;
  const base = host.env.AWS_ENDPOINT_URL_SSO_OIDC || `https://oidc.${region}.amazonaws.com`;
  const response = await fetchText(host, "SSO OIDC", new URL(`${base.replace(/\/$/, "")}/token`), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ clientId, clientSecret, grantType: "refresh_token", refreshToken }),
  }, 10_000);
  if (response.status !== 200) return undefined;
  const body = parseJson("SSO OIDC", response.text, "the CreateToken response");
  if (typeof body.accessToken !== "string" || typeof body.expiresIn !== "number") return undefined;
  const expiresAt = host.now() + body.expiresIn * 1000;
  const updated = {
    ...cached,
    accessToken: body.accessToken,
    expiresAt: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
    refreshToken: typeof body.refreshToken === "string" ? body.refreshToken : refreshToken,
  };
  await host.writeFile?.(file, JSON.stringify(updated, null, 2)).catch(() => {});
  return { accessToken: body.accessToken, expiresAt };
}

/**
 * Loading the AWS shared `config` and `credentials` files into profiles, and the profile's region.
 *
 * This module is browser compatible (the files are read through the host).
 *
 * @module
 */
import { CredentialsError } from "./errors.ts";
import { type Host, resolveHost } from "./host.ts";
import { type IniSections, parseIni } from "./ini.ts";
import { expandHome } from "./_util.ts";

/** The profiles and SSO sessions of the shared files. */
export interface SharedConfig {
  /** Profiles by name: the config file's settings, overridden by the credentials file's. */
  profiles: IniSections;
  /** The config file's `[sso-session NAME]` sections by name. */
  ssoSessions: IniSections;
  /** The files that exist and were read. */
  files: string[];
  /** The files looked for. */
  paths: string[];
}

/** Options of the functions that read the shared files. */
export interface ProfileOptions {
  /** The profile to use; default `AWS_PROFILE`, then `default`. */
  profile?: string;
  /** Effects to inject (environment, files, fetch, clock); the rest come from the runtime. */
  host?: Partial<Host>;
}

/**
 * Reads the shared files: `AWS_CONFIG_FILE` (default `~/.aws/config`, where `[profile NAME]`,
 * `[default]` and `[sso-session NAME]` count, NAME optionally quoted) and `AWS_SHARED_CREDENTIALS_FILE` (default
 * `~/.aws/credentials`, where every `[NAME]` is a profile). A missing file counts as empty.
 *
 * @param host The effects to read them with.
 * @returns The merged profiles and SSO sessions.
 * @throws {CredentialsError} When a file is malformed (naming the file and line) or unreadable.
 * @example
 * ```ts
 * import { loadSharedConfig } from "@dynafetch/dynafetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const files: Record<string, string> = { "/h/.aws/config": "[profile dev]\nregion = eu-west-1\n" };
 * const config = await loadSharedConfig({
 *   env: {},
 *   homeDir: "/h",
 *   readFile: (path) => Promise.resolve(files[path]),
 *   run: () => Promise.reject(new Error("unused")),
 *   fetch,
 *   now: Date.now,
 * });
 * assertEquals(config.profiles.dev.region, "eu-west-1");
 * ```
 */
export async function loadSharedConfig(host: Host): Promise<SharedConfig> {
  const home = host.homeDir === undefined
    ? undefined
    : (file: string) => `${host.homeDir}/.aws/${file}`;
  const configPath = host.env.AWS_CONFIG_FILE ?? home?.("config");
  const credentialsPath = host.env.AWS_SHARED_CREDENTIALS_FILE ?? home?.("credentials");
  const paths = [configPath, credentialsPath].filter((p) => p !== undefined).map((p) =>
    expandHome(host, p)
  );
  const read = async (path: string | undefined): Promise<IniSections> => {
    if (path === undefined) return {};
    path = expandHome(host, path);
    let text: string | undefined;
    try {
      text = await host.readFile(path);
    } catch (error) {
      throw new CredentialsError(path, "cannot read the file", { cause: error });
    }
    if (text === undefined) return {};
    files.push(path);
    return parseIni(text, path);
  };
  const files: string[] = [];
  const config = await read(configPath);
  const credentials = await read(credentialsPath);
  const profiles: IniSections = Object.create(null);
  const ssoSessions: IniSections = Object.create(null);
  for (const [name, settings] of Object.entries(config)) {
    const match = /^(profile|sso-session)\s+(["']?)(\S+?)\2$/.exec(name);
    const target = match?.[1] === "sso-session" ? ssoSessions : profiles;
    const key = match ? match[3] : name === "default" ? name : undefined;
    if (key !== undefined) {
      target[key] = Object.assign(target[key] ?? Object.create(null), settings);
    }
  }
  for (const [name, settings] of Object.entries(credentials)) {
    profiles[name] = Object.assign(profiles[name] ?? Object.create(null), settings);
  }
  return { profiles, ssoSessions, files, paths };
}

/**
 * The profile's `region` setting, for a client's default region.
 *
 * @param options The profile (default `AWS_PROFILE`, then `default`) and effects to inject.
 * @returns The region, or `undefined` when the files or the profile have none.
 * @throws {CredentialsError} When a file is malformed.
 * @example
 * ```ts
 * import { regionFromProfile } from "@dynafetch/dynafetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const region = await regionFromProfile({
 *   host: { env: { AWS_CONFIG_FILE: "/nonexistent/config" }, homeDir: undefined },
 * });
 * assertEquals(region, undefined);
 * ```
 */
export async function regionFromProfile(options: ProfileOptions = {}): Promise<string | undefined> {
  const host = await resolveHost(options.host);
  const { profiles } = await loadSharedConfig(host);
  return profiles[profileName(options, host)]?.region || undefined;
}

/**
 * The selected profile's name: the option, then `AWS_PROFILE`, then `default`.
 *
 * @param options The profile option.
 * @param host The effects (its environment is read).
 * @returns The profile name.
 * @example
 * ```ts
 * import { profileName, resolveHost } from "@dynafetch/dynafetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const host = await resolveHost({ env: { AWS_PROFILE: "dev" } });
 * assertEquals(profileName({}, host), "dev");
 * assertEquals(profileName({ profile: "prod" }, host), "prod");
 * assertEquals(profileName({}, await resolveHost({ env: {} })), "default");
 * ```
 */
export function profileName(options: ProfileOptions, host: Host): string {
  return options.profile ?? (host.env.AWS_PROFILE || "default");
}

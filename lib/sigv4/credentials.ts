/**
 * AWS credentials and the functions that provide them: fixed keys, the environment (the process's, or a
 * Cloudflare Workers `env` object), a provider refreshed ahead of expiry, and a chain of providers.
 *
 * Credentials made here keep `secretAccessKey` and `sessionToken` out of `String()`, `JSON.stringify`,
 * `Deno.inspect` and `util.inspect`: they are non-enumerable properties (read them by name; a spread
 * `{ ...credentials }` drops them).
 *
 * This module is browser compatible. `fromEnv`'s providers and `regionFromEnv` load their implementation
 * (`_from_env.ts`) on first use; reading the process environment imports `lib/adapters/env.ts` on first
 * use too.
 *
 * @module
 */
import { DynafetchError } from "../errors.ts";
import { checkCredentials, kind } from "./_check.ts";

export { checkCredentials };

/** An AWS access key pair, with the session token and expiry of temporary credentials. */
export interface Credentials {
  /** The access key id, like `AKIDEXAMPLE`. */
  accessKeyId: string;
  /** The secret access key. */
  secretAccessKey: string;
  /** The session token of temporary credentials. */
  sessionToken?: string;
  /** When temporary credentials stop working. */
  expiration?: Date;
}

/**
 * An async source of credentials; `forceRefresh` asks it to skip any cache (after the service said the
 * token expired, say).
 */
export type CredentialsProvider = (options?: { forceRefresh?: boolean }) => Promise<Credentials>;

function show(this: Credentials): string {
  return "Credentials " + JSON.stringify({
    ...this,
    secretAccessKey: "[redacted]",
    ...this.sessionToken ? { sessionToken: "[redacted]" } : {},
  });
}

const hidden = (value: unknown): PropertyDescriptor => ({ value });

/**
 * Checks `credentials` and returns a copy whose secrets never show in `String()`, `JSON.stringify` or
 * inspect output.
 *
 * @param credentials The access key id, secret and optional session token and expiration.
 * @returns A frozen copy with `secretAccessKey` and `sessionToken` non-enumerable.
 * @throws {ValidationError} When the key id or secret is not a non-empty string, the token not a string,
 *   or the expiration not a valid Date.
 * @example
 * ```ts
 * import { createCredentials } from "@dynafetch/dynafetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const credentials = createCredentials({ accessKeyId: "AKID", secretAccessKey: "s3cr3t" });
 * assertEquals(credentials.secretAccessKey, "s3cr3t");
 * assert(!JSON.stringify(credentials).includes("s3cr3t"));
 * assert(!String(credentials).includes("s3cr3t"));
 * ```
 */
export function createCredentials(credentials: Credentials): Credentials {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = checkCredentials(credentials);
  // Defined properties are non-enumerable (and, frozen, read-only).
  return Object.freeze(Object.defineProperties(
    expiration === undefined ? { accessKeyId } : { accessKeyId, expiration },
    {
      secretAccessKey: hidden(secretAccessKey),
      ...(sessionToken === undefined ? {} : { sessionToken: hidden(sessionToken) }),
      toString: hidden(show),
      [Symbol.for("nodejs.util.inspect.custom")]: hidden(show),
      [Symbol.for("Deno.customInspect")]: hidden(show),
    },
  )) as Credentials; // the secret (and token) defined just above
}

/**
 * A provider that always returns the same credentials.
 *
 * @param credentials The key id, secret and optional session token.
 * @returns The provider.
 * @throws {ValidationError} When the credentials are malformed (checked at once).
 * @example
 * ```ts
 * import { staticCredentials } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const provider = staticCredentials({ accessKeyId: "AKID", secretAccessKey: "s3cr3t" });
 * assertEquals((await provider()).accessKeyId, "AKID");
 * ```
 */
export function staticCredentials(credentials: Credentials): CredentialsProvider {
  const fixed = createCredentials(credentials);
  return () => Promise.resolve(fixed);
}

/** Reading the environment, loaded on first use. */
let loaded: Promise<typeof import("./_from_env.ts")> | undefined;
const fromEnvModule = () => loaded ??= import("./_from_env.ts");

/**
 * A provider reading `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` and
 * `AWS_CREDENTIAL_EXPIRATION` from `env` (a Cloudflare Workers `env` object, say) or, when `env` is
 * omitted, from the process environment (Deno, Node, Bun) at each call.
 *
 * @param env The variables; omitted, the process environment.
 * @returns The provider; it rejects with a `DynafetchError` naming the missing variable.
 * @example
 * ```ts
 * import { fromEnv } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const provider = fromEnv({ AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "s3cr3t" });
 * assertEquals((await provider()).accessKeyId, "AKID");
 * ```
 */
export function fromEnv(env?: object): CredentialsProvider {
  let made: Promise<CredentialsProvider> | undefined;
  return (call) => (made ??= fromEnvModule().then((m) => m.fromEnv(env))).then((p) => p(call));
}

/**
 * The region from `AWS_REGION`, else `AWS_DEFAULT_REGION`, of `env` or (omitted) the process environment.
 *
 * @param env The variables; omitted, the process environment.
 * @returns The region, or `undefined` when neither is set.
 * @example
 * ```ts
 * import { regionFromEnv } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(await regionFromEnv({ AWS_DEFAULT_REGION: "eu-west-1" }), "eu-west-1");
 * ```
 */
export async function regionFromEnv(env?: object): Promise<string | undefined> {
  return (await fromEnvModule()).regionFromEnv(env);
}

/** Options of `refreshing`. */
export interface RefreshingOptions {
  /** How long before `expiration` to fetch new credentials; default 5 minutes. */
  refreshBeforeMs?: number;
  /** The clock, in milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
}

/**
 * Caches what `provider` returns until `refreshBeforeMs` before its `expiration` (forever without one);
 * concurrent callers share one refresh; `forceRefresh` skips the cache. When a refresh fails while the
 * cached credentials have not yet expired, they are returned instead (unless forced).
 *
 * @param provider The source, called once per refresh.
 * @param options The refresh margin and clock.
 * @returns The caching provider; it rejects when the source does, or returns malformed credentials.
 * @example
 * ```ts
 * import { refreshing } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * let calls = 0;
 * const provider = refreshing(() => {
 *   calls++;
 *   return Promise.resolve({ accessKeyId: "AKID", secretAccessKey: "s3cr3t" });
 * });
 * await Promise.all([provider(), provider()]);
 * await provider();
 * assertEquals(calls, 1);
 * ```
 */
export function refreshing(
  provider: CredentialsProvider,
  options: RefreshingOptions = {},
): CredentialsProvider {
  const margin = options.refreshBeforeMs ?? 300_000;
  const now = options.now ?? Date.now;
  let current: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  const until = (c: Credentials, ms: number) =>
    !c.expiration || c.expiration.getTime() - ms > now();
  return (call) => {
    const force = call?.forceRefresh === true;
    if (!force && current && until(current, margin)) return Promise.resolve(current);
    return pending ??= new Promise<Credentials>((resolve) => resolve(provider(call)))
      .then((c) => current = createCredentials(c), (error) => {
        if (!force && current && until(current, 0)) return current;
        throw error;
      })
      .finally(() => pending = undefined);
  };
}

function describe(error: unknown): string {
  return error instanceof DynafetchError
    ? error.message
    : error instanceof Error
    ? error.name
    : kind(error);
}

/**
 * Tries each provider in order and returns the first credentials one gives.
 *
 * @param providers The sources, in order of preference.
 * @returns The chained provider; it rejects with a `DynafetchError` listing why each source failed (the
 *   messages of dynafetch's own errors, the names of others; their errors are in `cause`).
 * @example
 * ```ts
 * import { chain, fromEnv, staticCredentials } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const provider = chain(fromEnv({}), staticCredentials({ accessKeyId: "AKID", secretAccessKey: "x" }));
 * assertEquals((await provider()).accessKeyId, "AKID");
 * ```
 */
export function chain(...providers: CredentialsProvider[]): CredentialsProvider {
  return async (call) => {
    const errors: unknown[] = [];
    for (const provider of providers) {
      try {
        return await provider(call);
      } catch (error) {
        errors.push(error);
      }
    }
    throw new DynafetchError(
      `no credentials provider succeeded (${errors.map(describe).join("; ") || "none given"})`,
      { cause: errors },
    );
  };
}

/**
 * Reading credentials and the region from the environment: the implementations of `fromEnv`'s providers
 * and of `regionFromEnv` (in `credentials.ts`), loaded on their first call, so that an application that
 * passes its credentials and region in never loads them.
 *
 * This module is browser compatible; reading the process environment imports `lib/adapters/env.ts` on
 * first use only.
 *
 * @module
 */
import "./mod.ts"; // for bundlers: see mod.ts
import { DynafetchError } from "../errors.ts";
import { createCredentials, type Credentials, type CredentialsProvider } from "./credentials.ts";

let adapter: Promise<typeof import("../adapters/env.ts")> | undefined;

// `env` may be any object (a Worker's typed `Env` holds other bindings too): only string values count.
async function environment(
  env: object | undefined,
  names: readonly string[],
): Promise<Record<string, string | undefined>> {
  if (env === undefined) return (await (adapter ??= import("../adapters/env.ts"))).readEnv(names);
  const out: Record<string, string | undefined> = {};
  for (const name of names) {
    const value: unknown = Reflect.get(env, name);
    if (typeof value === "string") out[name] = value;
  }
  return out;
}

const CREDENTIAL_NAMES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
];

/** See `fromEnv` in `credentials.ts`. */
export function fromEnv(env?: object): CredentialsProvider {
  let last: Credentials | undefined;
  let lastKey: string | undefined;
  return async () => {
    const e = await environment(env, CREDENTIAL_NAMES);
    for (const name of CREDENTIAL_NAMES.slice(0, 2)) {
      if (!e[name]) throw new DynafetchError(`environment: ${name} is not set`);
    }
    // The same values as last time give the same object: called per request, this allocates nothing.
    const key = CREDENTIAL_NAMES.map((name) => e[name] ?? "").join("\n");
    if (key === lastKey) return last!;
    const expiration = e.AWS_CREDENTIAL_EXPIRATION
      ? new Date(e.AWS_CREDENTIAL_EXPIRATION)
      : undefined;
    if (expiration && Number.isNaN(expiration.getTime())) {
      throw new DynafetchError("environment: AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 date");
    }
    last = createCredentials({
      accessKeyId: e.AWS_ACCESS_KEY_ID!,
      secretAccessKey: e.AWS_SECRET_ACCESS_KEY!,
      ...(e.AWS_SESSION_TOKEN ? { sessionToken: e.AWS_SESSION_TOKEN } : {}),
      ...(expiration ? { expiration } : {}),
    });
    lastKey = key;
    return last;
  };
}

/** See `regionFromEnv` in `credentials.ts`. */
export async function regionFromEnv(env?: object): Promise<string | undefined> {
  const e = await environment(env, ["AWS_REGION", "AWS_DEFAULT_REGION"]);
  return e.AWS_REGION || e.AWS_DEFAULT_REGION || undefined;
}

/**
 * Reads the process environment in Deno, Node and Bun; elsewhere (Cloudflare Workers, browsers) there is
 * none, and the result is empty. The core never imports this module statically: `fromEnv()` and
 * `regionFromEnv()` load it on first use.
 *
 * @module
 */

/** The AWS variables read one by one when Deno may not list the whole environment. */
const AWS_NAMES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
];

/**
 * The environment variables of this process: `Deno.env` in Deno, `process.env` in Node and Bun, `{}` where
 * neither exists. With `names`, only those are read, which is what a per-request caller wants: copying a
 * whole environment costs tens of microseconds, one variable well under one. Without `names`, in Deno
 * allowed only some variables (`--allow-env=NAME,...`), the AWS variables it may read.
 *
 * @param names The variables to read; omitted, all of them.
 * @returns A fresh record of the variables (a name that is not set is absent or `undefined`).
 * @example
 * ```ts
 * import { readEnv } from "./env.ts";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(typeof readEnv(), "object");
 * assertEquals(Object.keys(readEnv(["PATH"])), ["PATH"]);
 * ```
 */
export function readEnv(names?: readonly string[]): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  if (typeof Deno !== "undefined" && typeof Deno.env?.get === "function") {
    if (!names) {
      try {
        return Deno.env.toObject();
      } catch {
        names = AWS_NAMES;
      }
    }
    for (const name of names) {
      try {
        env[name] = Deno.env.get(name);
      } catch {
        // not permitted: leave it unset
      }
    }
    return env;
  }
  const process: unknown = Reflect.get(globalThis, "process");
  const vars: unknown = typeof process === "object" && process !== null
    ? Reflect.get(process, "env")
    : undefined;
  if (typeof vars !== "object" || vars === null) return env;
  for (const name of names ?? Object.keys(vars)) {
    const value: unknown = Reflect.get(vars, name);
    if (typeof value === "string") env[name] = value;
    else if (names) env[name] = undefined;
  }
  return env;
}

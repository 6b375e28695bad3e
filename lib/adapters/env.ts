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
 * The environment variables of this process: `Deno.env` in Deno (with only `--allow-env=NAME,...`, the
 * AWS variables it may read), `process.env` in Node and Bun, `{}` where neither exists.
 *
 * @returns A fresh record of the variables.
 * @example
 * ```ts
 * import { readEnv } from "./env.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(typeof readEnv(), "object");
 * ```
 */
export function readEnv(): Record<string, string | undefined> {
  if (typeof Deno !== "undefined" && typeof Deno.env?.toObject === "function") {
    try {
      return Deno.env.toObject();
    } catch {
      const env: Record<string, string | undefined> = {};
      for (const name of AWS_NAMES) {
        try {
          env[name] = Deno.env.get(name);
        } catch {
          // not permitted: leave it unset
        }
      }
      return env;
    }
  }
  const process: unknown = Reflect.get(globalThis, "process");
  const env: unknown = typeof process === "object" && process !== null
    ? Reflect.get(process, "env")
    : undefined;
  if (typeof env !== "object" || env === null) return {};
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") out[name] = value;
  return out;
}

/**
 * Validation of what is signed: the credentials, and the region, service, date and hashing of a
 * signature; every failure a `ValidationError` that shows a value only when it is never secret.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { fail } from "../errors.ts";
import type { Credentials } from "./credentials.ts";

/** What `typeof` says, with `null` and arrays told apart; for error messages that never show values. */
export function kind(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

/**
 * Throws a `ValidationError` at `path` unless `ok`. It shows a string or number `value` itself, unless
 * `secret`, when only its kind shows (`""` and an invalid Date are named as such).
 */
export function need(
  ok: unknown,
  path: string,
  allowed: string,
  value: unknown,
  secret?: boolean,
): asserts ok {
  if (!ok) {
    fail(
      "invalid value",
      path,
      secret
        ? value === "" ? "an empty string" : value instanceof Date ? "an invalid Date" : kind(value)
        : typeof value === "string"
        ? JSON.stringify(value.slice(0, 40))
        : typeof value === "number"
        ? String(value)
        : kind(value),
      allowed,
    );
  }
}

// deno-lint-ignore no-control-regex
const NO_CONTROL = /^[^\0-\x1f\x7f]*$/;
const NON_EMPTY = "a non-empty string";
const PLAIN = " without control characters";

/**
 * Throws a `ValidationError` (naming the field, never its value) unless `credentials` is well formed.
 *
 * @param credentials What to check.
 * @param path Where the credentials came from, for the error's `path`.
 * @returns The same object, typed.
 * @throws {ValidationError} When a field is missing or of the wrong type, or the key id or the token
 *   holds a control character.
 * @example
 * ```ts
 * import { checkCredentials, ValidationError } from "@dynafetch/dynafetch";
 * import { assertThrows } from "@std/assert";
 *
 * assertThrows(() => checkCredentials({ accessKeyId: "AKID" }), ValidationError);
 * ```
 */
export function checkCredentials(credentials: unknown, path = "credentials"): Credentials {
  need(typeof credentials === "object" && credentials, path, "an object", credentials, true);
  const { accessKeyId: id, secretAccessKey: secret, sessionToken: token, expiration: until }:
    Partial<Record<keyof Credentials, unknown>> = credentials;
  // The key id and the token travel in headers: a control character there would split a header (and
  // fetch would repeat the value in its error), so it is refused, without showing the value.
  need(
    typeof id === "string" && id && NO_CONTROL.test(id),
    path + ".accessKeyId",
    NON_EMPTY + PLAIN,
    id,
    true,
  );
  need(
    typeof secret === "string" && secret,
    path + ".secretAccessKey",
    NON_EMPTY,
    secret,
    true,
  );
  need(
    token === undefined || typeof token === "string" && NO_CONTROL.test(token),
    path + ".sessionToken",
    "a string" + PLAIN,
    token,
    true,
  );
  need(
    until === undefined || until instanceof Date && until.getTime() === until.getTime(),
    path + ".expiration",
    "a valid Date",
    until,
    true,
  );
  return credentials as Credentials; // every field checked above
}

const NAME = /^[\w.-]+$/;

function checkName(name: unknown, path: string): void {
  need(
    typeof name === "string" && NAME.test(name),
    path,
    "letters, digits, '.', '-' or '_'",
    name,
  );
}

/**
 * Checks what every signature takes, in this order, and returns the credentials typed.
 *
 * @throws {ValidationError} At `options.credentials`, `options.region`, `options.service`,
 *   `options.date` or `options.hashing`.
 */
export function checkSigning(
  credentials: unknown,
  region: unknown,
  service: unknown,
  date: unknown,
  mode: unknown,
): Credentials {
  const checked = checkCredentials(credentials, "options.credentials");
  checkName(region, "options.region");
  checkName(service, "options.service");
  // x-amz-date has four digits for the year; before 1970 no AWS key existed.
  need(
    date instanceof Date && date.getTime() >= 0 && date.getTime() < 253402300800000,
    "options.date",
    "a Date from 1970 to 9999",
    date,
  );
  need(
    mode === "auto" || mode === "js" || mode === "webcrypto",
    "options.hashing",
    '"auto", "js" or "webcrypto"',
    mode,
  );
  return checked;
}

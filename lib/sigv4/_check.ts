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

const NON_EMPTY = "a non-empty string";
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;
const FIELDS = ["accessKeyId", "secretAccessKey", "sessionToken", "expiration"] as const;

/**
 * Throws a `ValidationError` (naming the field, never its value) unless `credentials` is well formed.
 *
 * @param credentials What to check.
 * @param path Where the credentials came from, for the error's `path`.
 * @returns The same object, typed.
 * @throws {ValidationError} When a field is missing or of the wrong type.
 * @example
 * ```ts
 * import { checkCredentials, ValidationError } from "@dynafetch/dynafetch";
 * import { assertThrows } from "@std/assert";
 *
 * assertThrows(() => checkCredentials({ accessKeyId: "AKID" }), ValidationError);
 * ```
 */
export function checkCredentials(credentials: unknown, path = "credentials"): Credentials {
  need(
    typeof credentials === "object" && credentials,
    path,
    "{ accessKeyId, secretAccessKey, sessionToken?, expiration? }",
    credentials,
    true,
  );
  const c: Partial<Record<keyof Credentials, unknown>> = credentials;
  for (let i = 0; i < 4; i++) {
    const field = FIELDS[i], v = c[field];
    need(
      i < 2 ? typeof v === "string" && v : v === undefined ||
        (i < 3 ? typeof v === "string" : v instanceof Date && !Number.isNaN(v.getTime())),
      path + "." + field,
      i < 2 ? NON_EMPTY : i < 3 ? "a string" : "a valid Date",
      v,
      true,
    );
    // The key id and the token travel in headers: a control character there would split a header (and
    // fetch would repeat the value in its error), so it is refused here, without showing the value.
    if ((i === 0 || i === 2) && typeof v === "string" && CONTROL.test(v)) {
      fail(
        "invalid value",
        path + "." + field,
        "a string with a control character",
        "no control characters (CR, LF, NUL...)",
      );
    }
  }
  return credentials as Credentials; // every field checked above
}

const NAME = /^[\w.-]+$/;

function checkName(name: unknown, path: string): void {
  need(
    typeof name === "string" && NAME.test(name),
    path,
    "a name of letters, digits, '-', '_' and '.'",
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

/**
 * The error classes every layer shares: `DynafetchError`, the root of every error dynafetch throws, and
 * `ValidationError`, bad input caught before anything is sent.
 *
 * This module is browser compatible.
 *
 * @module
 */

/**
 * The root of every error dynafetch throws, so one `instanceof` check tells a caller's own bugs apart from
 * ours and the service's.
 *
 * @example
 * ```ts
 * import { DynafetchError, ValidationError } from "@dynafetch/dynafetch";
 * import { assert } from "@std/assert";
 *
 * assert(new ValidationError("bad", { path: "a" }) instanceof DynafetchError);
 * ```
 */
export class DynafetchError extends Error {
  /** Makes an error with `message` and an optional `cause`. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Our classes are named on their prototypes (nameErrors); a subclass of yours goes by its own name.
    if (!Object.hasOwn(new.target.prototype, "name")) this.name = new.target.name;
  }
}

/** What a `ValidationError` says of the input it rejects. */
export interface ValidationErrorDetails {
  /** Where the bad value is, like `address.geo[2]`; `""` for the value itself. */
  path?: string;
  /** A short description of what was found, like `NaN` or `a Date`. */
  found?: string;
  /** What is allowed there. */
  allowed?: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * Bad input, caught before anything is sent: the message names the attribute path, what was found and what
 * is allowed.
 *
 * @example
 * ```ts
 * import { encode, ValidationError } from "@dynafetch/dynafetch";
 * import { assert, assertEquals, fail } from "@std/assert";
 *
 * try {
 *   encode({ geo: [1, NaN] });
 *   fail("expected a ValidationError");
 * } catch (error) {
 *   assert(error instanceof ValidationError);
 *   assertEquals(error.path, "geo[1]");
 * }
 * ```
 */
export class ValidationError extends DynafetchError {
  /** Where the bad value is, like `address.geo[2]`; `""` for the value itself. */
  declare readonly path: string;
  /** What was found, when the check knows. */
  declare readonly found?: string;
  /** What is allowed there, when the check knows. */
  declare readonly allowed?: string;

  /**
   * Makes a validation error. When `found` or `allowed` are given, the message says them, so that every
   * message names what was found and what is allowed.
   */
  constructor(message: string, details: ValidationErrorDetails = {}) {
    const { path = "", found, allowed, cause } = details;
    super(
      (path && path + ": ") + message + (found === undefined ? "" : "; found " + found) +
        (allowed === undefined ? "" : "; allowed: " + allowed),
      cause === undefined ? undefined : { cause },
    );
    Object.assign(this, { path, found, allowed });
  }
}

/**
 * Gives error classes their `name`s as written, on their prototypes: a minifier renames classes, and
 * `error.name` (what logs and `toString()` show) must still read `ConditionalCheckFailedError`.
 *
 * @param names The class names, separated by spaces.
 * @param classes The classes, in the same order.
 */
export function nameErrors(names: string, ...classes: { prototype: Error }[]): void {
  names.split(" ").forEach((name, i) =>
    Object.defineProperty(classes[i].prototype, "name", {
      value: name,
      writable: true,
      configurable: true,
    })
  );
}

nameErrors("DynafetchError ValidationError", DynafetchError, ValidationError);

/**
 * A `ValidationError` from positional parts, for the many checks that name all of them (internal: not
 * re-exported by mod.ts).
 *
 * @param path Where the bad value is.
 * @param message What is wrong.
 * @param found What was found.
 * @param allowed What is allowed there.
 * @param cause The underlying error, if any.
 * @returns The error (not thrown).
 */
export function invalid(
  path: string,
  message: string,
  found?: string,
  allowed?: string,
  cause?: unknown,
): ValidationError {
  return new ValidationError(message, { path, found, allowed, cause });
}

/**
 * Throws a `ValidationError` saying `message` about `path`, with what was found and what is allowed: the
 * one helper the layers share to report bad input (internal; not re-exported by mod.ts).
 *
 * @param message What is wrong.
 * @param path Where.
 * @param found What was found (never a secret).
 * @param allowed What is allowed.
 * @throws {ValidationError} Always.
 */
export function fail(message: string, path: string, found?: string, allowed?: string): never {
  throw invalid(path, message, found, allowed);
}

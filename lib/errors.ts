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
 * import assert from "node:assert/strict";
 *
 * assert.ok(new ValidationError("bad", { path: "a" }) instanceof DynafetchError);
 * ```
 */
export class DynafetchError extends Error {
  /** Makes an error with `message` and an optional `cause`. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
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
 * import assert from "node:assert/strict";
 *
 * try {
 *   encode({ geo: [1, NaN] });
 *   assert.fail("expected a ValidationError");
 * } catch (error) {
 *   assert.ok(error instanceof ValidationError);
 *   assert.equal(error.path, "geo[1]");
 * }
 * ```
 */
export class ValidationError extends DynafetchError {
  /** Where the bad value is, like `address.geo[2]`; `""` for the value itself. */
  readonly path: string;
  /** What was found, when the check knows. */
  readonly found?: string;
  /** What is allowed there, when the check knows. */
  readonly allowed?: string;

  /**
   * Makes a validation error. When `found` or `allowed` are given and the message does not already say them,
   * they are appended, so every message names what was found and what is allowed.
   */
  constructor(message: string, details: ValidationErrorDetails = {}) {
    const path = details.path ?? "";
    let text = path ? `${path}: ${message}` : message;
    if (details.found !== undefined) text += `; found ${details.found}`;
    if (details.allowed !== undefined) text += `; allowed: ${details.allowed}`;
    super(text, details.cause === undefined ? undefined : { cause: details.cause });
    this.path = path;
    if (details.found !== undefined) this.found = details.found;
    if (details.allowed !== undefined) this.allowed = details.allowed;
  }
}

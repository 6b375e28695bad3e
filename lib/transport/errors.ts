/**
 * Failures of the exchange itself, before the service could answer: network errors, timeouts and
 * checksum mismatches. All are retried; these classes are what is thrown when the attempts run out.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { DynafetchError, nameErrors } from "../errors.ts";

/**
 * The base of the transport errors: retried, then thrown with the number of `attempts` made.
 *
 * @example
 * ```ts
 * import { NetworkError, TransportError } from "@dynafetch/dynafetch";
 * import { assert } from "@std/assert";
 *
 * assert(new NetworkError("connection reset") instanceof TransportError);
 * ```
 */
export class TransportError extends DynafetchError {
  /** Transport errors are always retried while attempts remain. */
  readonly retryable = true;
  /** How many attempts were made before this error was thrown. */
  attempts = 1;
}

/**
 * `fetch` failed: DNS, connection refused or reset, TLS, or the body could not be read.
 *
 * @example
 * ```ts
 * import { NetworkError } from "@dynafetch/dynafetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const error = new NetworkError("connection refused");
 * assert(error.retryable);
 * assertEquals(error.attempts, 1);
 * ```
 */
export class NetworkError extends TransportError {}

/**
 * One attempt took longer than `timeoutMs`.
 *
 * @example
 * ```ts
 * import { TimeoutError, TransportError } from "@dynafetch/dynafetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const error = new TimeoutError("attempt took over 1000 ms");
 * assert(error instanceof TransportError);
 * assertEquals(error.message, "attempt took over 1000 ms");
 * ```
 */
export class TimeoutError extends TransportError {}

/**
 * The `x-amz-crc32` header does not match the body: it was damaged on the way.
 *
 * @example
 * ```ts
 * import { ChecksumError } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const error = new ChecksumError(123, 456);
 * assertEquals(error.expected, 123);
 * assertEquals(error.actual, 456);
 * ```
 */
export class ChecksumError extends TransportError {
  /** The checksum the header announced. */
  declare readonly expected: number;
  /** The checksum of the body received. */
  declare readonly actual: number;

  /** Makes the error for a body whose CRC-32 is `actual` where the header said `expected`. */
  constructor(expected: number, actual: number) {
    super(`body CRC-32 ${actual}, x-amz-crc32 ${expected}`);
    this.expected = expected;
    this.actual = actual;
  }
}

nameErrors(
  "TransportError NetworkError TimeoutError ChecksumError",
  TransportError,
  NetworkError,
  TimeoutError,
  ChecksumError,
);

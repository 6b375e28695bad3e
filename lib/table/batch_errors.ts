/**
 * The errors and options of batch operations: `BatchWriteError` lists exactly the writes that were not
 * applied, `BatchGetError` the keys that were not read; both after the retries of unprocessed items ran out.
 *
 * ```ts
 * import { BatchWriteError, DynafetchError } from "@dynafetch/dynafetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const error = new BatchWriteError([{ table: "t01", put: { id: 1 } }], 10);
 * assert(error instanceof DynafetchError);
 * assertEquals(error.message, "1 of 10 batch write requests were not applied: unprocessed after all attempts");
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { AttributeMap } from "../codec/mod.ts";
import { DynafetchError, nameErrors } from "../errors.ts";
import type { WriteRequest } from "../operations/mod.ts";
import type { Sleep } from "../transport/mod.ts";

/** A write that was not applied, decoded: a put of an item or a delete of a key, in a table. */
export type UnappliedWrite =
  | { table: string; put: Record<string, unknown> }
  | { table: string; delete: Record<string, unknown> };

/** One write of a batch, in wire form, with the table it goes to. */
export interface TableWrite {
  /** The table name. */
  table: string;
  /** The PutRequest or DeleteRequest. */
  request: WriteRequest;
}

/** How batch operations retry unprocessed requests. */
export interface BatchRetryOptions {
  /**
   * How many requests in a row may apply nothing (everything comes back unprocessed) before giving up;
   * default 10.
   */
  maxAttempts?: number;
  /** Requests sent at once; default 1. Only for writes whose keys are all different. */
  concurrency?: number;
  /** Aborts the waits and the requests. */
  signal?: AbortSignal;
  /** Decodes items and keys for error reports. */
  decode?: (item: AttributeMap) => Record<string, unknown>;
  /** How to wait between attempts. Default: `setTimeout`, cancelled on abort. */
  sleep?: Sleep;
  /** Numbers in [0, 1) for backoff jitter. Default `Math.random`. */
  random?: () => number;
}

/**
 * Some writes of a batch were not applied: `unprocessed` lists exactly those, decoded. When a request failed
 * outright (`cause` is set, like a network error after the client's retries), that request's writes are
 * listed too, although the service may have applied them.
 *
 * @example
 * ```ts
 * import { BatchWriteError } from "@dynafetch/dynafetch";
 * import { assertMatch } from "@std/assert";
 *
 * const error = new BatchWriteError([{ table: "t01", delete: { id: 1 } }], 3);
 * assertMatch(error.message, /1 of 3/);
 * ```
 */
export class BatchWriteError extends DynafetchError {
  /** The writes that were not applied. */
  readonly unprocessed: UnappliedWrite[];

  /**
   * Makes the error.
   *
   * @param unprocessed The writes not applied.
   * @param total How many writes the batch had.
   * @param cause The error that stopped the batch, if one did.
   */
  constructor(unprocessed: UnappliedWrite[], total: number, cause?: unknown) {
    super(
      why(`${unprocessed.length} of ${total} batch write requests were not applied`, cause),
      cause === undefined ? undefined : { cause },
    );
    this.unprocessed = unprocessed;
  }
}

/**
 * Some keys of a batch read could not be read: `unprocessedKeys` lists them by table (decoded) and `items`
 * holds what was read (wire form) by table.
 *
 * @example
 * ```ts
 * import { BatchGetError } from "@dynafetch/dynafetch";
 * import { assertMatch } from "@std/assert";
 *
 * const error = new BatchGetError({ t01: [{ id: 1 }] }, {});
 * assertMatch(error.message, /1 key/);
 * ```
 */
export class BatchGetError extends DynafetchError {
  /** The keys not read, decoded, by table. */
  readonly unprocessedKeys: Record<string, Record<string, unknown>[]>;
  /** The items read before giving up, by table, in wire form. */
  readonly items: Record<string, AttributeMap[]>;

  /**
   * Makes the error.
   *
   * @param unprocessedKeys The keys not read, by table.
   * @param items The items read, by table.
   * @param cause The error that stopped the batch, if one did.
   */
  constructor(
    unprocessedKeys: Record<string, Record<string, unknown>[]>,
    items: Record<string, AttributeMap[]>,
    cause?: unknown,
  ) {
    const n = Object.values(unprocessedKeys).flat().length;
    super(
      why(`${n} key(s) of a batch read were not read`, cause),
      cause === undefined ? undefined : { cause },
    );
    this.unprocessedKeys = unprocessedKeys;
    this.items = items;
  }
}

// The message of a batch error: what was not done, then why. (Its arguments to super are written out,
// not spread: JSR's type output cannot take a spread there.)
function why(what: string, cause: unknown): string {
  return what +
    (cause instanceof Error ? `: ${cause.message}` : ": unprocessed after all attempts");
}

nameErrors("BatchWriteError BatchGetError", BatchWriteError, BatchGetError);

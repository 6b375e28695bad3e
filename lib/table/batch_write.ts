/**
 * Batch writes of any size: `batchWriteAll` sends puts and deletes in BatchWriteItem requests of 25,
 * retries `UnprocessedItems` with backoff, and when attempts run out throws a `BatchWriteError` listing
 * exactly the requests that were not applied.
 *
 * ```ts
 * import { batchWriteAll } from "@dynafetch/dynafetch";
 * import assert from "node:assert/strict";
 *
 * const sizes: number[] = [];
 * const writes = Array.from({ length: 60 }, (_, i) => ({
 *   table: "t01",
 *   request: { PutRequest: { Item: { id: { N: String(i) } } } },
 * }));
 * await batchWriteAll((input) => {
 *   sizes.push(input.RequestItems.t01.length);
 *   return Promise.resolve({});
 * }, writes);
 * assert.deepEqual(sizes, [25, 25, 10]);
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import { type AttributeMap, decodeItem } from "../codec/mod.ts";
import { DynafetchError } from "../errors.ts";
import type {
  BatchWriteItemInput,
  BatchWriteItemOutput,
  WriteRequest,
} from "../operations/item_operations.ts";
import { backoffDelay, type Sleep, sleep } from "../transport/mod.ts";

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
 * import assert from "node:assert/strict";
 *
 * const error = new BatchWriteError([{ table: "t01", delete: { id: 1 } }], 3);
 * assert.match(error.message, /1 of 3/);
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
      `${unprocessed.length} of ${total} batch write requests were not applied` +
        (cause instanceof Error ? `: ${cause.message}` : ": unprocessed after all attempts"),
      cause === undefined ? undefined : { cause },
    );
    this.unprocessed = unprocessed;
  }
}

/**
 * Applies any number of writes in BatchWriteItem requests of at most 25, retrying unprocessed ones with
 * exponential backoff until all are applied. Each chunk is finished (retries included) before the next
 * starts, unless `concurrency` is above 1, so writes to one key apply in order.
 *
 * @param send Sends one BatchWriteItem request (normally `client.batchWriteItem`).
 * @param writes The writes, in order.
 * @param options Retry, concurrency and cancellation options.
 * @returns When every write was applied.
 * @throws {BatchWriteError} When attempts run out or a request fails; it lists the writes not applied.
 *
 * @example
 * ```ts
 * import { BatchWriteError, batchWriteAll } from "@dynafetch/dynafetch";
 * import assert from "node:assert/strict";
 *
 * const put = { table: "t01", request: { PutRequest: { Item: { id: { S: "a" } } } } };
 * const stubborn = () => Promise.resolve({ UnprocessedItems: { t01: [put.request] } });
 * const sleep = () => Promise.resolve();
 * await assert.rejects(batchWriteAll(stubborn, [put], { maxAttempts: 3, sleep }), BatchWriteError);
 * ```
 */
export async function batchWriteAll(
  send: (input: BatchWriteItemInput, signal?: AbortSignal) => Promise<BatchWriteItemOutput>,
  writes: readonly TableWrite[],
  options: BatchRetryOptions = {},
): Promise<void> {
  const { maxAttempts = 10, concurrency = 1, signal, sleep: wait = sleep, random = Math.random } =
    options;
  const decode = options.decode ?? decodeItem;
  const failed: TableWrite[][] = [];
  let cause: unknown;
  let next = 0;
  const worker = async () => {
    while (!failed.length && next < writes.length) {
      let left = writes.slice(next, next += 25);
      let idle = 0;
      try {
        for (let attempt = 0; left.length; attempt++) {
          if (attempt) await wait(backoffDelay(attempt, random, 50, 5000), signal);
          const input: BatchWriteItemInput = { RequestItems: {} };
          for (const w of left) (input.RequestItems[w.table] ??= []).push(w.request);
          const out = await send(input, signal);
          const back: TableWrite[] = [];
          for (const [table, requests] of Object.entries(out.UnprocessedItems ?? {})) {
            for (const request of requests) back.push({ table, request });
          }
          idle = back.length < left.length ? 0 : idle + 1;
          left = back;
          if (idle >= maxAttempts) break;
        }
      } catch (error) {
        cause ??= error;
      }
      if (left.length) failed.push(left);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failed.length) {
    const unprocessed = [...failed.flat(), ...writes.slice(next)].map(describeWrite(decode));
    throw new BatchWriteError(unprocessed, writes.length, cause);
  }
}

/** Decodes a wire write for an error report (internal). */
export function describeWrite(
  decode: (item: AttributeMap) => Record<string, unknown>,
): (write: TableWrite) => UnappliedWrite {
  return ({ table, request }) =>
    "PutRequest" in request
      ? { table, put: decode(request.PutRequest.Item) }
      : { table, delete: decode(request.DeleteRequest.Key) };
}

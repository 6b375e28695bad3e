// Batch writes of any size (internal; `table.batchWrite`, `table.batchWriter` and their tests use it, loaded
// on first use): BatchWriteItem requests of 25, unprocessed items retried with backoff, a BatchWriteError
// listing exactly the writes not applied when attempts run out.
// For bundlers, see _lazy.ts:
import "../client/dynamodb.ts";
import "./database.ts";
import "./table.ts";
import { type AttributeMap, decodeItem } from "../codec/mod.ts";
import { ValidationError } from "../errors.ts";
import type {
  BatchWriteItemInput,
  BatchWriteItemOutput,
  WriteRequest,
} from "../operations/item_operations.ts";
import { backoffDelay, sleep } from "../transport/mod.ts";
import { checkItemSize } from "./_item_size.ts";
import { keyNames, keyString } from "./_keys.ts";
import {
  type BatchRetryOptions,
  BatchWriteError,
  type TableWrite,
  type UnappliedWrite,
} from "./batch_errors.ts";
import type { KeyInput } from "./schema.ts";
import type { Table } from "./table.ts";

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

/** What a batch writer failed to apply so far, and the first error that stopped one of its batches. */
export interface WriterFailures {
  unapplied: UnappliedWrite[];
  cause?: unknown;
}

/**
 * Sends one batch of a batch writer (after the batches before it): after an earlier failure nothing is
 * sent and the batch is rejected as not applied; a failure is recorded in `failures`. With `total` (the
 * last batch, on `close()`), a failure of the batch itself is not reported alone: when any write of the
 * writer was not applied, the rejection lists all of them, out of `total` writes.
 */
export async function flushWriter(
  table: Table<object>,
  batch: TableWrite[],
  options: BatchRetryOptions,
  failures: WriterFailures,
  total?: number,
): Promise<void> {
  const sent = sendBatch(table, batch, options, failures);
  if (total === undefined) return sent;
  await sent.catch(() => {});
  const { unapplied, cause } = failures;
  if (unapplied.length) throw new BatchWriteError(unapplied, total, cause);
}

async function sendBatch(
  table: Table<object>,
  batch: TableWrite[],
  options: BatchRetryOptions,
  failures: WriterFailures,
): Promise<void> {
  const { unapplied } = failures;
  const decode = options.decode ?? tableDecoder(table);
  if (unapplied.length) {
    unapplied.push(...batch.map(describeWrite(decode)));
    throw new BatchWriteError(unapplied.slice(-batch.length), batch.length, failures.cause);
  }
  if (!batch.length) return;
  try {
    await batchWriteAll(
      (input, signal) => table.client.batchWriteItem(input, { signal }),
      batch,
      { ...options, decode, concurrency: 1 },
    );
  } catch (error) {
    if (error instanceof BatchWriteError) {
      unapplied.push(...error.unprocessed);
      failures.cause ??= error.cause ?? error;
    }
    throw error;
  }
}

// Decodes items and keys of `table` for error reports, with its codec options.
const tableDecoder = (table: Table<object>) => (item: AttributeMap) =>
  decodeItem(item, table.codec);

/** The error of a batch writer's write that is not buffered: after `close()`, or a duplicate key `id`. */
export function writerRejection(id: string | undefined): ValidationError {
  return id === undefined
    ? new ValidationError("the batch writer is closed", {
      path: "",
      found: "a write after close()",
      allowed: "writes before close()",
    })
    : new ValidationError("duplicate key in a batch", {
      path: "",
      found: id,
      allowed: 'each key once per batch of 25, or duplicates: "lastWriteWins"',
    });
}

/**
 * Applies the puts and deletes of one table (what `table.batchWrite` does): keys are checked, duplicate
 * keys rejected or resolved last-write-wins (puts before deletes, each in order), then `batchWriteAll`.
 *
 * @param table The table.
 * @param request The items to put and the keys to delete.
 * @param options Duplicate handling, retries, concurrency (default 4: the keys are all different).
 * @returns When everything was applied.
 * @throws {ValidationError} For a bad item or key, an item over 400 KB (its `found` names the item's index in
 * `puts` and its key), or a duplicate key with `duplicates: "reject"`; then nothing is sent.
 * @throws {BatchWriteError} Listing the writes not applied.
 */
export function batchWriteTable<T extends object>(
  table: Table<T>,
  request: { puts?: readonly T[]; deletes?: readonly KeyInput[] },
  options: BatchRetryOptions & { duplicates?: "lastWriteWins" | "reject" },
): Promise<void> {
  const names = keyNames(table.schema);
  const writes = new Map<string, TableWrite>();
  const add = (id: string, request: WriteRequest) => {
    if (options.duplicates === "reject" && writes.has(id)) {
      throw new ValidationError("duplicate key in a batch write", {
        path: "",
        found: id,
        allowed: 'each key once, or duplicates: "lastWriteWins"',
      });
    }
    writes.delete(id);
    writes.set(id, { table: table.name, request });
  };
  (request.puts ?? []).forEach((put, i) => {
    const Item = table.encodeItem(put);
    const id = keyString(Item, names);
    checkItemSize(Item, "", ` (puts[${i}], key ${id})`);
    add(id, { PutRequest: { Item } });
  });
  for (const del of request.deletes ?? []) {
    const Key = table.key(del);
    add(keyString(Key, names), { DeleteRequest: { Key } });
  }
  return batchWriteAll(
    (input, signal) => table.client.batchWriteItem(input, { signal }),
    [...writes.values()],
    { concurrency: 4, decode: tableDecoder(table), ...options },
  );
}

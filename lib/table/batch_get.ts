/**
 * Batch reads of any size: `batchGetAll` sends keys in BatchGetItem requests of 100 (over any tables),
 * drops duplicate keys, and retries `UnprocessedKeys` with backoff; when attempts run out it throws a
 * `BatchGetError` with the items read and the keys that were not.
 *
 * ```ts
 * import { batchGetAll } from "@dynafetch/dynafetch";
 * import assert from "node:assert/strict";
 *
 * const keys = Array.from({ length: 150 }, (_, i) => ({ id: { N: String(i % 120) } }));
 * const sizes: number[] = [];
 * const found = await batchGetAll((input) => {
 *   sizes.push(input.RequestItems.t01.Keys.length);
 *   return Promise.resolve({ Responses: { t01: input.RequestItems.t01.Keys } });
 * }, { t01: { Keys: keys } });
 * assert.deepEqual(sizes, [100, 20]);
 * assert.equal(found.t01.length, 120);
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import { type AttributeMap, decodeItem } from "../codec/mod.ts";
import { DynafetchError } from "../errors.ts";
import type {
  BatchGetItemInput,
  BatchGetItemOutput,
  KeysAndAttributes,
} from "../operations/item_operations.ts";
import { backoffDelay, sleep } from "../transport/mod.ts";
import { keyString } from "./_keys.ts";
import type { BatchRetryOptions } from "./batch_write.ts";

/**
 * Some keys of a batch read could not be read: `unprocessedKeys` lists them by table (decoded) and `items`
 * holds what was read (wire form) by table.
 *
 * @example
 * ```ts
 * import { BatchGetError } from "@dynafetch/dynafetch";
 * import assert from "node:assert/strict";
 *
 * const error = new BatchGetError({ t01: [{ id: 1 }] }, {});
 * assert.match(error.message, /1 key/);
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
    const n = Object.values(unprocessedKeys).reduce((a, k) => a + k.length, 0);
    super(
      `${n} key(s) of a batch read were not read` +
        (cause instanceof Error ? `: ${cause.message}` : ": unprocessed after all attempts"),
      cause === undefined ? undefined : { cause },
    );
    this.unprocessedKeys = unprocessedKeys;
    this.items = items;
  }
}

/**
 * Reads any number of keys over any tables in BatchGetItem requests of at most 100 keys, dropping
 * duplicate keys and retrying unprocessed keys with backoff until all are read.
 *
 * @param send Sends one BatchGetItem request (normally `client.batchGetItem`).
 * @param requests Per table: the keys and the read options (projection, consistent read).
 * @param options Retry and cancellation options.
 * @returns The items found, by table, in no particular order; missing keys have no item.
 * @throws {BatchGetError} When attempts run out or a request fails.
 *
 * @example
 * ```ts
 * import { batchGetAll } from "@dynafetch/dynafetch";
 * import assert from "node:assert/strict";
 *
 * let calls = 0;
 * const key = { id: { S: "a" } };
 * const flaky = () =>
 *   Promise.resolve(calls++ ? { Responses: { t01: [key] } } : { UnprocessedKeys: { t01: { Keys: [key] } } });
 * const sleep = () => Promise.resolve();
 * assert.deepEqual(await batchGetAll(flaky, { t01: { Keys: [key] } }, { sleep }), { t01: [key] });
 * ```
 */
export async function batchGetAll(
  send: (input: BatchGetItemInput, signal?: AbortSignal) => Promise<BatchGetItemOutput>,
  requests: Readonly<Record<string, KeysAndAttributes>>,
  options: BatchRetryOptions = {},
): Promise<Record<string, AttributeMap[]>> {
  const { maxAttempts = 10, signal, sleep: wait = sleep, random = Math.random } = options;
  const found: Record<string, AttributeMap[]> = {};
  let queue: [string, AttributeMap][] = [];
  for (const [table, { Keys }] of Object.entries(requests)) {
    found[table] = [];
    const seen = new Set<string>();
    for (const key of Keys) {
      const id = keyString(key, Object.keys(key).sort());
      if (!seen.has(id)) seen.add(id), queue.push([table, key]);
    }
  }
  let idle = 0;
  let cause: unknown;
  try {
    for (let attempt = 0; queue.length && idle < maxAttempts;) {
      if (attempt) await wait(backoffDelay(attempt, random, 50, 5000), signal);
      const chunk = queue.slice(0, 100);
      const input: BatchGetItemInput = { RequestItems: {} };
      for (const [table, key] of chunk) {
        (input.RequestItems[table] ??= { ...requests[table], Keys: [] }).Keys.push(key);
      }
      const out = await send(input, signal);
      for (const [table, items] of Object.entries(out.Responses ?? {})) {
        found[table]?.push(...items);
      }
      const back: [string, AttributeMap][] = [];
      for (const [table, { Keys }] of Object.entries(out.UnprocessedKeys ?? {})) {
        for (const key of Keys) back.push([table, key]);
      }
      idle = back.length < chunk.length ? 0 : idle + 1;
      attempt = back.length ? attempt + 1 : 0;
      queue = [...back, ...queue.slice(100)];
    }
  } catch (error) {
    cause = error;
  }
  if (queue.length) {
    const decode = options.decode ?? ((item: AttributeMap) => decodeItem(item));
    const unprocessed: Record<string, Record<string, unknown>[]> = {};
    for (const [table, key] of queue) (unprocessed[table] ??= []).push(decode(key));
    throw new BatchGetError(unprocessed, found, cause);
  }
  return found;
}

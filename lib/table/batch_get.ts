// Batch reads of any size (internal; `table.batchGet` and `db.batchGet` load it on first use):
// BatchGetItem requests of 100 over any tables, duplicate keys dropped, unprocessed keys retried with
// backoff, results matched back to the keys asked for.
// For bundlers, see _lazy.ts:
import "../client/dynamodb.ts";
import "./database.ts";
import "./table.ts";
import type { DynamoDB } from "../client/mod.ts";
import { type AttributeMap, type CodecOptions, decodeItem } from "../codec/mod.ts";
import type {
  BatchGetItemInput,
  BatchGetItemOutput,
  KeysAndAttributes,
} from "../operations/item_operations.ts";
import { backoffDelay, sleep } from "../transport/mod.ts";
import type { PathInput } from "../expressions/mod.ts";
import { keyNames, keyString } from "./_keys.ts";
import { readFields } from "./_projection.ts";
import { encodeKey, resolveTable, type TableRef } from "./_table_ref.ts";
import type { BatchGetTableRequest, Database } from "./database.ts";
import type { BatchGetOptions, Table } from "./table.ts";
import type { KeyInput } from "./schema.ts";
import { BatchGetError, type BatchRetryOptions } from "./batch_errors.ts";

/**
 * Reads any number of keys over any tables in BatchGetItem requests of at most 100 keys, dropping
 * duplicate keys and retrying unprocessed keys with backoff until all are read.
 *
 * @param send Sends one BatchGetItem request (normally `client.batchGetItem`).
 * @param requests Per table: the keys and the read options (projection, consistent read).
 * @param options Retry and cancellation options.
 * @returns The items found, by table, in no particular order; missing keys have no item.
 * @throws {BatchGetError} When attempts run out or a request fails.
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

/** The keys of one table for `batchGetKeys`, with read options. */
export interface TableKeys {
  /** The table: a handle, or a name (keys must then be objects). */
  table: TableRef;
  /** The keys. */
  keys: readonly KeyInput[];
  /** The paths to return; the key attributes are always added. */
  projection?: readonly PathInput[];
  /** Read with strong consistency. */
  consistentRead?: boolean;
}

/**
 * Reads keys of several tables and returns, per table, one entry per key in the order given (what
 * `table.batchGet` and `db.batchGet` do).
 *
 * @param client The low-level client.
 * @param requests The keys and options of each table.
 * @param options Retries, and codec options for tables given by name.
 * @returns Per table name: the item for each key, or `undefined` when there is none.
 */
export async function batchGetKeys(
  client: DynamoDB,
  requests: readonly TableKeys[],
  options: BatchRetryOptions & { codec?: CodecOptions },
): Promise<Record<string, (Record<string, unknown> | undefined)[]>> {
  const wire: Record<string, KeysAndAttributes> = {};
  const names: Record<string, string[]> = {};
  const tables = requests.map((r) => resolveTable(r.table, options.codec));
  for (const [i, { keys, ...read }] of requests.entries()) {
    const t = tables[i];
    const Keys = keys.map((k, i) => encodeKey(t, k, `${t.name}[${i}]`));
    names[t.name] = t.schema ? keyNames(t.schema) : Object.keys(Keys[0] ?? {}).sort();
    wire[t.name] = { Keys, ...readFields(read, names[t.name], t.codec) };
  }
  const found = await batchGetAll(
    (input, signal) => client.batchGetItem(input, { signal }),
    wire,
    options,
  );
  const out: Record<string, (Record<string, unknown> | undefined)[]> = {};
  for (const t of tables) {
    const n = names[t.name];
    const byKey = new Map(found[t.name].map((item) => [keyString(item, n), item]));
    out[t.name] = wire[t.name].Keys.map((k) => {
      const item = byKey.get(keyString(k, n));
      return item && decodeItem(item, t.codec);
    });
  }
  return out;
}

/**
 * Reads keys of one table (what `table.batchGet` does).
 *
 * @param table The table.
 * @param keys The keys.
 * @param options Projection, consistent read, retries.
 * @returns The item for each key, or `undefined` when there is none.
 */
export async function tableBatchGet<T extends object>(
  table: Table<T>,
  keys: readonly KeyInput[],
  options: BatchGetOptions,
): Promise<(T | undefined)[]> {
  const got = await batchGetKeys(table.client, [{ ...options, table, keys }], {
    decode: (item) => decodeItem(item, table.codec),
    ...options,
  });
  // The items come from this table, whose type parameter is the caller's claim about them.
  return got[table.name] as (T | undefined)[];
}

/**
 * Reads keys from several tables (what `db.batchGet` does): a table named in `tables` is read with its
 * schema (keys may be values or pairs) and codec, others with the database's codec options.
 *
 * @param db The database (its client and codec options).
 * @param tables The database's tables by name.
 * @param waits The database's sleep and jitter, under `options`.
 * @param requests Per table name: the keys, or the keys with read options.
 * @param options Retries and signal.
 * @returns Per table name: the item for each key, or `undefined` when there is none.
 */
export function batchGetTables(
  db: Database,
  tables: ReadonlyMap<string, TableRef>,
  waits: BatchRetryOptions,
  requests: Readonly<Record<string, readonly KeyInput[] | BatchGetTableRequest>>,
  options: BatchRetryOptions,
): Promise<Record<string, (Record<string, unknown> | undefined)[]>> {
  return batchGetKeys(
    db.client,
    Object.entries(requests).map(([name, r]) => ({
      ...(isTableRequest(r) ? r : { keys: r }),
      table: tables.get(name) ?? name,
    })),
    { ...waits, codec: db.codec, ...options },
  );
}

function isTableRequest(r: readonly KeyInput[] | BatchGetTableRequest): r is BatchGetTableRequest {
  return !Array.isArray(r);
}

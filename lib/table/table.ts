/**
 * A table handle (boto's `Table`): reads and writes of native JavaScript values, typed by the table,
 * queries and scans as paginators, batches, items with queued changes, and the table's own life cycle.
 *
 * ```ts
 * import { DynamoDB, Table } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const client = new DynamoDB({
 *   region: "eu-west-1",
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   fetch: (_url, init) => {
 *     const body = JSON.parse(init.body);
 *     assertEquals(body.Key, { id: { S: "u1" } });
 *     return Promise.resolve(new Response('{"Item":{"id":{"S":"u1"},"age":{"N":"42"}}}'));
 *   },
 * });
 * const users = new Table<{ id: string; age: number }>(client, "users", { partitionKey: ["id", "S"] });
 * assertEquals(await users.get("u1"), { id: "u1", age: 42 });
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { DynamoDB } from "../client/mod.ts";
import { type AttributeMap, type CodecOptions, decodeItem, encodeItem } from "../codec/mod.ts";
// The expressions' own files, not their mod.ts: see _lazy.ts.
import { conditionFromMap, expectedToCondition } from "../expressions/boto_conditions.ts";
import { compileExpressions } from "../expressions/compile.ts";
import { and, type Condition } from "../expressions/condition.ts";
import type { PathInput } from "../expressions/path.ts";
import type { UpdateBuilder } from "../expressions/update.ts";
import type {
  ReturnValue,
  ReturnValuesOnConditionCheckFailure,
  TableDescription,
} from "../operations/mod.ts";
import type { CallOptions, Sleep } from "../transport/mod.ts";
import { fail } from "../errors.ts";
import { checkItemKey, isPlainObject, keyNames } from "./_keys.ts";
import { admin, batches, itemSizes } from "./_lazy.ts";
import { checkName } from "./_names.ts";
import type { BatchRetryOptions } from "./batch_errors.ts";
import { BatchWriter, type BatchWriterOptions } from "./batch_writer.ts";
import { Item } from "./item.ts";
import { Paginator, type PaginatorSource, SIGNALLESS, type Signalless } from "./paginator.ts";
import { buildKey, type KeyInput, type KeySchema, type TableSchema } from "./schema.ts";

/** How a table handle encodes values and waits; the database passes its own. */
export interface TableOptions {
  /** Codec options for this table's values (over the database's). */
  codec?: CodecOptions;
  /** How to wait between retries and polls. Default: `setTimeout`. */
  sleep?: Sleep;
  /** Numbers in [0, 1) for backoff jitter. Default `Math.random`. */
  random?: () => number;
}

/** Options of `get`. */
export interface GetOptions extends CallOptions {
  /** Read with strong consistency. */
  consistentRead?: boolean;
  /** The paths to return (all attributes when absent). */
  projection?: readonly PathInput[];
}

/** Options of `put`, `update` and `delete`. */
export interface WriteOptions extends CallOptions {
  /** A condition the item must meet, or the write fails with `ConditionalCheckFailedError`. */
  condition?: Condition;
  /**
   * boto's expected values: attribute names to the value they must have, `false` (must not exist) or
   * `true` (must exist); combined with `condition` by AND.
   */
  expected?: Record<string, unknown>;
  /** Which attributes to return: `ALL_OLD` for put and delete, any for update. */
  returnValues?: ReturnValue;
  /** `ALL_OLD` puts the item on the `ConditionalCheckFailedError` when the condition fails. */
  returnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure;
}

/** The options Query and Scan share. */
export interface ReadManyOptions extends CallOptions {
  /** A secondary index to read instead of the table. */
  index?: string;
  /** Items DynamoDB reads per request (boto's request_limit). */
  limit?: number;
  /** Items to return in total (boto's max_results). */
  maxResults?: number;
  /** Count matching items instead of returning them (Select COUNT); read `count` after iterating. */
  count?: boolean;
  /** Read with strong consistency (not on global secondary indexes). */
  consistentRead?: boolean;
  /** The paths to return. */
  projection?: readonly PathInput[];
  /** A filter applied after reading: a condition, or a boto map like `{ age: GT(30) }`. */
  filter?: Condition | Record<string, unknown>;
  /** The key to start after (a `lastEvaluatedKey`, decoded). */
  startKey?: Record<string, unknown>;
  /** A `cursor` from an earlier paginator of the same query or scan. */
  cursor?: string;
}

/** Options of `query`. */
export interface QueryOptions extends ReadManyOptions {
  /** Read the sort key in descending order. */
  reverse?: boolean;
}

/** Options of `scan`. */
export interface ScanOptions extends ReadManyOptions {
  /** Scan in this many segments concurrently, merging the results as they arrive. Default 1. */
  segments?: number;
}

/** Options of `batchGet`. */
export interface BatchGetOptions extends BatchRetryOptions {
  /** Read with strong consistency. */
  consistentRead?: boolean;
  /** The paths to return; the key attributes are always added (results are matched by key). */
  projection?: readonly PathInput[];
}

/** The writes of `batchWrite`: items to put and keys to delete. */
export interface BatchWriteRequest<T> {
  /** Items to put. */
  puts?: readonly T[];
  /** Keys of items to delete. */
  deletes?: readonly KeyInput[];
}

/** Options of `batchWrite`. */
export interface BatchWriteOptions extends BatchRetryOptions {
  /**
   * What to do when two writes name the same key: `"lastWriteWins"` (the default; puts before deletes, each
   * in order) keeps only the last, `"reject"` throws a ValidationError before anything is sent.
   */
  duplicates?: "lastWriteWins" | "reject";
}

/** Options of `waitUntilActive` and `waitUntilDeleted`. */
export interface WaitOptions extends CallOptions {
  /** Give up after this many milliseconds. Default 600 000 (10 minutes). */
  maxWaitMs?: number;
}

const isCondition = (x: unknown): x is Condition =>
  isPlainObject(x) && x.kind === "condition" && typeof x.and === "function";

// A condition as given (a built condition, or a boto map like `{ age: GT(30) }`) as a built one.
const toCondition = (x: Condition | Record<string, unknown>): Condition | undefined =>
  isCondition(x) ? x : conditionFromMap(x);

/**
 * A table: the name, the key schema and the codec options, over a low-level client. Make one with
 * `db.table(name, schema)` (no call), `await db.getTable(name)` or `await db.createTable(...)`.
 *
 * @example
 * ```ts
 * import { Database } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const db = new Database({ region: "eu-west-1", credentials: { accessKeyId: "A", secretAccessKey: "s" } });
 * const events = db.table<{ user: string; ts: number }>("events", {
 *   partitionKey: ["user", "S"],
 *   sortKey: ["ts", "N"],
 * });
 * assertEquals(events.name, "events");
 * ```
 */
export class Table<T extends object = Record<string, unknown>> {
  // Declared, not initialized: assigned in the constructor (no class field code); `codec` and
  // `description` exist once set.
  /** The table name. */
  declare readonly name: string;
  /** The key schema (and known secondary indexes). */
  declare readonly schema: TableSchema;
  /** The low-level client. */
  declare readonly client: DynamoDB;
  /** The codec options in effect. */
  declare readonly codec?: CodecOptions;
  /** The last description read (`describe`, `refresh`, `getTable`, `createTable`). */
  declare description?: TableDescription;
  // The waits and jitter the batch and admin calls use (their defaults are applied where they are used).
  #o: TableOptions;
  #keys: string[];

  /**
   * Makes a handle; nothing is sent.
   *
   * @param client The low-level client.
   * @param name The table name.
   * @param schema The key schema.
   * @param options Codec options and waits.
   * @throws {ValidationError} When the name or an index name is not 3 to 255 of A-Z a-z 0-9 _ . -.
   */
  constructor(client: DynamoDB, name: string, schema: TableSchema, options: TableOptions = {}) {
    this.client = client;
    this.name = checkName(name, "name");
    for (const index of Object.keys(schema.indexes ?? {})) checkName(index, "indexes");
    this.schema = schema;
    if (options.codec) this.codec = options.codec;
    this.#o = options;
    this.#keys = keyNames(schema);
  }

  /** The table's status as last described (boto's `status`). */
  get status(): string | undefined {
    return this.description?.TableStatus;
  }
  /** The item count as last described (updated by DynamoDB about every six hours). */
  get itemCount(): number | undefined {
    return this.description?.ItemCount;
  }
  /** The size in bytes as last described. */
  get sizeBytes(): number | undefined {
    return this.description?.TableSizeBytes;
  }
  /** Provisioned read capacity units as last described. */
  get readUnits(): number | undefined {
    return this.description?.ProvisionedThroughput?.ReadCapacityUnits;
  }
  /** Provisioned write capacity units as last described. */
  get writeUnits(): number | undefined {
    return this.description?.ProvisionedThroughput?.WriteCapacityUnits;
  }
  /** When the table was created, as last described. */
  get createdAt(): Date | undefined {
    const t = this.description?.CreationDateTime;
    return t === undefined ? undefined : new Date(t * 1000);
  }

  /**
   * Builds the wire key of an item (boto's `build_key_from_values`).
   *
   * @param key An object of key attributes, the partition key value, or `[partition, sort]`.
   * @returns The key as AttributeValues.
   * @throws {ValidationError} When a key attribute is missing, empty or of another type than the schema's.
   */
  key(key: KeyInput): AttributeMap {
    return buildKey(this.schema, key, this.codec);
  }

  /**
   * Reads an item (GetItem).
   *
   * @param key The item's key.
   * @param options Consistent read, projection, signal.
   * @returns The item, or `undefined` when there is none.
   * @throws {ValidationError} For a bad key or projection, before sending.
   */
  // async: a bad key rejects the promise rather than throwing at the call.
  // deno-lint-ignore require-await
  async get(key: KeyInput, options: GetOptions = {}): Promise<T | undefined> {
    return this.#send("GetItem", { Key: this.key(key) }, options);
  }

  /**
   * Tells whether an item exists, reading only its partition key (boto's `has_item`).
   *
   * @param key The item's key.
   * @param options Consistent read, signal.
   * @returns Whether the item exists.
   */
  async has(key: KeyInput, options: Omit<GetOptions, "projection"> = {}): Promise<boolean> {
    return (await this.get(key, { ...options, projection: [[this.#keys[0]]] })) !== undefined;
  }

  /**
   * Writes a whole item (PutItem), replacing any item with the same key.
   *
   * @param item The item, with its key attributes.
   * @param options Condition, expected values, return values, signal.
   * @returns The old item with `returnValues: "ALL_OLD"`, else `undefined`.
   * @throws {ValidationError} When a key attribute is missing or of the wrong type, or a value does not encode.
   * @throws {ConditionalCheckFailedError} When the condition fails.
   */
  async put(item: T, options: WriteOptions = {}): Promise<T | undefined> {
    const Item = this.encodeItem(item);
    // The item's size is at most 3 bytes per character of its JSON: only long ones need counting.
    if (JSON.stringify(Item).length > 136_533) (await itemSizes()).checkItemSize(Item);
    return this.#send("PutItem", { Item }, options);
  }

  /**
   * Changes an item's attributes (UpdateItem), creating it when missing.
   *
   * @param key The item's key.
   * @param update The changes, from `update()`.
   * @param options Condition, expected values, return values, signal.
   * @returns The attributes `returnValues` asks for, else `undefined`.
   * @throws {ValidationError} For a bad key or update.
   * @throws {ConditionalCheckFailedError} When the condition fails.
   */
  // async: a bad key or item rejects the promise rather than throwing at the call.
  // deno-lint-ignore require-await
  async update(
    key: KeyInput,
    update: UpdateBuilder | undefined,
    options: WriteOptions = {},
  ): Promise<Partial<T> | undefined> {
    return this.#send("UpdateItem", { Key: this.key(key) }, options, update);
  }

  /**
   * Deletes an item (DeleteItem).
   *
   * @param key The item's key.
   * @param options Condition, expected values, `returnValues: "ALL_OLD"`, signal.
   * @returns The deleted item with `returnValues: "ALL_OLD"`, else `undefined`.
   * @throws {ConditionalCheckFailedError} When the condition fails.
   */
  // async: a bad key or item rejects the promise rather than throwing at the call.
  // deno-lint-ignore require-await
  async delete(key: KeyInput, options: WriteOptions = {}): Promise<T | undefined> {
    return this.#send("DeleteItem", { Key: this.key(key) }, options);
  }

  /**
   * Makes an unsaved item (boto's `new_item`) to change with queued actions and `save()`.
   *
   * @param attributes The item's attributes, key included.
   * @returns The item.
   */
  newItem(attributes: T): Item<T> {
    return new Item(this, attributes);
  }

  /**
   * Queries the table or an index: every item with one partition key value, optionally narrowed by a sort
   * key condition.
   *
   * @param keyCondition `Key("pk").eq(v).and(Key("sk").gt(1))`, a boto map like
   * `{ pk: "u1", sk: GT(1) }`, or the partition key value alone.
   * @param options Paging, filter, projection, index, direction.
   * @returns A paginator (an async iterable of items, with `.pages()`).
   * @throws {ValidationError} For a bad key condition, option or cursor.
   */
  query(
    keyCondition: Condition | Record<string, unknown> | KeyInput,
    options: QueryOptions = {},
  ): Paginator<T> {
    let map = keyCondition;
    if (!isPlainObject(map)) {
      // The partition key value alone: checked against the key schema of the table or index.
      const { partitionKey } = this.#keySchema(options.index) ??
        fail(
          "index not in the schema",
          "index",
          options.index,
          "an index of the schema, or a key condition",
        );
      map = { [partitionKey[0]]: map };
      buildKey({ partitionKey }, map, this.codec);
    }
    return this.#paginate(
      "query",
      options,
      toCondition(map) ??
        fail("empty key condition", "keyCondition", "{}", "a partition key condition"),
      options.reverse ? { ScanIndexForward: false } : {},
    );
  }

  /**
   * Scans the table or an index, optionally in parallel segments.
   *
   * @param options Paging, filter, projection, index, segments.
   * @returns A paginator (an async iterable of items, with `.pages()`).
   * @throws {ValidationError} For a bad option or cursor.
   */
  scan(options: ScanOptions = {}): Paginator<T> {
    return this.#paginate("scan", options, undefined, {}, options.segments);
  }

  /**
   * Reads items by key, any number, in BatchGetItem requests of 100, retrying unprocessed keys.
   *
   * @param keys The keys (objects, values or pairs).
   * @param options Projection, consistent read, retries.
   * @returns One entry per key, in the order of `keys`: the item, or `undefined` when there is none
   * (a key given twice is read once and reported at both places).
   * @throws {BatchGetError} When keys remain unprocessed after all attempts.
   */
  async batchGet(
    keys: readonly KeyInput[],
    options: BatchGetOptions = {},
  ): Promise<(T | undefined)[]> {
    return (await batches()).tableBatchGet(this, keys, { ...this.#o, ...options });
  }

  /**
   * Applies puts and deletes, any number, in BatchWriteItem requests of 25, retrying unprocessed ones.
   *
   * @param request The items to put and the keys to delete.
   * @param options Duplicate handling, retries, concurrency.
   * @returns When everything was applied.
   * @throws {ValidationError} For a bad item or key, or a duplicate key with `duplicates: "reject"`.
   * @throws {BatchWriteError} Listing exactly the writes not applied.
   */
  async batchWrite(request: BatchWriteRequest<T>, options: BatchWriteOptions = {}): Promise<void> {
    return (await batches()).batchWriteTable(this, request, { ...this.#o, ...options });
  }

  /**
   * Makes a batch writer: puts and deletes are buffered and sent 25 at a time, in order.
   *
   * @param options Duplicate handling and retries.
   * @returns The writer; `close()` it (or `await using` it) to send the rest.
   */
  batchWriter(options: BatchWriterOptions = {}): BatchWriter<T> {
    return new BatchWriter(this, { ...this.#o, ...options });
  }

  /**
   * Encodes an item and checks its key attributes.
   *
   * @param item The item.
   * @returns The item as AttributeValues.
   * @throws {ValidationError} When a value does not encode or a key attribute is missing or wrong.
   */
  encodeItem(item: T): AttributeMap {
    return checkItemKey(this.schema, encodeItem(item, this.codec));
  }

  /**
   * Reads the table's description (DescribeTable) and keeps it in `description`.
   *
   * @param call Signal and timeout.
   * @returns The description.
   * @throws {ResourceNotFoundError} When there is no such table.
   */
  async describe(call?: CallOptions): Promise<TableDescription> {
    return (await admin()).describe(this, call);
  }

  /**
   * Refreshes `description` (boto's `refresh`).
   *
   * @param call Signal and timeout.
   * @returns This table.
   */
  async refresh(call?: CallOptions): Promise<this> {
    await this.describe(call);
    return this;
  }

  /**
   * Waits until the table and all its global secondary indexes are ACTIVE, polling DescribeTable with
   * backoff (from 50 ms to 5 s between polls).
   *
   * @param options The longest wait, signal.
   * @returns This table, described.
   * @throws {DynafetchError} When the table is being deleted, or not active after `maxWaitMs`.
   */
  async waitUntilActive(options: WaitOptions = {}): Promise<this> {
    return (await admin()).waitFor(this, "ACTIVE", options, this.#o.sleep);
  }

  /**
   * Waits until the table no longer exists, polling DescribeTable with backoff.
   *
   * @param options The longest wait, signal.
   * @returns This table.
   * @throws {DynafetchError} When the table still exists after `maxWaitMs`.
   */
  async waitUntilDeleted(options: WaitOptions = {}): Promise<this> {
    return (await admin()).waitFor(this, "deleted", options, this.#o.sleep);
  }

  /**
   * Changes the provisioned throughput (UpdateTable), or switches billing to on demand.
   *
   * @param throughput Read and write units, or `"onDemand"`.
   * @param call Signal and timeout.
   * @returns The new description.
   */
  async updateThroughput(
    throughput: { read: number; write: number } | "onDemand",
    call?: CallOptions,
  ): Promise<TableDescription> {
    return (await admin()).updateThroughput(this, throughput, call);
  }

  /**
   * Deletes the table and all its items (DeleteTable); `waitUntilDeleted()` waits for it to go.
   *
   * @param call Signal and timeout.
   * @returns The description (status DELETING).
   */
  async deleteTable(call?: CallOptions): Promise<TableDescription> {
    return (await admin()).deleteTable(this, call);
  }

  // The key schema of the table (no index) or of an index, when the schema lists it.
  #keySchema(index?: string): KeySchema | undefined {
    return index === undefined ? this.schema : this.schema.indexes?.[index];
  }

  #decode(item: AttributeMap): T {
    // The table's type parameter is the caller's claim about what the table holds.
    return decodeItem(item, this.codec) as T;
  }

  // GetItem, PutItem, UpdateItem and DeleteItem: the item or key, the consistency, the projection, the
  // condition (with boto's expected values) and the update compiled, the return values asked for; the item
  // read or the returned attributes decoded.
  async #send(
    op: "GetItem" | "PutItem" | "UpdateItem" | "DeleteItem",
    input: { Item: AttributeMap } | { Key: AttributeMap },
    o: GetOptions & WriteOptions,
    update?: UpdateBuilder,
  ): Promise<T | undefined> {
    // One options object may be shared by reads and writes: each operation takes only its own options.
    const read = op === "GetItem";
    const projection = read ? o.projection : undefined;
    const expected = !read && o.expected && expectedToCondition(o.expected);
    const condition = read
      ? undefined
      : expected && o.condition
      ? and(o.condition, expected)
      : expected || o.condition;
    const out: { Item?: AttributeMap; Attributes?: AttributeMap } = await this.client.request(op, {
      TableName: this.name,
      ...input,
      ...(read && o.consistentRead && { ConsistentRead: true }),
      ...((condition || update || projection) &&
        compileExpressions({ condition, update, projection }, this.codec)),
      ...(!read && o.returnValues && { ReturnValues: o.returnValues }),
      ...(!read && o.returnValuesOnConditionCheckFailure &&
        { ReturnValuesOnConditionCheckFailure: o.returnValuesOnConditionCheckFailure }),
    }, o);
    const item = out.Item ?? out.Attributes;
    return item && this.#decode(item);
  }

  #paginate(
    op: "query" | "scan",
    o: ReadManyOptions,
    keyCondition: Condition | undefined,
    extra: Record<string, unknown>,
    segments = 1,
  ): Paginator<T> {
    const { index, maxResults, count, consistentRead, projection, startKey, cursor } = o;
    if (index !== undefined) checkName(index, "index");
    for (
      const [path, value, min, max = Infinity] of [
        ["limit", o.limit, 1],
        ["maxResults", maxResults, 0],
        ["segments", segments, 1, 1_000_000],
      ] as const
    ) {
      if (value !== undefined && !(Number.isSafeInteger(value) && value >= min && value <= max)) {
        fail("bad paging option", path, String(value), `an integer >= ${min}`);
      }
    }
    if (startKey && segments > 1) {
      fail(
        "startKey with segments",
        "startKey",
        `${segments} segments`,
        "one segment, or a cursor",
      );
    }
    // Options that exclude each other.
    for (const [a, b] of [["startKey", "cursor"], ["count", "projection"]] as const) {
      if (o[a] && o[b] !== undefined) fail(`${a} with ${b}`, b, "both", "one of them");
    }
    const filter = o.filter && toCondition(o.filter);
    // The key attributes of a resume position, known when the items hold them (no projection, not counting).
    const schema = this.#keySchema(index);
    const names = projection || count || !schema
      ? undefined
      : [...new Set([...this.#keys, ...keyNames(schema)])];
    if (segments > 1 && maxResults !== undefined && !names) {
      fail(
        "maxResults with segments needs the items' keys",
        "maxResults",
        count ? "count" : projection ? "a projection" : `index ${index} not in the schema`,
        "no maxResults, or items with their keys",
      );
    }
    const base = {
      TableName: this.name,
      IndexName: index, // left out of the JSON body when undefined
      ...(count && { Select: "COUNT" as const }),
      ...(consistentRead && { ConsistentRead: true }),
      ReturnConsumedCapacity: "TOTAL" as const,
      ...extra,
      ...compileExpressions({ keyCondition, filter, projection }, this.codec),
    };
    const source: PaginatorSource<T> & Signalless = {
      [SIGNALLESS]: true,
      ...o, // limit and maxResults, under the same names
      fetch: (request, signal?: AbortSignal) =>
        this.client[op]({ ...base, ...request }, {
          signal: o.signal && signal ? AbortSignal.any([o.signal, signal]) : o.signal ?? signal,
          timeoutMs: o.timeoutMs,
        }),
      decode: (item) => this.#decode(item),
      decodeKey: (key) => decodeItem(key, this.codec),
      segments,
      start: cursor ?? (startKey && encodeItem(startKey, this.codec)),
      exactLimit: !filter || !names,
      keyNames: names,
    };
    return new Paginator<T>(source);
  }
}

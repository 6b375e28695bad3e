/**
 * The high-level entry point (boto's `Layer2`): `new Database(options)` makes a low-level `DynamoDB` client
 * (or wraps the one given) and adds tables, batch reads over several tables, and transactions, all in
 * native JavaScript values. `db.client` is the low-level client for everything else.
 *
 * ```ts
 * import { Database } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const db = new Database({
 *   region: "eu-west-1",
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   fetch: (_url, init) => {
 *     assertEquals(JSON.parse(init.body).Item, { id: { S: "u1" }, tags: { SS: ["a"] } });
 *     return Promise.resolve(new Response("{}"));
 *   },
 * });
 * const users = db.table<{ id: string; tags: Set<string> }>("users", { partitionKey: ["id", "S"] });
 * await users.put({ id: "u1", tags: new Set(["a"]) });
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import { DynamoDB, type DynamoDBOptions } from "../client/mod.ts";
import type { CodecOptions } from "../codec/mod.ts";
import type { PathInput } from "../expressions/mod.ts";
import type { CallOptions } from "../transport/mod.ts";
import type { BatchRetryOptions } from "./batch_errors.ts";
import type { KeyInput, TableSchema } from "./schema.ts";
import { admin, batches, transactions } from "./_lazy.ts";
import { Table, type TableOptions } from "./table.ts";
import type { TableDefinition } from "./table_definition.ts";
import type { TransactGetEntry, TransactWriteEntry } from "./transactions.ts";

/** The options of a `Database`: those of the low-level client, plus codec options. */
export interface DatabaseOptions extends DynamoDBOptions {
  /** How values are encoded and decoded (numbers, dates, ...), for every table unless it has its own. */
  codec?: CodecOptions;
  /** Use this low-level client instead of making one from the other options. */
  client?: DynamoDB;
}

/** Options of `createTable`. */
export interface CreateTableOptions extends CallOptions {
  /** Wait until the table (and its global indexes) are ACTIVE; default `true`. */
  wait?: boolean;
  /** The longest wait, in milliseconds; default 600 000. */
  maxWaitMs?: number;
  /** Codec options of the returned table. */
  codec?: CodecOptions;
}

/** The keys of one table in `db.batchGet`, with read options. */
export interface BatchGetTableRequest {
  /** The keys. */
  keys: readonly KeyInput[];
  /** The paths to return; the key attributes are always added. */
  projection?: readonly PathInput[];
  /** Read with strong consistency. */
  consistentRead?: boolean;
}

/** Options of `transactWrite`. */
export interface TransactWriteOptions extends CallOptions {
  /** The idempotency token (one request applied once within 10 minutes); default a random UUID. */
  clientRequestToken?: string;
}

/**
 * The high-level client: tables, batch reads over tables and transactions, over a low-level `DynamoDB`.
 *
 * @example
 * ```ts
 * import { Database, DynamoDB } from "@dynafetch/dynafetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const db = new Database({ region: "eu-west-1", codec: { numbers: "bigint" } });
 * assert(db.client instanceof DynamoDB);
 * assertEquals(db.table("users", { partitionKey: ["id", "S"] }).codec?.numbers, "bigint");
 * ```
 */
export class Database {
  // Declared, not initialized: assigned in the constructor (no class field code).
  /** The low-level client (boto's Layer1): one method per DynamoDB operation, wire shapes in and out. */
  declare readonly client: DynamoDB;
  /** The codec options every table starts from. */
  declare readonly codec?: CodecOptions;
  #waits: TableOptions;
  #tables = new Map<string, Table<object>>();

  /**
   * Makes the client; nothing is sent.
   *
   * @param options The low-level client's options (region, credentials, endpoint, ...), `codec`, or `client`.
   * @throws {ValidationError} For a bad region, endpoint or option.
   */
  constructor(options: DatabaseOptions = {}) {
    this.client = options.client ?? new DynamoDB(options);
    if (options.codec) this.codec = options.codec;
    this.#waits = { sleep: options.sleep, random: options.random };
  }

  /**
   * A handle on a table whose schema you know, without a call (boto's `table_from_schema`).
   *
   * @param name The table name.
   * @param schema The key schema, like `{ partitionKey: ["id", "S"] }`.
   * @param options Codec options for this table (over the database's).
   * @returns The table.
   * @throws {ValidationError} For a bad name.
   */
  table<T extends object = Record<string, unknown>>(
    name: string,
    schema: TableSchema,
    options: { codec?: CodecOptions } = {},
  ): Table<T> {
    const codec = options.codec || this.codec ? { ...this.codec, ...options.codec } : undefined;
    const table = new Table<T>(this.client, name, schema, { ...this.#waits, codec });
    this.#tables.set(name, table);
    return table;
  }

  /**
   * Describes a table and returns a handle with its schema (boto's `get_table` and `lookup`).
   *
   * @param name The table name.
   * @param options Codec options, signal.
   * @returns The table, described.
   * @throws {ResourceNotFoundError} When there is no such table.
   */
  async getTable<T extends object = Record<string, unknown>>(
    name: string,
    options: CallOptions & { codec?: CodecOptions } = {},
  ): Promise<Table<T>> {
    return (await admin()).getTable<T>(this, name, options);
  }

  /**
   * Creates a table and, unless `wait: false`, waits until it is ACTIVE (polling with backoff); then
   * enables TTL when the definition names an attribute.
   *
   * @param definition Name, keys, billing, indexes, stream, TTL, tags.
   * @param options Whether to wait, the longest wait, codec options, signal.
   * @returns The table.
   * @throws {ValidationError} For a bad definition, or `ttl` with `wait: false`.
   * @throws {ResourceInUseError} When the table exists.
   */
  async createTable<T extends object = Record<string, unknown>>(
    definition: TableDefinition,
    options: CreateTableOptions = {},
  ): Promise<Table<T>> {
    return (await admin()).createTable<T>(this, definition, options);
  }

  /**
   * Lists every table name, paging through ListTables (boto's `list_tables`).
   *
   * @param call Signal and timeout.
   * @returns The names, sorted as DynamoDB returns them.
   */
  async listTableNames(call?: CallOptions): Promise<string[]> {
    return (await admin()).listTableNames(this.client, call);
  }

  /**
   * Reads items by key from several tables, any number, in BatchGetItem requests of 100, retrying
   * unprocessed keys with backoff.
   *
   * @param requests Per table name: the keys, or `{ keys, projection, consistentRead }`. Keys may be values
   * or pairs for tables this database made handles for; otherwise objects of the key attributes.
   * @param options Retries and signal.
   * @returns Per table, one entry per key in the order given: the item, or `undefined` when there is none.
   * @throws {BatchGetError} When keys remain unprocessed after all attempts.
   */
  async batchGet(
    requests: Readonly<Record<string, readonly KeyInput[] | BatchGetTableRequest>>,
    options: BatchRetryOptions = {},
  ): Promise<Record<string, (Record<string, unknown> | undefined)[]>> {
    return (await batches()).batchGetTables(this, this.#tables, this.#waits, requests, options);
  }

  /**
   * Runs writes as one all-or-nothing transaction (TransactWriteItems), with an idempotency token.
   *
   * @param entries Up to 100 puts, updates, deletes and condition checks, on any tables.
   * @param options The client request token, signal.
   * @returns When the transaction committed.
   * @throws {ValidationError} For bad entries, before sending.
   * @throws {TransactionCanceledError} With `cancellationReasons`, one per entry in order.
   */
  async transactWrite(
    entries: readonly TransactWriteEntry[],
    options: TransactWriteOptions = {},
  ): Promise<void> {
    return (await transactions()).transactWrite(this, this.#tables, entries, options);
  }

  /**
   * Reads items as one consistent snapshot (TransactGetItems).
   *
   * @param entries Up to 100 keys on any tables.
   * @param call Signal and timeout.
   * @returns One entry per key in order: the item, or `undefined` when there is none.
   * @throws {TransactionCanceledError} When the read conflicts with a write in progress.
   */
  async transactGet(
    entries: readonly TransactGetEntry[],
    call: CallOptions = {},
  ): Promise<(Record<string, unknown> | undefined)[]> {
    return (await transactions()).transactGet(this, this.#tables, entries, call);
  }
}

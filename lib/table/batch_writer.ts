/**
 * A buffered batch writer: puts and deletes collect in a buffer that is sent as one BatchWriteItem when it
 * holds 25, on `flush()` and on `close()`. Batches are sent one after another, each finished (unprocessed
 * items retried) before the next, so the table ends as if every write had been sent alone, in order.
 *
 * ```ts
 * import { Database } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const sent: number[] = [];
 * const db = new Database({
 *   region: "eu-west-1",
 *   credentials: { accessKeyId: "A", secretAccessKey: "s" },
 *   fetch: (_url, init) => {
 *     sent.push(JSON.parse(init.body).RequestItems.t01.length);
 *     return Promise.resolve(new Response("{}"));
 *   },
 * });
 * const writer = db.table("t01", { partitionKey: ["id", "N"] }).batchWriter();
 * for (let id = 0; id < 30; id++) await writer.put({ id });
 * await writer.delete(3);
 * await writer.close();
 * assertEquals(sent, [25, 6]);
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { AttributeMap } from "../codec/mod.ts";
import type { checkItemSize } from "./_item_size.ts";
import { keyNames, keyString } from "./_keys.ts";
import { batches, itemSizes } from "./_lazy.ts";
import type { BatchRetryOptions, TableWrite } from "./batch_errors.ts";
import type { WriterFailures } from "./batch_write.ts";
import type { KeyInput } from "./schema.ts";
import type { Table } from "./table.ts";

/** Options of a batch writer. */
export interface BatchWriterOptions extends BatchRetryOptions {
  /**
   * Two writes of one key in the same buffer: `"lastWriteWins"` (default) keeps the later one, which gives
   * the same result as sending both in order; `"reject"` rejects the later write with a ValidationError.
   */
  duplicates?: "lastWriteWins" | "reject";
}

// The 400 KB check, kept once loaded so that later large items are checked without waiting.
let checkSize: typeof checkItemSize | undefined;

/**
 * Buffers puts and deletes of one table and sends them 25 at a time, in order. Await each call: a call
 * that fills the buffer resolves when that batch is applied and rejects with a `BatchWriteError` when it is
 * not. After a failure nothing more is sent (later writes would overtake the failed ones); `close()` then
 * rejects with every write not applied.
 *
 * Bad input is rejected by the call that brings it, before it is buffered, so it never replaces a buffered
 * write of the same key and never stops the writer: a bad key or value, and an item over DynamoDB's 400 KB
 * (counted as DynamoDB counts item size, for items whose JSON is over 136,533 characters; smaller ones cannot
 * be over). The count's code loads on the first such item; writes made meanwhile wait behind it, in order.
 *
 * @example
 * ```ts
 * import { Database, ValidationError } from "@dynafetch/dynafetch";
 * import { assertRejects } from "@std/assert";
 *
 * const db = new Database({ region: "eu-west-1", credentials: { accessKeyId: "A", secretAccessKey: "s" } });
 * const writer = db.table("t01", { partitionKey: ["id", "N"] }).batchWriter({ duplicates: "reject" });
 * await writer.put({ id: 1 });
 * await assertRejects(() => writer.delete(1), ValidationError);
 * ```
 */
export class BatchWriter<T extends object = Record<string, unknown>> {
  #table: Table<T>;
  #options: BatchWriterOptions;
  #buffer = new Map<string, TableWrite>();
  #tail: Promise<void> = Promise.resolve();
  #failures: WriterFailures = { unapplied: [] };
  #total = 0;
  #calls = 0;
  #closed = false;
  #gate?: Promise<void>;

  /**
   * Makes a writer for `table`; `table.batchWriter()` is the usual way.
   *
   * @param table The table.
   * @param options Duplicate handling and retries.
   */
  constructor(table: Table<T>, options: BatchWriterOptions = {}) {
    this.#table = table;
    this.#options = options;
  }

  /** How many writes are buffered and not yet sent. */
  get pending(): number {
    return this.#buffer.size;
  }

  /**
   * Buffers a put of a whole item; sends the buffer when it holds 25.
   *
   * @param item The item.
   * @returns When buffered, or when the batch it completed was applied.
   * @throws {ValidationError} For a bad item, an item over 400 KB (its `found` names its key and which
   * write of this writer it was, counting from 1), or a duplicate key with `duplicates: "reject"`; the item
   * is not buffered and the writer goes on.
   * @throws {BatchWriteError} When the batch it completed could not be applied.
   */
  put(item: T): Promise<void> {
    return this.#add(() => this.#table.encodeItem(item), true);
  }

  /**
   * Buffers a delete; sends the buffer when it holds 25.
   *
   * @param key The key.
   * @returns When buffered, or when the batch it completed was applied.
   * @throws {ValidationError} For a bad key, or a duplicate key with `duplicates: "reject"`.
   * @throws {BatchWriteError} When the batch it completed could not be applied.
   */
  delete(key: KeyInput): Promise<void> {
    return this.#add(() => this.#table.key(key));
  }

  /**
   * Sends what is buffered and waits until everything sent so far is applied.
   *
   * @returns When all writes so far are applied.
   * @throws {BatchWriteError} Listing the writes of the failed batches that were not applied.
   */
  flush(): Promise<void> {
    return this.#inOrder(() => this.#send());
  }

  /**
   * Sends the rest and closes the writer; later writes are rejected.
   *
   * @returns When every write was applied.
   * @throws {BatchWriteError} Listing every write of this writer that was not applied.
   */
  close(): Promise<void> {
    this.#closed = true;
    return this.#inOrder(() => this.#send(this.#total));
  }

  /** Closes the writer (for `await using`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // Sends the buffer after the batches before it; `total` (on close) makes it report every write not
  // applied.
  #send(total?: number): Promise<void> {
    const batch = [...this.#buffer.values()];
    this.#buffer.clear();
    const done = this.#tail.then(async () =>
      (await batches()).flushWriter(this.#table, batch, this.#options, this.#failures, total)
    );
    this.#tail = done.catch(() => {});
    return done;
  }

  // Runs `op` now, or, while the size check's code loads, after the writes and flushes already waiting.
  #inOrder(op: () => Promise<void>): Promise<void> {
    if (!this.#gate) return op();
    const done = this.#gate.then(op);
    const gate: Promise<void> = this.#gate = done.catch(() => {}).then(() => {
      if (this.#gate === gate) this.#gate = undefined;
    });
    return done;
  }

  // Buffers the write of the item or key `build` encodes at once (so `pending` counts it; async functions
  // run synchronously up to their first await) unless it waits behind a size check; a rejected write is
  // reported by the lazily loaded batch module, as are all sends. (async: a bad item or key rejects.)
  // deno-lint-ignore require-await
  async #add(build: () => AttributeMap, put?: boolean): Promise<void> {
    const n = ++this.#calls;
    const key = this.#closed ? undefined : build();
    // An item's size is at most 3 bytes per character of its JSON: only long ones need counting.
    const big = put && key && JSON.stringify(key).length > 136_533;
    if (big && !checkSize) {
      this.#gate = Promise.all([this.#gate, itemSizes()]).then(([, m]) => {
        checkSize = m.checkItemSize;
      });
    }
    return this.#inOrder(async () => {
      const id = key && keyString(key, keyNames(this.#table.schema));
      // Loaded by now: this runs after the gate, which rejects (skipping this) when loading failed.
      if (big && checkSize) checkSize(key, "", ` (write ${n} of this batch writer, key ${id})`);
      if (!id || (this.#buffer.has(id) && this.#options.duplicates === "reject")) {
        throw (await batches()).writerRejection(id);
      }
      this.#buffer.delete(id);
      this.#buffer.set(id, {
        table: this.#table.name,
        request: put ? { PutRequest: { Item: key } } : { DeleteRequest: { Key: key } },
      });
      this.#total++;
      if (this.#buffer.size >= 25) return this.#send();
    });
  }
}

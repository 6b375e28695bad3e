/**
 * A buffered batch writer: puts and deletes collect in a buffer that is sent as one BatchWriteItem when it
 * holds 25, on `flush()` and on `close()`. Batches are sent one after another, each finished (unprocessed
 * items retried) before the next, so the table ends as if every write had been sent alone, in order.
 *
 * ```ts
 * import { Database } from "@dynafetch/dynafetch";
 * import assert from "node:assert/strict";
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
 * assert.deepEqual(sent, [25, 6]);
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import { type AttributeMap, decodeItem } from "../codec/mod.ts";
import { ValidationError } from "../errors.ts";
import { keyNames, keyString } from "./_keys.ts";
import {
  type BatchRetryOptions,
  BatchWriteError,
  type TableWrite,
  type UnappliedWrite,
} from "./batch_errors.ts";
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

/**
 * Buffers puts and deletes of one table and sends them 25 at a time, in order. Await each call: a call
 * that fills the buffer resolves when that batch is applied and rejects with a `BatchWriteError` when it is
 * not. After a failure nothing more is sent (later writes would overtake the failed ones); `close()` then
 * rejects with every write not applied.
 *
 * @example
 * ```ts
 * import { Database, ValidationError } from "@dynafetch/dynafetch";
 * import assert from "node:assert/strict";
 *
 * const db = new Database({ region: "eu-west-1", credentials: { accessKeyId: "A", secretAccessKey: "s" } });
 * const writer = db.table("t01", { partitionKey: ["id", "N"] }).batchWriter({ duplicates: "reject" });
 * await writer.put({ id: 1 });
 * await assert.rejects(writer.delete(1), ValidationError);
 * ```
 */
export class BatchWriter<T extends object = Record<string, unknown>> {
  #table: Table<T>;
  #options: BatchWriterOptions;
  #names: string[];
  #buffer = new Map<string, TableWrite>();
  #tail: Promise<void> = Promise.resolve();
  #unapplied: UnappliedWrite[] = [];
  #cause: unknown;
  #total = 0;
  #closed = false;

  /**
   * Makes a writer for `table`; `table.batchWriter()` is the usual way.
   *
   * @param table The table.
   * @param options Duplicate handling and retries.
   */
  constructor(table: Table<T>, options: BatchWriterOptions = {}) {
    this.#table = table;
    this.#options = options;
    this.#names = keyNames(table.schema);
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
   * @throws {ValidationError} For a bad item, or a duplicate key with `duplicates: "reject"`.
   * @throws {BatchWriteError} When the batch it completed could not be applied.
   */
  put(item: T): Promise<void> {
    return this.#add((table) => {
      const encoded = table.encodeItem(item);
      return [encoded, { PutRequest: { Item: encoded } }];
    });
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
    return this.#add((table) => {
      const wire = table.key(key);
      return [wire, { DeleteRequest: { Key: wire } }];
    });
  }

  /**
   * Sends what is buffered and waits until everything sent so far is applied.
   *
   * @returns When all writes so far are applied.
   * @throws {BatchWriteError} Listing the writes of the failed batches that were not applied.
   */
  flush(): Promise<void> {
    const batch = [...this.#buffer.values()];
    this.#buffer.clear();
    const run = async () => {
      const { batchWriteAll, describeWrite } = await import("./batch_write.ts");
      if (this.#unapplied.length) {
        this.#unapplied.push(...batch.map(describeWrite(this.#options.decode ?? decodeItem)));
        throw new BatchWriteError(this.#unapplied.slice(-batch.length), batch.length, this.#cause);
      }
      if (!batch.length) return;
      try {
        await batchWriteAll(
          (input, signal) => this.#table.client.batchWriteItem(input, { signal }),
          batch,
          { ...this.#options, concurrency: 1 },
        );
      } catch (error) {
        if (error instanceof BatchWriteError) {
          this.#unapplied.push(...error.unprocessed);
          this.#cause ??= error.cause ?? error;
        }
        throw error;
      }
    };
    const done = this.#tail.then(run);
    this.#tail = done.catch(() => {});
    return done;
  }

  /**
   * Sends the rest and closes the writer; later writes are rejected.
   *
   * @returns When every write was applied.
   * @throws {BatchWriteError} Listing every write of this writer that was not applied.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush().catch(() => {});
    if (this.#unapplied.length) {
      throw new BatchWriteError(this.#unapplied, this.#total, this.#cause);
    }
  }

  /** Closes the writer (for `await using`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #add(build: (table: Table<T>) => [AttributeMap, TableWrite["request"]]): Promise<void> {
    try {
      if (this.#closed) {
        throw new ValidationError("the batch writer is closed", {
          path: "",
          found: "a write after close()",
          allowed: "writes before close()",
        });
      }
      const [wire, request] = build(this.#table);
      const id = keyString(wire, this.#names);
      if (this.#buffer.has(id)) {
        if (this.#options.duplicates === "reject") {
          throw new ValidationError("duplicate key in a batch", {
            path: "",
            found: id,
            allowed: 'each key once per batch of 25, or duplicates: "lastWriteWins"',
          });
        }
        this.#buffer.delete(id);
      }
      this.#buffer.set(id, { table: this.#table.name, request });
      this.#total++;
      return this.#buffer.size >= 25 ? this.flush() : Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

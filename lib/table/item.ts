/**
 * An item with queued changes (boto's `Item`): `set`, `add`, `remove` and `deleteFromSet` queue actions,
 * `save()` sends them as one UpdateItem, `put()` writes the whole item and `delete()` removes it.
 *
 * ```ts
 * import { Database } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const db = new Database({ region: "eu-west-1", credentials: { accessKeyId: "A", secretAccessKey: "s" } });
 * const item = db.table("users", { partitionKey: ["id", "S"] }).newItem({ id: "u1", visits: 1 });
 * item.set("name", "Ann").add("visits", 1).remove("old");
 * assertEquals(item.changes.map((c) => c.action), ["SET", "ADD", "REMOVE"]);
 * assertEquals(item.attributes.name, "Ann");
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import { fail } from "../errors.ts";
import { keyNames } from "./_keys.ts";
import { itemSave } from "./_lazy.ts";
import type { Table, WriteOptions } from "./table.ts";

/** One queued change of an item. */
export interface ItemChange {
  /** The update action. */
  action: "SET" | "ADD" | "REMOVE" | "DELETE";
  /** The top-level attribute name (taken literally). */
  name: string;
  /** The value set or added, or the set elements deleted; absent for REMOVE. */
  value?: unknown;
}

/**
 * An item of a table, with changes queued until `save()`. `set` and `remove` change `attributes` at once;
 * `add` and `deleteFromSet` are applied by the service, and `save()` (which asks for `ALL_NEW` unless told
 * otherwise) refreshes `attributes` with the item as saved. A later change of an attribute replaces an
 * earlier queued one.
 *
 * @example
 * ```ts
 * import { Database, ValidationError } from "@dynafetch/dynafetch";
 * import { assertThrows } from "@std/assert";
 *
 * const db = new Database({ region: "eu-west-1", credentials: { accessKeyId: "A", secretAccessKey: "s" } });
 * const item = db.table("users", { partitionKey: ["id", "S"] }).newItem({ id: "u1" });
 * assertThrows(() => item.set("id", "u2"), ValidationError);
 * ```
 */
export class Item<T extends object = Record<string, unknown>> {
  // Declared, not initialized: assigned in the constructor (no class field code).
  /** The table the item belongs to. */
  declare readonly table: Table<T>;
  /** The item's attributes as known here. */
  declare attributes: T;
  #changes = new Map<string, ItemChange>();

  /**
   * Makes an item; nothing is sent.
   *
   * @param table The table.
   * @param attributes The attributes, key included.
   */
  constructor(table: Table<T>, attributes: T) {
    this.table = table;
    this.attributes = attributes;
  }

  /** The queued changes, in order. */
  get changes(): ItemChange[] {
    return [...this.#changes.values()];
  }

  /**
   * Queues `SET name = value` and sets it in `attributes` (boto's `put_attribute`).
   *
   * @param name The attribute.
   * @param value The new value.
   * @returns This item.
   * @throws {ValidationError} For a key attribute.
   */
  set(name: string, value: unknown): this {
    return this.#queue("SET", name, value);
  }

  /**
   * Queues `ADD name value`: adds to a number, or adds elements to a set (boto's `add_attribute`).
   *
   * @param name The attribute.
   * @param value A number or a set.
   * @returns This item.
   * @throws {ValidationError} For a key attribute.
   */
  add(name: string, value: unknown): this {
    return this.#queue("ADD", name, value);
  }

  /**
   * Queues `REMOVE name` and removes it from `attributes` (boto's `delete_attribute` without a value).
   *
   * @param name The attribute.
   * @returns This item.
   * @throws {ValidationError} For a key attribute.
   */
  remove(name: string): this {
    return this.#queue("REMOVE", name);
  }

  /**
   * Queues `DELETE name values`: removes elements from a set (boto's `delete_attribute` with a value).
   *
   * @param name The attribute.
   * @param values The elements to remove, as a set.
   * @returns This item.
   * @throws {ValidationError} For a key attribute.
   */
  deleteFromSet(name: string, values: unknown): this {
    return this.#queue("DELETE", name, values);
  }

  /**
   * Sends the queued changes as one UpdateItem (creating the item when missing), then clears the queue.
   *
   * @param options Condition, expected values, return values (default `ALL_NEW`, which refreshes
   * `attributes`), signal.
   * @returns The attributes `returnValues` asks for.
   * @throws {ConditionalCheckFailedError} When the condition fails (the queue is kept).
   */
  async save(options: WriteOptions = {}): Promise<Partial<T> | undefined> {
    return (await itemSave()).saveItem(this, this.#changes, options);
  }

  /**
   * Writes `attributes` as the whole item (PutItem) and clears the queue: queued `set` and `remove` are
   * already in `attributes`; queued `add` and `deleteFromSet` are dropped.
   *
   * @param options Condition, expected values, `returnValues: "ALL_OLD"`, signal.
   * @returns The old item with `returnValues: "ALL_OLD"`.
   */
  async put(options: WriteOptions = {}): Promise<T | undefined> {
    const old = await this.table.put(this.attributes, options);
    this.#changes.clear();
    return old;
  }

  /**
   * Deletes the item (DeleteItem).
   *
   * @param options Condition, expected values, `returnValues: "ALL_OLD"`, signal.
   * @returns The deleted item with `returnValues: "ALL_OLD"`.
   */
  delete(options: WriteOptions = {}): Promise<T | undefined> {
    return this.table.delete(this.attributes, options);
  }

  // Replaces any queued change of `name`; SET and REMOVE change `attributes` at once.
  #queue(action: ItemChange["action"], name: string, value?: unknown): this {
    if (keyNames(this.table.schema).includes(name)) {
      fail("key attributes cannot change", name, action, "other attributes");
    }
    this.#changes.delete(name);
    this.#changes.set(name, { action, name, ...action !== "REMOVE" && { value } });
    if (action === "SET") Reflect.set(this.attributes, name, value);
    if (action === "REMOVE") Reflect.deleteProperty(this.attributes, name);
    return this;
  }
}

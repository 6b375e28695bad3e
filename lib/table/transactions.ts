/**
 * Transactions from native values and the expression builders: `transactWriteItems` builds the entries of
 * TransactWriteItems (put, update, delete, condition check), `transactGetItems` those of TransactGetItems.
 * `db.transactWrite()` and `db.transactGet()` send them.
 *
 * ```ts
 * import { Attr, transactWriteItems, update } from "@dynafetch/dynafetch";
 * import assert from "node:assert/strict";
 *
 * const accounts = { name: "accounts", schema: { partitionKey: ["id", "S"] } } as const;
 * const items = transactWriteItems([
 *   { table: accounts, update: update().add("balance", -5), key: "a", condition: Attr("balance").gte(5) },
 *   { table: accounts, update: update().add("balance", 5), key: "b" },
 * ]);
 * assert.equal(items.length, 2);
 * assert.deepEqual(items[1], {
 *   Update: {
 *     TableName: "accounts",
 *     Key: { id: { S: "b" } },
 *     UpdateExpression: "ADD #n0 :v0",
 *     ExpressionAttributeNames: { "#n0": "balance" },
 *     ExpressionAttributeValues: { ":v0": { N: "5" } },
 *   },
 * });
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import { type AttributeMap, type CodecOptions, encodeItem } from "../codec/mod.ts";
import { ValidationError } from "../errors.ts";
import {
  and,
  compileExpressions,
  type Condition,
  expectedToCondition,
  type PathInput,
  type UpdateBuilder,
} from "../expressions/mod.ts";
import type {
  ReturnValuesOnConditionCheckFailure,
  TransactGetItem,
  TransactWriteItem,
} from "../operations/mod.ts";
import { checkItemKey, isPlainObject } from "./_keys.ts";
import { checkName } from "./_names.ts";
import { readFields } from "./_projection.ts";
import { buildKey, type KeyInput, type TableSchema } from "./schema.ts";

/** A table as transactions take it: a `Table` (or anything with its name, schema and codec) or a name. */
export type TableRef = {
  readonly name: string;
  readonly schema: TableSchema;
  readonly codec?: CodecOptions;
} | string;

/** What every write entry may carry: the table, a condition, expected values. */
export interface TransactEntryBase {
  /** The table. With a bare name, keys must be objects of the key attributes. */
  table: TableRef;
  /** A condition the item must meet, or the whole transaction is cancelled. */
  condition?: Condition;
  /** boto's expected values (`false`: must not exist), combined with `condition` by AND. */
  expected?: Record<string, unknown>;
  /** `ALL_OLD` reports the item in the cancellation reason when the condition fails. */
  returnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure;
}

/** One write of a transaction: a put, an update, a delete, or a condition check. */
export type TransactWriteEntry =
  | (TransactEntryBase & { put: object })
  | (TransactEntryBase & { update: UpdateBuilder; key: KeyInput })
  | (TransactEntryBase & { delete: KeyInput })
  | (TransactEntryBase & { check: KeyInput });

/** One read of a transaction. */
export interface TransactGetEntry {
  /** The table. */
  table: TableRef;
  /** The item's key. */
  key: KeyInput;
  /** The paths to return. */
  projection?: readonly PathInput[];
}

/** The table name, key schema (if known) and codec of a table reference. */
export function resolveTable(
  ref: TableRef,
  codec?: CodecOptions,
): { name: string; schema?: TableSchema; codec?: CodecOptions } {
  return typeof ref === "string"
    ? { name: checkName(ref, "table"), codec }
    : { name: ref.name, schema: ref.schema, codec: ref.codec ?? codec };
}

/** Encodes a key for a table reference: with a schema, checked against it; else it must be an object. */
export function encodeKey(
  t: { schema?: TableSchema; codec?: CodecOptions },
  key: KeyInput,
  path: string,
): AttributeMap {
  if (t.schema) return buildKey(t.schema, key, t.codec);
  if (!isPlainObject(key)) {
    throw new ValidationError(
      "a key for a table given by name must be an object of its key attributes",
      {
        path,
        found: Array.isArray(key) ? "a pair" : typeof key,
        allowed: "{ partitionKey, sortKey? }, or a Table with its schema",
      },
    );
  }
  return encodeItem(key, t.codec);
}

function checkCount(n: number): void {
  if (n < 1 || n > 100) {
    throw new ValidationError("a transaction holds 1 to 100 entries", {
      path: "",
      found: String(n),
      allowed: "1 to 100",
    });
  }
}

/**
 * Builds the entries of TransactWriteItems from native values and builders.
 *
 * @param entries The writes (1 to 100).
 * @param codec Codec options for tables given by name (a Table's own options win).
 * @returns The `TransactItems`.
 * @throws {ValidationError} For a bad key, item, condition or update, a check without a condition, or a
 * count outside 1..100.
 *
 * @example
 * ```ts
 * import { transactWriteItems, ValidationError } from "@dynafetch/dynafetch";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => transactWriteItems([{ table: "t01", check: { id: 1 } }]), ValidationError);
 * ```
 */
export function transactWriteItems(
  entries: readonly TransactWriteEntry[],
  codec?: CodecOptions,
): TransactWriteItem[] {
  checkCount(entries.length);
  return entries.map((e, i): TransactWriteItem => {
    const t = resolveTable(e.table, codec);
    const expected = e.expected && expectedToCondition(e.expected);
    const condition = expected && e.condition
      ? and(e.condition, expected)
      : expected ?? e.condition;
    const update = "update" in e ? e.update : undefined;
    const base = {
      TableName: t.name,
      ...((condition || update) && compileExpressions({ condition, update }, t.codec)),
      ...(e.returnValuesOnConditionCheckFailure &&
        { ReturnValuesOnConditionCheckFailure: e.returnValuesOnConditionCheckFailure }),
    };
    const path = `[${i}]`;
    if ("put" in e) {
      const Item = encodeItem(e.put, t.codec);
      if (t.schema) checkItemKey(t.schema, Item);
      return { Put: { ...base, Item } };
    }
    if ("delete" in e) return { Delete: { ...base, Key: encodeKey(t, e.delete, path) } };
    if ("update" in e) {
      const { UpdateExpression } = base;
      if (!UpdateExpression) {
        throw new ValidationError("empty update", {
          path,
          found: "no actions",
          allowed: "update().set(...)...",
        });
      }
      return { Update: { ...base, UpdateExpression, Key: encodeKey(t, e.key, path) } };
    }
    const { ConditionExpression } = base;
    if (!ConditionExpression) {
      throw new ValidationError("a condition check needs a condition", {
        path,
        found: "none",
        allowed: "condition or expected",
      });
    }
    return { ConditionCheck: { ...base, ConditionExpression, Key: encodeKey(t, e.check, path) } };
  });
}

/**
 * Builds the entries of TransactGetItems.
 *
 * @param entries The reads (1 to 100).
 * @param codec Codec options for tables given by name.
 * @returns The `TransactItems`.
 * @throws {ValidationError} For a bad key or projection, or a count outside 1..100.
 *
 * @example
 * ```ts
 * import { transactGetItems } from "@dynafetch/dynafetch";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(transactGetItems([{ table: "t01", key: { id: 1 } }]), [
 *   { Get: { TableName: "t01", Key: { id: { N: "1" } } } },
 * ]);
 * ```
 */
export function transactGetItems(
  entries: readonly TransactGetEntry[],
  codec?: CodecOptions,
): TransactGetItem[] {
  checkCount(entries.length);
  return entries.map((e, i) => {
    const t = resolveTable(e.table, codec);
    const Key = encodeKey(t, e.key, `[${i}]`);
    const fields = readFields({ projection: e.projection }, [], t.codec);
    return { Get: { TableName: t.name, Key, ...fields } };
  });
}

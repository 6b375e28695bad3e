// Transactions from native values and the expression builders (internal; `db.transactWrite` and
// `db.transactGet` load it on first use): the entries of TransactWriteItems (put, update, delete, condition
// check) and TransactGetItems, and the two sends.
// For bundlers, see _lazy.ts:
import "../client/dynamodb.ts";
import "./database.ts";
import "./table.ts";
import type { Database } from "./database.ts";
import { type AttributeMap, type CodecOptions, decodeItem, encodeItem } from "../codec/mod.ts";
import { ValidationError } from "../errors.ts";
import { expectedToCondition } from "../expressions/boto_conditions.ts";
import { compileExpressions } from "../expressions/compile.ts";
import { and, type Condition } from "../expressions/condition.ts";
import type { PathInput } from "../expressions/path.ts";
import type { UpdateBuilder } from "../expressions/update.ts";
import type {
  ReturnValuesOnConditionCheckFailure,
  TransactGetItem,
  TransactWriteItem,
} from "../operations/mod.ts";
import type { CallOptions } from "../transport/mod.ts";
import { checkItemSize } from "./_item_size.ts";
import { checkItemKey, keyNames, keyString } from "./_keys.ts";
import { readFields } from "./_projection.ts";
import {
  encodeKey,
  type ResolvedTable,
  resolveEntries,
  resolveTable,
  type TableRef,
} from "./_table_ref.ts";
import type { KeyInput } from "./schema.ts";

export type { TableRef };

/** What every write entry may carry: the table, a condition, expected values. */
export interface TransactEntryBase {
  /**
   * The table. With a bare name (of a table the Database has no handle for), keys must be objects of the
   * key attributes, and a put is checked against the other entries for a second write of its item only
   * when the table's key attributes are known from another entry (a handle, or a key, on that name).
   */
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
 * @throws {ValidationError} For a bad key, item, condition or update, a check without a condition, a
 * count outside 1..100, two entries on one item (as far as the entries tell their tables' keys: see
 * `checkOnce`), or an item over 400 KB.
 */
export function transactWriteItems(
  entries: readonly TransactWriteEntry[],
  codec?: CodecOptions,
): TransactWriteItem[] {
  checkCount(entries.length);
  const tables = entries.map((e) => resolveTable(e.table, codec));
  const items = entries.map((e, i) => writeItem(e, tables[i], `[${i}]`));
  checkOnce(items, tables);
  return items;
}

/**
 * Throws a ValidationError when two entries write or check one item. An entry's item is its table's name and
 * its key attribute values, compared by attribute name, so a key given by name matches the same key of a
 * Table. An update, delete or condition check carries its key. A put's key attributes are known from its
 * table's schema, else from another entry on a table of that name (a Table's schema, or the attributes of
 * a key, which for a table given by name must be exactly its key attributes). Not compared: a put to a
 * table given by name when no entry tells that table's key attributes (two such puts of one item are left
 * to DynamoDB, which rejects the transaction). Nothing is asked of the service.
 */
function checkOnce(items: TransactWriteItem[], tables: ResolvedTable[]): void {
  const keysOf = new Map<string, string[]>();
  items.forEach((item, i) => {
    const { schema, name } = tables[i];
    if (schema) keysOf.set(name, keyNames(schema));
    else if (!("Put" in item) && !keysOf.has(name)) keysOf.set(name, Object.keys(wireKey(item)));
  });
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const { schema, name } = tables[i];
    const key = wireKey(item);
    const names = schema ? keyNames(schema) : "Put" in item ? keysOf.get(name) : Object.keys(key);
    if (!names) return;
    const id = JSON.stringify([name, keyString(key, [...names].sort())]);
    if (seen.has(id)) {
      throw new ValidationError("two entries of a transaction on one item", {
        path: `[${i}]`,
        found: id,
        allowed: "each item once per transaction",
      });
    }
    seen.add(id);
  });
}

/** The key of an update, delete or condition check; the whole item of a put. */
function wireKey(item: TransactWriteItem): AttributeMap {
  return "Put" in item
    ? item.Put.Item
    : "Update" in item
    ? item.Update.Key
    : "Delete" in item
    ? item.Delete.Key
    : item.ConditionCheck.Key;
}

/** One write entry as TransactWriteItems takes it, its key and item checked. */
function writeItem(e: TransactWriteEntry, t: ResolvedTable, path: string): TransactWriteItem {
  const expected = e.expected && expectedToCondition(e.expected);
  const condition = expected && e.condition ? and(e.condition, expected) : expected ?? e.condition;
  const update = "update" in e ? e.update : undefined;
  const base = {
    TableName: t.name,
    ...((condition || update) && compileExpressions({ condition, update }, t.codec)),
    ...(e.returnValuesOnConditionCheckFailure &&
      { ReturnValuesOnConditionCheckFailure: e.returnValuesOnConditionCheckFailure }),
  };
  if ("put" in e) {
    const Item = encodeItem(e.put, t.codec);
    if (t.schema) checkItemKey(t.schema, Item);
    checkItemSize(Item, path);
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
    return {
      Update: { ...base, UpdateExpression, Key: encodeKey(t, e.key, path) },
    };
  }
  const { ConditionExpression } = base;
  if (!ConditionExpression) {
    throw new ValidationError("a condition check needs a condition", {
      path,
      found: "none",
      allowed: "condition or expected",
    });
  }
  return {
    ConditionCheck: {
      ...base,
      ConditionExpression,
      Key: encodeKey(t, e.check, path),
    },
  };
}

/**
 * Builds the entries of TransactGetItems.
 *
 * @param entries The reads (1 to 100).
 * @param codec Codec options for tables given by name.
 * @returns The `TransactItems`.
 * @throws {ValidationError} For a bad key or projection, or a count outside 1..100.
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

/**
 * Sends a write transaction (what `db.transactWrite` does): entries naming a table in `tables` use its
 * schema and codec; others the database's codec options.
 *
 * @param db The database (its client and codec options).
 * @param tables The database's tables by name.
 * @param entries The writes.
 * @param options The token (default a random UUID), signal.
 * @returns When the transaction committed.
 * @throws {TransactionCanceledError} With one reason per entry.
 */
export async function transactWrite(
  db: Database,
  tables: Tables,
  entries: readonly TransactWriteEntry[],
  options: CallOptions & { clientRequestToken?: string },
): Promise<void> {
  await db.client.transactWriteItems({
    TransactItems: transactWriteItems(resolveEntries(entries, tables), db.codec),
    ClientRequestToken: options.clientRequestToken ?? token(),
  }, options);
}

/** Tables by name: entries naming one of them use its schema and codec. */
type Tables = ReadonlyMap<string, TableRef>;

/**
 * Sends a read transaction (what `db.transactGet` does): entries naming a table in `tables` use its
 * schema and codec; others the database's codec options.
 *
 * @param db The database (its client and codec options).
 * @param tables The database's tables by name.
 * @param entries The reads.
 * @param call Signal and timeout.
 * @returns One entry per key in order: the item, or `undefined`.
 */
export async function transactGet(
  db: Database,
  tables: Tables,
  entries: readonly TransactGetEntry[],
  call: CallOptions,
): Promise<(Record<string, unknown> | undefined)[]> {
  const resolved = resolveEntries(entries, tables);
  const out = await db.client.transactGetItems({
    TransactItems: transactGetItems(resolved, db.codec),
  }, call);
  return resolved.map((e, i) => {
    const item = out.Responses?.[i]?.Item;
    return item && decodeItem(item, resolveTable(e.table, db.codec).codec);
  });
}

// A random idempotency token: crypto.randomUUID where the runtime has it (browsers only give it in secure
// contexts), else 128 random bits in hex.
function token(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(
    crypto.getRandomValues(new Uint8Array(16)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

// Private: tables as batch reads and transactions name them (a Table, or a bare name whose keys must then
// be objects), and the encoding of a key for one.
import { type AttributeMap, type CodecOptions, encodeItem } from "../codec/mod.ts";
import { ValidationError } from "../errors.ts";
import { isPlainObject } from "./_keys.ts";
import { checkName } from "./_names.ts";
import { buildKey, type KeyInput, type TableSchema } from "./schema.ts";

/** A table as transactions and batch reads take it: a `Table` (or anything with its name, schema and codec) or a name. */
export type TableRef = {
  readonly name: string;
  readonly schema: TableSchema;
  readonly codec?: CodecOptions;
} | string;

/** A resolved table reference. */
export interface ResolvedTable {
  name: string;
  schema?: TableSchema;
  codec?: CodecOptions;
}

/** The table name, key schema (if known) and codec of a table reference. */
export function resolveTable(ref: TableRef, codec?: CodecOptions): ResolvedTable {
  return typeof ref === "string"
    ? { name: checkName(ref, "table"), codec }
    : { name: ref.name, schema: ref.schema, codec: ref.codec ?? codec };
}

/** The entries, with each table given by the name of a table in `tables` replaced by that table. */
export function resolveEntries<E extends { table: TableRef }>(
  entries: readonly E[],
  tables?: ReadonlyMap<string, TableRef>,
): readonly E[] {
  return entries.map((e) => {
    const table = typeof e.table === "string" && tables?.get(e.table);
    return table ? { ...e, table } : e;
  });
}

/** Encodes a key for a table: with a schema, checked against it; else it must be an object. */
export function encodeKey(t: ResolvedTable, key: KeyInput, path: string): AttributeMap {
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

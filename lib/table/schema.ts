/**
 * Key schemas and keys: a table's partition and sort key as `[name, type]` pairs, and `buildKey`, which
 * turns an object of key attributes, a partition key value or a `[partition, sort]` pair into the wire
 * `Key`, checked against the schema's types (boto's `build_key_from_values`).
 *
 * ```ts
 * import { buildKey } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const schema = { partitionKey: ["user", "S"], sortKey: ["ts", "N"] } as const;
 * assertEquals(buildKey(schema, ["ann", 7]), { user: { S: "ann" }, ts: { N: "7" } });
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import { type AttributeMap, type AttributeValue, type CodecOptions, encode } from "../codec/mod.ts";
import { fail } from "../errors.ts";
import { checkKeyValue, isPlainObject } from "./_keys.ts";

/** The type of a key attribute: string (`S`), number (`N`) or binary (`B`). */
export type KeyType = "S" | "N" | "B";

/** A key attribute: its name and type, like `["user", "S"]`. */
export type KeyAttribute = readonly [name: string, type: KeyType];

/** The key of a table or of a secondary index: a partition (hash) key and an optional sort (range) key. */
export interface KeySchema {
  /** The partition (hash) key. */
  readonly partitionKey: KeyAttribute;
  /** The sort (range) key, if the table has one. */
  readonly sortKey?: KeyAttribute;
}

/**
 * A table's schema: its key, and optionally the keys of its secondary indexes by name (used to build exact
 * resume positions when a filtered query over an index stops part way through a page).
 */
export interface TableSchema extends KeySchema {
  /** The keys of secondary indexes, by index name. */
  readonly indexes?: Readonly<Record<string, KeySchema>>;
}

/** One key attribute value: a string, a number (`number`, `bigint`, or any value the codec encodes as N) or bytes. */
export type KeyValue = string | number | bigint | Uint8Array | { toString(): string };

/**
 * A key as the high-level API takes it: an object holding the key attributes (other attributes are
 * ignored, so a whole item works), the partition key value alone, or `[partition, sort]`.
 */
export type KeyInput = Readonly<Record<string, unknown>> | KeyValue | readonly [KeyValue, KeyValue];

/**
 * Builds the wire `Key` of an item from an object of key attributes, a partition key value, or a
 * `[partition, sort]` pair, checking each value against the schema.
 *
 * @param schema The table's (or index's) key schema.
 * @param key The key: an object (extra attributes are ignored), a value, or a pair.
 * @param codec Codec options for encoding the values.
 * @returns The key attributes as AttributeValues.
 * @throws {ValidationError} When a key attribute is missing, has another type than the schema's, is an
 * empty string or empty binary, or the key's form does not fit the schema (a pair for a table without a sort
 * key, a lone value for one with).
 *
 * @example
 * ```ts
 * import { buildKey, ValidationError } from "@dynafetch/dynafetch";
 * import { assertEquals, assertThrows } from "@std/assert";
 *
 * const schema = { partitionKey: ["id", "N"] } as const;
 * assertEquals(buildKey(schema, { id: 1, name: "x" }), { id: { N: "1" } });
 * assertThrows(() => buildKey(schema, "1"), ValidationError);
 * ```
 */
export function buildKey(schema: KeySchema, key: KeyInput, codec?: CodecOptions): AttributeMap {
  const { partitionKey: p, sortKey: s } = schema;
  let pv: unknown, sv: unknown;
  if (Array.isArray(key)) {
    if (!s || key.length !== 2) {
      fail(
        "a key pair needs a sort key and two values",
        "",
        `${key.length} values`,
        s ? `[${p[0]}, ${s[0]}]` : `the value of ${p[0]}, or { ${p[0]} }`,
      );
    }
    [pv, sv] = key;
  } else if (isPlainObject(key)) {
    pv = key[p[0]];
    if (s) sv = key[s[0]];
  } else {
    if (s) {
      fail(
        "both key values needed",
        s[0],
        "a single value",
        `[${p[0]}, ${s[0]}] or { ${p[0]}, ${s[0]} }`,
      );
    }
    pv = key;
  }
  const out: AttributeMap = { [p[0]]: keyValue(pv, p, codec) };
  if (s) out[s[0]] = keyValue(sv, s, codec);
  return out;
}

// Encodes one key attribute value and checks it against the schema's type.
function keyValue(value: unknown, attribute: KeyAttribute, codec?: CodecOptions): AttributeValue {
  return checkKeyValue(
    value === undefined ? value : typeof value === "string" ? { S: value } : encode(value, codec),
    attribute,
  );
}

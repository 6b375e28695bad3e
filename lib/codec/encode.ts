/**
 * Encoding: JavaScript values to DynamoDB `AttributeValue`s (`encode`, `encodeItem`).
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { AttributeMap, AttributeValue } from "./attribute_value.ts";
import type { CodecOptions } from "./options.ts";
import type { Ctx } from "./_options.ts";
import { describe, fail, firstRepeat } from "./_fault.ts";
import { fields, list, OBJECT_PROTO, run } from "./_walk.ts";
import { bigintToString, normalizeNumber, numberToString } from "./numbers.ts";
import { DynamoNumber } from "./dynamo_number.ts";
import { encodeBase64 } from "./base64.ts";

const ALLOWED =
  "string, number, bigint, boolean, null, DynamoNumber, Decimal, Uint8Array, ArrayBuffer, Set, array, " +
  "plain object or Map";
const SET_KINDS = ["strings", "numbers", "binaries"];

/**
 * Encodes a JavaScript value as a DynamoDB `AttributeValue`.
 *
 * string -> S; number, bigint, DynamoNumber, decimal.js Decimal -> N; boolean -> BOOL; null -> NULL;
 * Uint8Array, ArrayBuffer and other ArrayBufferViews -> B; Set of strings, numbers or binaries -> SS, NS, BS;
 * array -> L; plain object or Map with string keys -> M (`undefined` members are left out).
 *
 * @param value The value.
 * @param options Codec options.
 * @returns The `AttributeValue`.
 * @throws {ValidationError} For values DynamoDB cannot hold or the options do not allow (NaN, Infinity,
 * more than 38 significant digits, functions, symbols, Dates, class instances, mixed or empty Sets,
 * `undefined` outside a map); its `path` says where.
 *
 * @example
 * ```ts
 * import { encode } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(encode({ id: 7, tags: new Set(["a"]), note: undefined }), {
 *   M: { id: { N: "7" }, tags: { SS: ["a"] } },
 * });
 * ```
 */
export function encode(value: unknown, options?: CodecOptions): AttributeValue {
  return run(encodeElement, value, options);
}

/**
 * Encodes an object as a DynamoDB item: each attribute as `encode` does it; `undefined` attributes are left
 * out.
 *
 * @param item A plain object (or a Map with string keys).
 * @param options Codec options.
 * @returns The item's `AttributeMap`.
 * @throws {ValidationError} When `item` is not a plain object, or for any attribute `encode` rejects.
 *
 * @example
 * ```ts
 * import { encodeItem } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(encodeItem({ pk: "user#1", age: 41, admin: false }), {
 *   pk: { S: "user#1" },
 *   age: { N: "41" },
 *   admin: { BOOL: false },
 * });
 * ```
 */
export function encodeItem(item: object, options?: CodecOptions): AttributeMap {
  return run(encodeRecord, item, options);
}

function encodeRecord(item: object, c: Ctx): AttributeMap {
  const av = encodeElement(item, c, 0);
  return "M" in av
    ? av.M
    : fail("an item must be a map", describe(item), "a plain object or a Map");
}

/** Encodes a value that cannot be left out (top level, list element). */
function encodeElement(value: unknown, c: Ctx, depth: number): AttributeValue {
  return encodeValue(value, c, depth) ??
    fail(
      "only map values can be left out",
      value === undefined ? "undefined" : "an empty Set",
      "a value (null for none)",
    );
}

/** Encodes a value; `undefined` means "leave it out" (an undefined value, or an empty Set with drop). */
function encodeValue(v: unknown, c: Ctx, depth: number): AttributeValue | undefined {
  switch (typeof v) {
    case "string":
      return { S: v };
    case "number":
      return { N: numberToString(v) };
    case "boolean":
      return c.booleans ? { N: v ? "1" : "0" } : { BOOL: v };
    case "bigint":
      return { N: bigintToString(v) };
    case "undefined":
      return undefined;
    case "object":
      return v ? encodeObject(v, c, depth) : { NULL: true };
  }
  return fail("unsupported value", describe(v), ALLOWED);
}

function isPlain(v: object): v is Record<string, unknown> {
  const p = Object.getPrototypeOf(v);
  // The last test accepts plain objects from another realm (iframe, vm), whose prototype is that
  // realm's Object.prototype.
  return p === OBJECT_PROTO || p === null ||
    Object.getPrototypeOf(p) === null && typeof p.hasOwnProperty === "function" &&
      p.constructor?.name === "Object";
}

// Any object can be read by string key; the guard only tells the type checker so.
function isRecord(_: object): _ is Record<string, unknown> {
  return true;
}

function encodeObject(v: object, c: Ctx, depth: number): AttributeValue | undefined {
  if (Array.isArray(v)) return { L: list(v, encodeElement, c, depth) };
  if (isPlain(v)) return { M: fields(v, encodeValue, c, depth) };
  if (v instanceof Set) return encodeSet(v, c);
  const bytes = binary(v);
  if (bytes) return { B: encodeBase64(bytes) };
  if (v instanceof Map) {
    for (const k of v.keys()) {
      if (typeof k !== "string") fail("Map keys must be strings", describe(k), "string keys");
    }
    // fromEntries defines each key as an own property ("__proto__" included), in the Map's order.
    return { M: fields(Object.fromEntries(v), encodeValue, c, depth) };
  }
  const n = numberString(v, c);
  if (n !== undefined) return { N: n };
  const date = v instanceof Date;
  if (date && c.dates) {
    const ms = v.getTime();
    if (ms !== ms) fail("invalid Date", "an invalid Date", "a valid Date");
    return c.dates < 2
      ? { S: v.toISOString() }
      : { N: numberToString(c.dates < 3 ? ms / 1000 : ms) };
  }
  if (!date && c.classInstances && isRecord(v)) return { M: fields(v, encodeValue, c, depth) };
  return fail(
    "unsupported value",
    describe(v),
    ALLOWED + (date ? " (or the dates option)" : ' (or classInstances: "map")'),
  );
}

/** The canonical N string of a number-like value, or undefined when `v` is not number-like. */
function numberString(v: unknown, c: Ctx): string | undefined {
  if (typeof v === "number") return numberToString(v);
  if (typeof v === "bigint") return bigintToString(v);
  if (typeof v === "object") {
    if (v instanceof DynamoNumber) return v.value;
    // decimal.js's Decimal (and its clones) say "Decimal" to Object.prototype.toString.
    if (
      c.decimal && v instanceof c.decimal || OBJECT_PROTO.toString.call(v) === "[object Decimal]"
    ) {
      return normalizeNumber(String(v));
    }
  }
}

/** The bytes of a binary value, or undefined when `v` is not binary. */
function binary(v: unknown): Uint8Array | undefined {
  return v instanceof Uint8Array
    ? v
    : v instanceof ArrayBuffer
    ? new Uint8Array(v)
    : ArrayBuffer.isView(v)
    ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
    : undefined;
}

function encodeSet(set: Set<unknown>, c: Ctx): AttributeValue | undefined {
  if (!set.size) {
    if (c.emptySets) return undefined;
    fail("empty Set", "an empty Set", 'a non-empty Set (or emptySets: "drop")');
  }
  const list: string[] = [];
  const first: unknown = set.values().next().value;
  // 0: strings, 1: numbers, 2: binaries.
  const kind = typeof first === "string" ? 0 : binary(first) ? 2 : 1;
  for (const x of set) {
    let bytes;
    const s = kind > 1
      ? (bytes = binary(x)) && encodeBase64(bytes)
      : kind
      ? numberString(x, c)
      : typeof x === "string"
      ? x
      : undefined;
    if (s === undefined) {
      fail(
        "bad Set element",
        describe(x) + (x === first ? "" : " in a Set of " + SET_KINDS[kind]),
        "a Set of only strings, only numbers or only binaries",
      );
    }
    list.push(s);
  }
  // A Set never holds one string twice, but different numbers or binaries can have the same text.
  const i = kind ? firstRepeat(list) : -1;
  if (i >= 0) {
    fail(
      "duplicate Set element",
      list[i] + " twice",
      "distinct elements",
    );
  }
  return kind > 1 ? { BS: list } : kind ? { NS: list } : { SS: list };
}

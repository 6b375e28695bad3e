/**
 * Encoding: JavaScript values to DynamoDB `AttributeValue`s (`encode`, `encodeItem`).
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { AttributeMap, AttributeValue } from "./attribute_value.ts";
import type { CodecOptions } from "./options.ts";
import { type Ctx, resolveOptions } from "./_options.ts";
import {
  checkDepth,
  describe,
  fail,
  hasOwn,
  OBJECT_PROTO,
  put,
  toValidationError,
  within,
} from "./_fault.ts";
import { bigintToString, normalizeNumber, numberToString } from "./numbers.ts";
import { DynamoNumber } from "./dynamo_number.ts";
import { encodeBase64 } from "./base64.ts";

const ALLOWED =
  "string, number, bigint, boolean, null, DynamoNumber, Decimal, Uint8Array, ArrayBuffer, Set, array, " +
  "plain object or Map";
const EMPTY_SET = "an empty Set";
const SET_KINDS = "a Set of only strings, only numbers or only binaries";

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
  const c = resolveOptions(options);
  try {
    return encodeElement(value, c, 0);
  } catch (error) {
    throw toValidationError(error);
  }
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
  const c = resolveOptions(options);
  try {
    const av = encodeElement(item, c, 0);
    return "M" in av
      ? av.M
      : fail("an item must be a map", describe(item), "a plain object or a Map");
  } catch (error) {
    throw toValidationError(error);
  }
}

/** Encodes a value that cannot be left out (top level, list element). */
function encodeElement(value: unknown, c: Ctx, depth: number): AttributeValue {
  return encodeValue(value, c, depth) ??
    (value === undefined
      ? fail("undefined is only allowed as a map value", "undefined", ALLOWED + " (use null)")
      : fail(
        "empty Sets are only dropped from maps",
        EMPTY_SET,
        "a Set with at least one element",
      ));
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
  return unsupported(describe(v));
}

function unsupported(found: string, hint = ""): never {
  return fail("unsupported value", found, ALLOWED + hint);
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
  checkDepth(depth++, true);
  if (Array.isArray(v)) {
    const list: AttributeValue[] = new Array(v.length);
    let i = 0;
    try {
      for (; i < v.length; i++) list[i] = encodeElement(v[i], c, depth);
    } catch (error) {
      throw within(error, i);
    }
    return { L: list };
  }
  if (isPlain(v)) return { M: encodeFields(v, c, depth) };
  if (v instanceof Uint8Array) return { B: encodeBase64(v) };
  if (v instanceof Set) return encodeSet(v, c);
  if (v instanceof Map) return { M: encodeMap(v, c, depth) };
  const n = numberString(v, c);
  if (n !== undefined) return { N: n };
  const bytes = binary(v);
  if (bytes) return { B: encodeBase64(bytes) };
  if (v instanceof Date) {
    const ms = v.getTime();
    const mode = c.dates;
    if (!mode) unsupported("a Date", " (or set the dates option)");
    if (ms !== ms) fail("invalid Date", "an invalid Date", "a valid Date");
    return mode < 2 ? { S: v.toISOString() } : { N: numberToString(mode < 3 ? ms / 1000 : ms) };
  }
  if (c.classInstances && isRecord(v)) return { M: encodeFields(v, c, depth) };
  return unsupported(describe(v), ' (or set the classInstances option to "map")');
}

// for-in with `obj[k]` is V8's fastest way through an object's keys; hasOwn skips inherited ones (a
// polluted Object.prototype, or a class instance's prototype chain).
function encodeFields(obj: Record<string, unknown>, c: Ctx, depth: number): AttributeMap {
  const out: AttributeMap = {};
  let key = "";
  try {
    for (const k in obj) {
      if (!hasOwn(obj, k)) continue;
      key = k;
      const av = encodeValue(obj[k], c, depth);
      if (av) put(out, k, av);
    }
  } catch (error) {
    throw within(error, key);
  }
  return out;
}

function encodeMap(map: Map<unknown, unknown>, c: Ctx, depth: number): AttributeMap {
  const out: AttributeMap = {};
  for (const [key, value] of map) {
    if (typeof key !== "string") fail("Map keys must be strings", describe(key), "string keys");
    try {
      const av = encodeValue(value, c, depth);
      if (av) put(out, key, av);
    } catch (error) {
      throw within(error, key);
    }
  }
  return out;
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
    fail("empty Set", EMPTY_SET, SET_KINDS + ', not empty (or set emptySets: "drop")');
  }
  const first: unknown = set.values().next().value;
  // 0: strings, 1: numbers, 2: binaries.
  const kind = typeof first === "string"
    ? 0
    : binary(first)
    ? 2
    : numberString(first, c) !== undefined
    ? 1
    : fail("unsupported Set element", describe(first), SET_KINDS);
  const list: string[] = [];
  // A Set never holds one string twice, but different numbers or binaries can have the same text.
  const seen = new Set<string>();
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
        "mixed Set",
        `${describe(x)} in a Set of ${["strings", "numbers", "binaries"][kind]}`,
        SET_KINDS,
      );
    }
    if (kind) {
      if (seen.has(s)) {
        fail(
          "duplicate Set element",
          `the ${kind > 1 ? "binary" : "number"} ${s} twice`,
          "distinct elements",
        );
      }
      seen.add(s);
    }
    list.push(s);
  }
  return kind > 1 ? { BS: list } : kind ? { NS: list } : { SS: list };
}

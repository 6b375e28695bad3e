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
import { describe, fail, toValidationError, within } from "./_fault.ts";
import { bigintToString, normalizeNumber, numberToString } from "./numbers.ts";
import { DynamoNumber } from "./dynamo_number.ts";
import { encodeBase64 } from "./base64.ts";

/** DynamoDB nests maps and lists at most 32 levels deep; the guard also stops cycles. */
export const MAX_DEPTH = 32;

const ALLOWED =
  "string, number, bigint, boolean, null, DynamoNumber, Decimal, Uint8Array, ArrayBuffer, Set, array, " +
  "plain object or Map";
const OBJECT_PROTO = Object.prototype;

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
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(encode({ id: 7, tags: new Set(["a"]), note: undefined }), {
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
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(encodeItem({ pk: "user#1", age: 41, admin: false }), {
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
    if ("M" in av) return av.M;
    return fail("an item must be a map", describe(item), "a plain object or a Map");
  } catch (error) {
    throw toValidationError(error);
  }
}

/** Encodes a value that cannot be left out (top level, list element). */
function encodeElement(value: unknown, c: Ctx, depth: number): AttributeValue {
  const av = encodeValue(value, c, depth);
  if (av !== undefined) return av;
  return value === undefined
    ? fail("undefined is only allowed as a map value", "undefined", `${ALLOWED} (use null)`)
    : fail(
      "empty Sets are only dropped from maps",
      "an empty Set",
      "a Set with at least one element",
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
      return c.boolN ? { N: v ? "1" : "0" } : { BOOL: v };
    case "bigint":
      return { N: bigintToString(v) };
    case "undefined":
      return undefined;
    case "object":
      return v === null ? { NULL: true } : encodeObject(v, c, depth);
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
  if (depth > MAX_DEPTH) {
    fail("nested too deep", `more than ${MAX_DEPTH} levels of lists and maps`, "at most 32 levels");
  }
  if (Array.isArray(v)) {
    const list: AttributeValue[] = new Array(v.length);
    let i = 0;
    try {
      for (; i < v.length; i++) list[i] = encodeElement(v[i], c, depth + 1);
    } catch (error) {
      throw within(error, i);
    }
    return { L: list };
  }
  if (isPlain(v)) return { M: encodeFields(v, c, depth + 1) };
  if (v instanceof Uint8Array) return { B: encodeBase64(v) };
  if (v instanceof Set) return encodeSet(v, c);
  if (v instanceof Map) return { M: encodeMap(v, c, depth + 1) };
  const n = numberString(v, c);
  if (n !== undefined) return { N: n };
  const bytes = binary(v);
  if (bytes !== undefined) return { B: encodeBase64(bytes) };
  if (v instanceof Date) return encodeDate(v, c.d);
  if (c.classMap && isRecord(v)) return { M: encodeFields(v, c, depth + 1) };
  return fail(
    "unsupported value",
    describe(v),
    `${ALLOWED} (or set the classInstances option to "map")`,
  );
}

function put(out: AttributeMap, key: string, av: AttributeValue): void {
  // Assigning "__proto__" would set the prototype instead of adding the attribute.
  if (key === "__proto__") {
    Object.defineProperty(out, key, {
      value: av,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else out[key] = av;
}

const hasOwn = Object.hasOwn;

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
      if (av !== undefined) put(out, k, av);
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
      if (av !== undefined) put(out, key, av);
    } catch (error) {
      throw within(error, key);
    }
  }
  return out;
}

function isDecimal(v: object, c: Ctx): boolean {
  return (c.dec !== undefined && v instanceof c.dec) ||
    Object.prototype.toString.call(v) === "[object Decimal]";
}

/** The canonical N string of a number-like value, or undefined when `v` is not number-like. */
function numberString(v: unknown, c: Ctx): string | undefined {
  switch (typeof v) {
    case "number":
      return numberToString(v);
    case "bigint":
      return bigintToString(v);
    case "object":
      if (v instanceof DynamoNumber) return v.value;
      if (v !== null && isDecimal(v, c)) return normalizeNumber(String(v));
  }
  return undefined;
}

/** The bytes of a binary value, or undefined when `v` is not binary. */
function binary(v: unknown): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return undefined;
}

function encodeDate(date: Date, mode: number): AttributeValue {
  const ms = date.getTime();
  if (mode === 0) {
    fail("unsupported value", "a Date", `${ALLOWED} (or set the dates option)`);
  }
  if (ms !== ms) fail("invalid Date", "an invalid Date", "a valid Date");
  if (mode === 1) return { S: date.toISOString() };
  return { N: numberToString(mode === 2 ? ms / 1000 : ms) };
}

const SET_KINDS = "a Set of only strings, only numbers or only binaries";

function encodeSet(set: Set<unknown>, c: Ctx): AttributeValue | undefined {
  if (set.size === 0) {
    if (c.drop) return undefined;
    fail("empty Set", "an empty Set", `${SET_KINDS}, not empty (or set emptySets: "drop")`);
  }
  const first: unknown = set.values().next().value;
  if (typeof first === "string") {
    const ss: string[] = [];
    for (const x of set) {
      if (typeof x !== "string") mixed(x, "strings");
      ss.push(x);
    }
    return { SS: ss };
  }
  const binaryKind = binary(first) !== undefined;
  if (!binaryKind && numberString(first, c) === undefined) {
    fail("unsupported Set element", describe(first), SET_KINDS);
  }
  const seen = new Set<string>();
  for (const x of set) {
    let s: string | undefined;
    if (binaryKind) {
      const bytes = binary(x);
      s = bytes && encodeBase64(bytes);
    } else s = numberString(x, c);
    if (s === undefined) mixed(x, binaryKind ? "binaries" : "numbers");
    if (seen.has(s)) {
      fail(
        "duplicate Set element",
        binaryKind ? `the binary ${s} twice` : `the number ${s} twice`,
        "distinct elements",
      );
    }
    seen.add(s);
  }
  return binaryKind ? { BS: [...seen] } : { NS: [...seen] };
}

function mixed(x: unknown, kind: string): never {
  return fail("mixed Set", `${describe(x)} in a Set of ${kind}`, SET_KINDS);
}

/**
 * Decoding: DynamoDB `AttributeValue`s to JavaScript values (`decode`, `decodeItem`), validating the wire
 * shape as it goes.
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
import { normalizeNumber, numberToString, shortCanonicalValue } from "./numbers.ts";
import { DynamoNumber } from "./dynamo_number.ts";
import { base64ToBytes } from "./base64.ts";

const AV = "an AttributeValue with exactly one of S, N, B, SS, NS, BS, BOOL, NULL, L, M";
const NOT_AV = "not an AttributeValue";

/**
 * Decodes a DynamoDB `AttributeValue` to a JavaScript value.
 *
 * S -> string; N -> as the `numbers` option says (default `"auto"`: a number when exact, else a
 * DynamoNumber); B -> Uint8Array; SS, NS, BS -> Set; BOOL -> boolean; NULL -> null; L -> array;
 * M -> plain object.
 *
 * @param av The `AttributeValue` (as parsed from JSON).
 * @param options Codec options.
 * @returns The value.
 * @throws {ValidationError} When `av` is not a well-formed AttributeValue (two type keys, a wrong value
 * type, bad base64, a malformed number), or when `numbers: "number"` would lose digits; `path` says where.
 *
 * @example
 * ```ts
 * import { decode, DynamoNumber } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(decode({ L: [{ N: "0.1" }, { N: "9007199254740993" }] }), [
 *   0.1,
 *   new DynamoNumber("9007199254740993"),
 * ]);
 * ```
 */
export function decode(av: AttributeValue, options?: CodecOptions): unknown {
  const c = resolveOptions(options);
  clean = isClean();
  try {
    return decodeValue(av, c, 0);
  } catch (error) {
    throw toValidationError(error);
  }
}

/**
 * Decodes a DynamoDB item (an `AttributeMap`) to a plain object.
 *
 * @param record The item as the service returns it.
 * @param options Codec options.
 * @returns A plain object with one property per attribute.
 * @throws {ValidationError} When `record` is not an object of well-formed AttributeValues.
 *
 * @example
 * ```ts
 * import { decodeItem } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const item = decodeItem({ pk: { S: "user#1" }, tags: { SS: ["a", "b"] } });
 * assertEquals(item, { pk: "user#1", tags: new Set(["a", "b"]) });
 * ```
 */
export function decodeItem(record: AttributeMap, options?: CodecOptions): Record<string, unknown> {
  const c = resolveOptions(options);
  clean = isClean();
  try {
    if (!isRecord(record)) fail("an item must be an object", describe(record), "an AttributeMap");
    return decodeFields(record, c, 1);
  } catch (error) {
    throw toValidationError(error);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return isObject(v) && !Array.isArray(v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

// for-in also lists enumerable keys up the prototype chain. Wire objects (from JSON.parse) have
// Object.prototype, so while it has no enumerable keys (checked on each call: `clean`), their keys need no
// hasOwn check; any other object gets one per key.
let clean = true;

function isClean(): boolean {
  for (const _ in OBJECT_PROTO) return false;
  return true;
}

function decodeFields(m: Record<string, unknown>, c: Ctx, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const own = clean && Object.getPrototypeOf(m) === OBJECT_PROTO;
  let key = "";
  try {
    for (const k in m) {
      if (!own && !hasOwn(m, k)) continue;
      key = k;
      put(out, k, decodeValue(m[k], c, depth));
    }
  } catch (error) {
    throw within(error, key);
  }
  return out;
}

function wrong(type: string, value: unknown, allowed: string): never {
  return fail(`bad ${type} value`, describe(value), allowed);
}

function decodeValue(av: unknown, c: Ctx, depth: number): unknown {
  if (!isObject(av)) return fail(NOT_AV, describe(av), AV);
  let type = "";
  let v: unknown;
  let count = 0;
  for (const k in av) {
    if (count++ === 0) {
      type = k;
      v = av[k];
    }
  }
  if (count !== 1) {
    // The slow path: only own keys count (a polluted Object.prototype adds inherited ones).
    const own = Object.keys(av);
    if (own.length !== 1) notAttributeValue(av, own);
    type = own[0];
    v = av[type];
  }
  switch (type) {
    case "S":
      if (typeof v !== "string") wrong(type, v, "a string");
      return v;
    case "N":
      if (typeof v !== "string") wrong(type, v, "a decimal number string");
      return decodeNumber(v, c);
    case "B":
      return decodeBinary(v);
    case "BOOL":
      if (typeof v !== "boolean") wrong(type, v, "true or false");
      return v;
    case "NULL":
      if (v !== true) wrong(type, v, "true");
      return null;
    case "M":
      if (!isRecord(v)) wrong(type, v, "an object of AttributeValues");
      checkDepth(depth);
      return decodeFields(v, c, depth + 1);
    case "L": {
      if (!Array.isArray(v)) wrong(type, v, "an array of AttributeValues");
      checkDepth(depth++);
      const out = new Array(v.length);
      let i = 0;
      try {
        for (; i < v.length; i++) out[i] = decodeValue(v[i], c, depth);
      } catch (error) {
        throw within(error, i);
      }
      return out;
    }
    case "SS":
    case "NS":
    case "BS":
      return decodeSet(type, v, c);
  }
  // An array with one element gets here with type "0".
  if (Array.isArray(av)) notAttributeValue(av, []);
  return fail("unknown AttributeValue type", JSON.stringify(type), AV);
}

function notAttributeValue(av: object, own: string[]): never {
  return fail(
    NOT_AV,
    Array.isArray(av) ? "an array" : own.length ? "keys " + own.join(", ") : "no keys",
    AV,
  );
}

function decodeBinary(v: unknown): Uint8Array {
  if (typeof v !== "string") wrong("B", v, "a base64 string");
  return base64ToBytes(v) ?? fail("bad base64", describe(v), "padded standard base64");
}

function decodeSet(type: string, v: unknown, c: Ctx): Set<unknown> {
  if (!Array.isArray(v) || !v.length) wrong(type, v, "a non-empty array of strings");
  const out = new Set<unknown>();
  // A Set merges equal strings and numbers, so a size check finds their duplicates; Uint8Arrays,
  // DynamoNumbers and Decimals never merge, so those need a check by text.
  let objects = type === "BS";
  let i = 0;
  try {
    for (; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x !== "string") wrong(type, x, "a string");
      if (type === "SS") out.add(x);
      else if (type === "BS") out.add(decodeBinary(x));
      else {
        const value = decodeNumber(x, c);
        if (typeof value === "object") objects = true;
        out.add(value);
      }
    }
    if (objects || out.size !== v.length) {
      // Fails at the first element equal to an earlier one (by canonical text).
      const seen = new Set<string>();
      for (i = 0; i < v.length; i++) {
        const x = v[i];
        const key = type === "NS" ? normalizeNumber(x) : x;
        if (seen.has(key)) fail("duplicate set element", describe(x), "distinct elements");
        seen.add(key);
      }
    }
  } catch (error) {
    throw within(error, i);
  }
  return out;
}

function decodeNumber(s: string, c: Ctx): unknown {
  const mode = c.numbers;
  if (!mode) {
    const n = shortCanonicalValue(s);
    if (n === n) return n;
  }
  const t = normalizeNumber(s);
  if (!mode && t.length < 16 || mode === 2) return +t;
  if (mode === 3) return new DynamoNumber(t);
  if (mode === 4 && t.indexOf(".") < 0) return BigInt(t);
  if (mode === 5) return c.decimal ? new c.decimal(t) : t;
  const n = +t;
  // Rounded to a double, the largest numbers reach 1E+126, which is out of DynamoDB's range.
  if ((n < 0 ? -n : n) < 1e126 && numberToString(n) === t) return n;
  if (mode === 1) {
    fail("number would lose digits", t, "numbers a JS number holds exactly (numbers mode)");
  }
  return new DynamoNumber(t);
}

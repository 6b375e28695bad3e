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
import type { Ctx } from "./_options.ts";
import { describe, fail, firstRepeat, quote, within } from "./_fault.ts";
import { fields, list, run } from "./_walk.ts";
import { normalizeNumber, numberToString, shortCanonicalValue } from "./numbers.ts";
import { DynamoNumber } from "./dynamo_number.ts";
import { base64ToBytes } from "./base64.ts";

const AV = "exactly one of S, N, B, SS, NS, BS, BOOL, NULL, L, M";
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
  return run(decodeValue, av, options);
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
  return run(decodeRecord, record, options);
}

function decodeRecord(record: unknown, c: Ctx): Record<string, unknown> {
  return isRecord(record)
    ? fields(record, decodeValue, c, 0)
    : fail("an item must be an object", describe(record), "an AttributeMap");
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return isObject(v) && !Array.isArray(v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
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
      if (typeof v === "string") return v;
      break;
    case "N":
      if (typeof v === "string") return decodeNumber(v, c);
      break;
    case "B":
      if (typeof v === "string") return decodeBinary(v);
      break;
    case "BOOL":
      if (typeof v === "boolean") return v;
      break;
    case "NULL":
      if (v === true) return null;
      break;
    case "M":
      if (isRecord(v)) return fields(v, decodeValue, c, depth);
      break;
    case "L":
      if (Array.isArray(v)) return list(v, decodeValue, c, depth);
      break;
    case "SS":
    case "NS":
    case "BS":
      if (Array.isArray(v) && v.length) return decodeSet(type, v, c);
      break;
    default:
      // An array with one element gets here with type "0".
      if (Array.isArray(av)) notAttributeValue(av, []);
      return fail("unknown AttributeValue type", quote(type), AV);
  }
  return fail(`bad ${type} value`, describe(v), EXPECTED[type] ?? "a string");
}

const SET = "a non-empty array of strings";
/** What each type other than S, N and B holds. */
const EXPECTED: Record<string, string> = {
  BOOL: "true or false",
  NULL: "true",
  M: "an object",
  L: "an array",
  SS: SET,
  NS: SET,
  BS: SET,
};

function notAttributeValue(av: object, own: string[]): never {
  return fail(
    NOT_AV,
    Array.isArray(av) ? "an array" : own.length ? "keys " + own.join(", ") : "no keys",
    AV,
  );
}

function decodeBinary(v: string): Uint8Array {
  return base64ToBytes(v) ?? fail("bad base64", describe(v), "padded standard base64");
}

function decodeSet(type: string, v: unknown[], c: Ctx): Set<unknown> {
  const out = new Set<unknown>();
  // A Set merges equal strings and numbers, so a size check finds their duplicates; Uint8Arrays,
  // DynamoNumbers and Decimals never merge, so those need a check by text.
  let objects = type === "BS";
  let i = 0;
  try {
    for (; i < v.length; i++) {
      const x = v[i];
      if (typeof x !== "string") fail(`bad ${type} value`, describe(x), "a string");
      if (type === "SS") out.add(x);
      else if (type === "BS") out.add(decodeBinary(x));
      else {
        const value = decodeNumber(x, c);
        if (typeof value === "object") objects = true;
        out.add(value);
      }
    }
    // Fails at the first element equal to an earlier one (by canonical text).
    if (objects || out.size !== v.length) {
      i = firstRepeat(type === "NS" ? v.map((x) => normalizeNumber("" + x)) : v.map(String));
      if (i >= 0) fail("duplicate Set element", describe(v[i]), "distinct elements");
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
    fail("number would lose digits", t, "numbers a JS number holds exactly");
  }
  return new DynamoNumber(t);
}

// Private to the package (not re-exported, so the put path does not carry it): `itemSize`, an item's size as
// DynamoDB counts it against its 400 KB item limit.
import type { AttributeMap, AttributeValue } from "./attribute_value.ts";

// UTF-8 bytes of `s` without encoding it: 1 to 3 per code unit, 4 per surrogate pair (2 per half); a lone
// surrogate counts 2 (it has no UTF-8 form and the service rejects it anyway).
function utf8(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) n += c > 2047 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

// A number: 1 byte per two significant digits (leading and trailing zeros trimmed), plus 1.
const num = (s: string) =>
  Math.ceil(s.replace(/[eE].*|\D/g, "").replace(/^0+|0+$/g, "").length / 2) + 1;

// Raw bytes of a base64 string.
const bytes = (s: string) => (s.length * 3 >> 2) - (s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0);

// How strings and numbers are measured: exactly, or by a bound that needs no scan of their characters
// (at most 3 UTF-8 bytes per UTF-16 code unit; at most as many significant digits as characters).
type Measure = { str(s: string): number; num(s: string): number };
const EXACT: Measure = { str: utf8, num };
const BOUND: Measure = { str: (s) => 3 * s.length, num: (s) => (s.length >> 1) + 2 };

function size(v: AttributeValue, m: Measure): number {
  // The one type key, read once (a chain of `in` tests costs more than the measuring).
  for (const t in v) {
    const x = (v as Record<string, unknown>)[t];
    switch (t) {
      case "S":
        return m.str(x as string);
      case "N":
        return m.num(x as string);
      case "B":
        return bytes(x as string);
      case "SS":
        return (x as string[]).reduce((n, s) => n + m.str(s), 0);
      case "NS":
        return (x as string[]).reduce((n, s) => n + m.num(s), 0);
      case "BS":
        return (x as string[]).reduce((n, s) => n + bytes(s), 0);
      case "L":
        return (x as AttributeValue[]).reduce((n, e) => n + size(e, m) + 1, 3);
      case "M":
        return measure(x as AttributeMap, 1, m) + 3;
    }
    break;
  }
  return 1;
}

function measure(item: AttributeMap, extra: number, m: Measure): number {
  let n = 0;
  for (const k of Object.keys(item)) n += m.str(k) + size(item[k], m) + extra;
  return n;
}

/**
 * The size of an item as DynamoDB computes it: the UTF-8 bytes of each attribute name plus its value's size
 * (strings their UTF-8 bytes, binaries their raw bytes, numbers 1 byte per two significant digits plus 1,
 * booleans and nulls 1, sets the sum of their members, lists and maps 3 plus their elements plus 1 per
 * element).
 *
 * @param item The item as AttributeValues.
 * @returns The size in bytes; DynamoDB's limit is 409,600 (400 KB).
 * @example
 * ```ts
 * import { encodeItem } from "@dynafetch/dynafetch";
 * import { itemSize } from "./_item_size.ts";
 * import { assertEquals } from "@std/assert";
 *
 * // "id" (2) + "é!" (3) + "n" (1) + 12345 (3 digits' bytes + 1) + "tags" (4) + list (3 + 2 * (1 + 1))
 * assertEquals(itemSize(encodeItem({ id: "é!", n: 12345, tags: [true, null] })), 2 + 3 + 1 + 4 + 4 + 7);
 * ```
 */
export function itemSize(item: AttributeMap): number {
  return measure(item, 0, EXACT);
}

/**
 * An upper bound of `itemSize(item)` that reads no string's characters: when it is within a limit, so is
 * the item, and the exact size need not be computed.
 *
 * @param item The item as AttributeValues.
 * @returns At least `itemSize(item)`.
 */
export function itemSizeBound(item: AttributeMap): number {
  return measure(item, 0, BOUND);
}

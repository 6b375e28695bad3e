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

function size(v: AttributeValue): number {
  if ("S" in v) return utf8(v.S);
  if ("N" in v) return num(v.N);
  if ("B" in v) return bytes(v.B);
  if ("SS" in v) return v.SS.reduce((n, s) => n + utf8(s), 0);
  if ("NS" in v) return v.NS.reduce((n, s) => n + num(s), 0);
  if ("BS" in v) return v.BS.reduce((n, s) => n + bytes(s), 0);
  if ("L" in v) return v.L.reduce((n, e) => n + size(e) + 1, 3);
  if ("M" in v) return itemSize(v.M, 1) + 3;
  return 1;
}

/**
 * The size of an item as DynamoDB computes it: the UTF-8 bytes of each attribute name plus its value's size
 * (strings their UTF-8 bytes, binaries their raw bytes, numbers 1 byte per two significant digits plus 1,
 * booleans and nulls 1, sets the sum of their members, lists and maps 3 plus their elements plus 1 per
 * element).
 *
 * @param item The item as AttributeValues.
 * @param extra Bytes added per attribute (1 inside a map; 0 for an item).
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
export function itemSize(item: AttributeMap, extra = 0): number {
  let n = 0;
  for (const k of Object.keys(item)) n += utf8(k) + size(item[k]) + extra;
  return n;
}

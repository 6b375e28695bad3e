// Private, loaded on first use: the 400 KB item limit, checked before sending (DynamoDB's item size is at
// most the UTF-8 bytes of the item's JSON, so the hot path loads this only for items whose JSON is over
// 409600 / 3 characters).
// For bundlers, see _lazy.ts:
import "../client/dynamodb.ts";
import "./database.ts";
import "./table.ts";
import type { AttributeMap } from "../codec/mod.ts";
import { itemSize, itemSizeBound } from "../codec/_item_size.ts";
import { fail } from "../errors.ts";

/**
 * Throws a ValidationError when an encoded item is over DynamoDB's 400 KB, at `path` (which entry), its
 * `found` the size and then `which` (the item); returns the item.
 */
export function checkItemSize(item: AttributeMap, path = "", which = ""): AttributeMap {
  // The bound reads no string's characters; the exact size is needed only past it.
  const n = itemSizeBound(item) > LIMIT ? itemSize(item) : 0;
  if (n > LIMIT) fail("item over 400 KB", path, `${n} bytes${which}`, "at most 409600 bytes");
  return item;
}

const LIMIT = 409_600;

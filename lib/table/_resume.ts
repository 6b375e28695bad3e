// Private, loaded on first use: resume positions of a paginator that a query or scan read in one page
// never needs: the cursor's encoding (decoding is in _cursor.ts), and the key to resume after a page cut
// part way.
// For bundlers, see _lazy.ts:
import "../client/dynamodb.ts";
import "./database.ts";
import "./table.ts";
import type { AttributeMap } from "../codec/mod.ts";
import { fail } from "../errors.ts";
import type { Position } from "./_cursor.ts";

/** Encodes positions as a URL-safe string. */
export function encodeCursor(positions: readonly Position[]): string {
  let bin = "";
  for (const b of new TextEncoder().encode(JSON.stringify(positions))) {
    bin += String.fromCharCode(b);
  }
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The resume key after `item`, when a page has to be cut part way (maxResults reached mid-page). */
export function cutKey(
  item: AttributeMap | undefined,
  names: readonly string[] | undefined,
): AttributeMap {
  if (!item || !names || names.some((k) => !(k in item))) {
    fail(
      "cannot resume part way through a page",
      "maxResults",
      "items without their key attributes",
      "maxResults with items that hold the key attributes, or without a filter",
    );
  }
  return Object.fromEntries(names.map((k) => [k, item[k]]));
}

// Private, loaded on first use: `item.save()`, the queued changes of an item sent as one UpdateItem.
// For bundlers, see _lazy.ts:
import "../client/dynamodb.ts";
import "./database.ts";
import "./table.ts";
import { builder } from "../expressions/_update_builder.ts";
import type { UpdateBuilder } from "../expressions/update.ts";
import type { Item, ItemChange } from "./item.ts";
import type { WriteOptions } from "./table.ts";

/**
 * Sends `changes` as one UpdateItem of `item` (returning `ALL_NEW` unless told otherwise, which refreshes
 * `item.attributes`), then clears them; a failed update keeps them.
 */
export async function saveItem<T extends object>(
  item: Item<T>,
  changes: Map<string, ItemChange>,
  options: WriteOptions,
): Promise<Partial<T> | undefined> {
  let u: UpdateBuilder | undefined;
  for (const { action, name, value } of changes.values()) {
    u ??= builder([]);
    const path = [name];
    u = action === "SET"
      ? u.set(path, value)
      : action === "ADD"
      ? u.add(path, value)
      : action === "DELETE"
      ? u.delete(path, value)
      : u.remove(path);
  }
  const returnValues = options.returnValues ?? "ALL_NEW";
  const out = await item.table.update(item.attributes, u, { ...options, returnValues });
  changes.clear();
  // ALL_NEW returns the whole item as saved; the table's type parameter is the caller's claim about it.
  if (returnValues === "ALL_NEW" && out) item.attributes = out as T;
  return out;
}

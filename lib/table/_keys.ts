// Private key helpers: key attribute names, plain-object detection, checks of the key attributes of an
// encoded item, and an identity string for a key.
import type { AttributeMap, AttributeValue } from "../codec/mod.ts";
import { fail } from "../errors.ts";
import type { KeyAttribute, KeySchema } from "./schema.ts";

/** Whether `value` is a plain object (an attribute map) rather than a scalar like bytes or a number class. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The key attribute names of a key schema, partition key first. */
export function keyNames(schema: KeySchema): string[] {
  return schema.sortKey ? [schema.partitionKey[0], schema.sortKey[0]] : [schema.partitionKey[0]];
}

/** Throws a ValidationError unless `av` is a non-empty value of the key attribute's type. */
export function checkKeyValue(
  av: AttributeValue | undefined,
  [name, type]: KeyAttribute,
): AttributeValue {
  const found = av ? Object.keys(av)[0] : "nothing";
  if (!av || found !== type) {
    return fail(
      av ? "key attribute of the wrong type" : "missing key attribute",
      name,
      found,
      type,
    );
  }
  // Of the key types (checked above), S and B can be empty (an N from the codec never is).
  if (Object.values(av)[0] === "") {
    fail("empty key attribute", name, "an empty value", "a non-empty string or binary");
  }
  return av;
}

/** Checks the key attributes of an encoded item against the schema; returns the item. */
export function checkItemKey(schema: KeySchema, item: AttributeMap): AttributeMap {
  checkKeyValue(item[schema.partitionKey[0]], schema.partitionKey);
  if (schema.sortKey) checkKeyValue(item[schema.sortKey[0]], schema.sortKey);
  return item;
}

/**
 * A string that is equal for two keys exactly when they name the same item (the codec and DynamoDB both
 * give numbers in one canonical form, so comparing the wire values is exact).
 */
export function keyString(item: AttributeMap, names: readonly string[]): string {
  return JSON.stringify(names.map((n) => item[n] ?? null));
}

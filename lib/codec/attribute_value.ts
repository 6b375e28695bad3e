/**
 * The DynamoDB wire types: `AttributeValue`, one typed value as the service sends and receives it, and
 * `AttributeMap`, an item or a map of them.
 *
 * This module is browser compatible.
 *
 * @module
 */

/**
 * One DynamoDB value in its wire form: exactly one type key. Numbers travel as decimal strings, binaries
 * (`B`, `BS`) as base64 strings.
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: AttributeMap };

/** An item, or the value of a map: attribute names to `AttributeValue`s. */
export type AttributeMap = Record<string, AttributeValue>;

// Private helpers shared by the expression builders: the registry that tells our nodes from plain values,
// path formatting for messages, and the overlap test for document paths.
import { ValidationError } from "../errors.ts";
import type { AttributePath } from "./path.ts";

/** What the nodes this layer builds hold; which fields are set depends on `kind`. */
export interface Node {
  readonly kind: string;
  readonly path?: AttributePath;
  readonly args?: readonly unknown[];
}

const nodes = new WeakMap<object, Node>();

/** Freezes `node` and registers it as built by this layer, so it is never mistaken for a map value. */
export function mark<T extends Node>(node: T): T {
  nodes.set(Object.freeze(node), node);
  return node;
}

/** The node when `value` was built by this layer, else `undefined`. */
export const nodeOf = (value: unknown): Node | undefined =>
  typeof value == "object" && value ? nodes.get(value) : undefined;

/** `a.b[2].c` for messages. */
export const formatPath = (path: AttributePath): string =>
  path.map((e, i) => typeof e == "number" ? `[${e}]` : i ? "." + e : e).join("");

/** Whether one path is the other or a prefix of it (DynamoDB rejects such pairs). */
export const overlaps = (a: AttributePath, b: AttributePath): boolean =>
  a.every((e, i) => i >= b.length || e === b[i]);

/** Throws a ValidationError. */
export function fail(message: string, path: string, found?: string, allowed?: string): never {
  throw new ValidationError(message, { path, found, allowed });
}

/** The node's kind when `value` was built by this layer. */
export const kindOf = (value: unknown): string | undefined => nodeOf(value)?.kind;

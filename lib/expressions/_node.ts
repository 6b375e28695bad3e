// Private helpers shared by the expression builders: the registry that tells our nodes from plain values
// and holds how each prints, path formatting for messages, and the overlap test for document paths.
//
// A node prints itself: its builder registers a printer with it, so the compiler holds no code for a kind
// of node, and a bundle carries the printers of only the builders it uses.
import type { AttributeMap, AttributeValue } from "../codec/mod.ts";
import { fail } from "../errors.ts";
import type { AttributePath } from "./path.ts";

export { fail };

/** What the nodes this layer builds hold; which fields are set depends on `kind`. */
export interface Node {
  readonly kind: string;
  readonly path?: AttributePath;
  readonly args?: readonly unknown[];
}

/**
 * The compiler's state, as printers see it. The names are short because they are property names, which
 * minifiers keep.
 */
export interface Printer {
  /** The placeholders of a path: `#n0.#n1[2]`. */
  p(path: AttributePath): string;
  /** The placeholder of a value, given its AttributeValue when already encoded. */
  v(value: unknown, av?: AttributeValue): string;
  /** An operand: a path, size or SET operand printed, or a value's placeholder. */
  o(x: unknown): string;
  /** A condition printed. */
  c(x: unknown): string;
  /** A value encoded with the compile's codec options; errors name `w`. */
  e(value: unknown): AttributeValue;
  /** Where the compiler is, as the path of errors. */
  w: string;
  /** The values so far, by placeholder. */
  V: AttributeMap;
}

/** Prints one node. */
export type Print = (c: Printer) => string;

const nodes = new WeakMap<object, Print>();

/** Freezes `node` and registers it as built by this layer, printed by `print`. */
export function mark<T extends Node>(node: T, print: Print): T {
  nodes.set(Object.freeze(node), print);
  return node;
}

/** Whether `value` was built by this layer. */
export const isNode = (value: unknown): value is Node =>
  typeof value == "object" && !!value && nodes.has(value);

/** The printer of a node built by this layer (every node has one; boto's conditions one never called). */
export const printerOf = (node: object): Print | undefined => nodes.get(node);

/** Prints a node built by this layer. */
export const print = (node: object, c: Printer): string => nodes.get(node)?.(c) ?? "";

/** `a.b[2].c` for messages. */
export const formatPath = (path: AttributePath): string =>
  path.map((e, i) => typeof e == "number" ? `[${e}]` : i ? "." + e : e).join("");

/** Whether one path is the other or a prefix of it (DynamoDB rejects such pairs). */
export const overlaps = (a: AttributePath, b: AttributePath): boolean =>
  a.every((e, i) => i >= b.length || e === b[i]);

/** The node's kind when `value` was built by this layer. */
export const kindOf = (value: unknown): string | undefined =>
  isNode(value) ? value.kind : undefined;

/** Throws when `p` overlaps one of `paths`, naming both. */
export function checkDistinct(
  paths: readonly AttributePath[],
  p: AttributePath,
  message: string,
  allowed: string,
): void {
  const other = paths.find((o) => overlaps(o, p));
  if (other) fail(message, formatPath(p), formatPath(other), allowed);
}

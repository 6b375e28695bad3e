// Private helpers shared by the expression builders: the registry that tells our nodes from plain values
// and holds how each prints, path formatting, and the overlap test for document paths.
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
  /** A value encoded with the compile's codec options; errors name `w`. */
  e(value: unknown): AttributeValue;
  /** Where the compiler is, as the path of errors. */
  w: string;
  /** The values so far, by placeholder. */
  V: AttributeMap;
}

/** Prints one node. */
export type Print = (c: Printer) => string;

/** A WeakMap as read with any key: its get and has take any value (a primitive is never a key). */
export interface Registry<V> {
  get(key: unknown): V | undefined;
  has(key: unknown): boolean;
  set(key: object, value: V): unknown;
}

const nodes: Registry<Print> = new WeakMap<object, Print>();

/** Freezes `node` and registers it as built by this layer, printed by `print`. */
export function mark<T extends Node>(node: T, print: Print): T {
  nodes.set(Object.freeze(node), print);
  return node;
}

/** Whether `value` was built by this layer. */
export const isNode = (value: unknown): value is Node => nodes.has(value);

/** The node's kind when `value` was built by this layer. */
export const kindOf = (value: unknown): string | undefined =>
  isNode(value) ? value.kind : undefined;

/** Prints a node built by this layer; `""` for anything else. */
export const print = (node: unknown, c: Printer): string => nodes.get(node)?.(c) ?? "";

/** `a.b[2].c` for messages; with `name`, each name replaced by what it returns (its placeholder). */
export const formatPath = (path: AttributePath, name = (n: string) => n): string =>
  path.map((e, i) => typeof e == "number" ? `[${e}]` : (i ? "." : "") + name(e)).join("");

/** Throws when `p` is one of `paths`, holds one or lies inside one (DynamoDB rejects such pairs). */
export function checkDistinct(paths: readonly AttributePath[], p: AttributePath): void {
  const other = paths.find((o) => o.every((e, i) => i >= p.length || e === p[i]));
  if (other) {
    fail(
      "overlapping paths",
      formatPath(p),
      formatPath(other),
      "distinct paths, none inside another",
    );
  }
}

// Private helpers shared by the expression builders: the brand that tells our nodes from plain values,
// path formatting for messages, and the overlap test for document paths.
import { ValidationError } from "../errors.ts";
import type { AttributePath } from "./path.ts";

const nodes = new WeakSet<object>();

/** Freezes `node` and brands it as built by this layer, so it is never mistaken for a map value. */
export function mark<T extends object>(node: T): T {
  nodes.add(Object.freeze(node));
  return node;
}

/** The node's `kind` when `value` was built by this layer, else `undefined`. */
export function kindOf(value: unknown): string | undefined {
  return typeof value === "object" && value !== null && nodes.has(value) && "kind" in value
    ? String(value.kind)
    : undefined;
}

/** `a.b[2].c` for messages. */
export function formatPath(path: AttributePath): string {
  return path.map((e, i) => typeof e === "number" ? `[${e}]` : i ? "." + e : e).join("");
}

/** Whether one path is the other or a prefix of it (DynamoDB rejects such pairs in one update). */
export function overlaps(a: AttributePath, b: AttributePath): boolean {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Throws a ValidationError. */
export function fail(message: string, path: string, found?: string, allowed?: string): never {
  throw new ValidationError(message, { path, found, allowed });
}

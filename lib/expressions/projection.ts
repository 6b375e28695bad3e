/**
 * Projections: the paths a read returns.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { checkDistinct } from "./_node.ts";
import { type AttributePath, parsePath, type PathInput } from "./path.ts";

/**
 * Parses and checks the paths of a projection, for `compileExpressions({ projection })`.
 *
 * @param paths The paths to return.
 * @returns The parsed paths.
 * @throws {ValidationError} When a path is malformed, or two paths are the same or one holds the other.
 *
 * @example
 * ```ts
 * import { compileExpressions, projection } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ projection: projection("name", "address.city", "tags[0]") });
 * assertEquals(out.ProjectionExpression, "#n0, #n1.#n2, #n3[0]");
 * ```
 */
export function projection(...paths: PathInput[]): readonly AttributePath[] {
  const out = paths.map((p) => parsePath(p));
  out.forEach((p, i) => checkDistinct(out.slice(0, i), p));
  return Object.freeze(out);
}

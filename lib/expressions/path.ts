/**
 * Document paths: `a.b[2].c` strings, parsed strictly, and `path(...)` for names that hold dots or brackets.
 *
 * ```ts
 * import { parsePath, path } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(parsePath("a.b[2].c"), ["a", "b", 2, "c"]);
 * assertEquals(path("weird.name", 2, "x"), ["weird.name", 2, "x"]);
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import { fail, isNode } from "./_node.ts";

/** One step of a document path: an attribute or map key name, or a list index. */
export type PathElement = string | number;

/** A parsed document path: a name first, then names and list indexes. */
export type AttributePath = readonly PathElement[];

/**
 * Anything that names a path: a string like `a.b[2].c`, an array of elements like `["weird.name", 2]`
 * (taken literally), or a reference made by `Attr` or `Key`.
 */
export type PathInput = string | AttributePath | {
  readonly kind: "path";
  readonly path: AttributePath;
};

const invalid = (found: string, allowed: string): never => fail("invalid path", "", found, allowed);

/**
 * Makes a path from its elements taken literally, for names that contain dots or brackets.
 *
 * @param elements A name first, then names (strings) and list indexes (non-negative integers).
 * @returns The frozen path.
 * @throws {ValidationError} When a name is empty, an index is not a non-negative integer, or the path is
 * empty or starts with an index.
 *
 * @example
 * ```ts
 * import { compileExpressions, path, projection } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ projection: projection(path("a.b", 0)) });
 * assertEquals(out.ProjectionExpression, "#n0[0]");
 * assertEquals(out.ExpressionAttributeNames, { "#n0": "a.b" });
 * ```
 */
export function path(...elements: PathElement[]): AttributePath {
  if (
    !elements.length ||
    elements.some((e, i) => typeof e == "string" ? !e : !(i && Number.isSafeInteger(e) && e >= 0))
  ) {
    invalid(
      `[${
        elements.map((e) =>
          typeof e == "string" ? JSON.stringify(e) : typeof e == "number" ? e : typeof e
        )
      }]`,
      "a name, then names and indexes >= 0",
    );
  }
  return Object.freeze([...elements]);
}

/**
 * Parses a path input: a string is split strictly on `.` and `[n]`; an array or a reference is checked.
 *
 * @param input The path.
 * @returns The frozen path.
 * @throws {ValidationError} When the string is not a well-formed path (the message quotes it).
 *
 * @example
 * ```ts
 * import { parsePath, ValidationError } from "@dynafetch/dynafetch";
 * import { assertEquals, assertThrows } from "@std/assert";
 *
 * assertEquals(parsePath("list[0][1].x"), ["list", 0, 1, "x"]);
 * assertThrows(() => parsePath("a..b"), ValidationError);
 * ```
 */
export function parsePath(input: PathInput): AttributePath {
  if (Array.isArray(input)) return path(...input);
  if (typeof input != "string") {
    return isNode(input) && input.kind == "path" && input.path || invalid(typeof input, "a path");
  }
  // `a.b[2]` splits into `a`, `b`, `[2]`: names, and indexes in brackets (`a.[2]` into `a.`, `[2]`).
  return path(
    ...input.split(/\.(?!\[)|(?=\[)/).map((segment, i) => {
      const m = /^(?:[^.[\]]+|\[(0|[1-9]\d*)\])$/.exec(segment);
      return m && (i || !m[1]) // a name first
        ? m[1] ? +m[1] : segment
        : invalid(JSON.stringify(input), "like a.b[2].c; path(...) for names with . [ ]");
    }),
  );
}

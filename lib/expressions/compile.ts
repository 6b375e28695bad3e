/**
 * The expression compiler: turns condition trees, an update and a projection into the request fields
 * DynamoDB takes, with one placeholder namespace for the whole request.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { type AttributeMap, type AttributeValue, type CodecOptions, encode } from "../codec/mod.ts";
import { ValidationError } from "../errors.ts";
import { fail, formatPath, isNode, kindOf, print, type Printer } from "./_node.ts";
import type { Condition } from "./condition.ts";
import type { PathInput } from "./path.ts";
import { projection as checkProjection } from "./projection.ts";
import type { UpdateBuilder } from "./update.ts";

/** The parts of one request's expressions; each is optional. */
export interface ExpressionParts {
  /** The key condition of a Query. */
  keyCondition?: Condition;
  /** The condition of a write. */
  condition?: Condition;
  /** The filter of a Query or Scan. */
  filter?: Condition;
  /** The update of an UpdateItem. */
  update?: UpdateBuilder;
  /** The paths to read. */
  projection?: readonly PathInput[];
}

// In the order their placeholders are numbered; keyCondition gives KeyConditionExpression, and so on.
const PARTS = ["keyCondition", "condition", "filter", "update", "projection"] as const;
const FIELDS = PARTS.map((p) => p[0].toUpperCase() + p.slice(1) + "Expression");

/** The request fields; a field is absent when it would be empty. */
export interface CompiledExpressions {
  /** From `keyCondition`. */
  KeyConditionExpression?: string;
  /** From `condition`. */
  ConditionExpression?: string;
  /** From `filter`. */
  FilterExpression?: string;
  /** From `update`. */
  UpdateExpression?: string;
  /** From `projection`. */
  ProjectionExpression?: string;
  /** `#n0`... to attribute names. */
  ExpressionAttributeNames?: Record<string, string>;
  /** `:v0`... to values. */
  ExpressionAttributeValues?: AttributeMap;
}

// Equal AttributeValues (maps in any key order, sets in any element order) serialize equally.
const canonical = (av: AttributeValue): string =>
  JSON.stringify(
    av,
    (key, value) =>
      key == "M"
        // Entries sort by their text, which starts with the key: keys are distinct, so the order is total.
        ? Object.fromEntries(Object.entries(value).sort())
        : /^[SNB]S$/.test(key) && Array.isArray(value)
        ? [...value].sort()
        : value,
  );

// One part of a key condition as printed: a comparison (= < <= > >=), BETWEEN or begins_with of a
// top-level attribute with values.
const KEY_PART = /^(?:(#n\d+) ([<>]?=?|BETWEEN :v\d+ AND) :v\d+|begins_with\((#n\d+), :v\d+\))$/;

// A key condition is `pk = v`, or that AND a key condition on another attribute. It is checked as
// printed: a part ends where ` AND ` is followed by a path or begins_with (BETWEEN's is followed by a value).
function checkKeyCondition(text: string, names: Record<string, string>): void {
  // Each part as [text, name, operator], without the operator for begins_with.
  const parts = text.split(/ AND (?=[#b])/).map((part) => KEY_PART.exec(part)?.filter(Boolean));
  const [a, b, more] = parts;
  if (more || !parts.every(Boolean) || a?.[1] == b?.[1] || a?.[2] != "=" && b?.[2] != "=") {
    fail(
      "invalid key condition",
      "",
      text.replace(/#n\d+/g, (id) => names[id]),
      "pk = v [AND sk =|<|<=|>|>=|BETWEEN|begins_with v]",
    );
  }
}

/**
 * Compiles the expressions of one request: every name and value goes behind a placeholder (`#n0`, `:v0`,
 * numbered in order of first use across the parts in the order keyCondition, condition, filter, update,
 * projection), so reserved words always work; repeated names and equal values share one placeholder;
 * the same input always gives the same output.
 *
 * @param parts The expressions of the request.
 * @param codecOptions How values are encoded (see `encode`).
 * @returns The request fields, without the empty ones.
 * @throws {ValidationError} When a key condition has the wrong shape, BETWEEN bounds are out of order, a
 * value does not encode, ADD or DELETE get the wrong type, or an expression is over 4 KB.
 *
 * @example
 * ```ts
 * import { Attr, compileExpressions, Key, update } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({
 *   keyCondition: Key("pk").eq("u1"),
 *   filter: Attr("size").gt(1),
 *   projection: ["pk", "size"],
 * });
 * assertEquals(out, {
 *   KeyConditionExpression: "#n0 = :v0",
 *   FilterExpression: "#n1 > :v1",
 *   ProjectionExpression: "#n0, #n1",
 *   ExpressionAttributeNames: { "#n0": "pk", "#n1": "size" },
 *   ExpressionAttributeValues: { ":v0": { S: "u1" }, ":v1": { N: "1" } },
 * });
 * ```
 */
export function compileExpressions(
  parts: ExpressionParts,
  codecOptions?: CodecOptions,
): CompiledExpressions {
  const names: Record<string, string> = {}, nameIds = new Map<string, string>();
  const values: AttributeMap = {}, valueIds = new Map<string, string>();
  // The one placeholder allocator: the first use of `key` takes the next id of `ids`.
  const place = <V>(
    ids: Map<string, string>,
    prefix: string,
    key: string,
    into: Record<string, V>,
    value: V,
  ) => {
    let id = ids.get(key);
    if (!id) ids.set(key, id = prefix + ids.size), into[id] = value;
    return id;
  };
  const name = (n: string) => place(nameIds, "#n", n, names, n);
  const c: Printer = {
    w: "",
    V: values,
    p: (p) => formatPath(p, name),
    e: (v) => {
      try {
        return encode(v, codecOptions);
      } catch (error) {
        if (error instanceof ValidationError) fail(error.message, c.w, error.found, error.allowed);
        throw error;
      }
    },
    v: (v, av = c.e(v)) => place(valueIds, ":v", canonical(av), values, av),
    // Conditions, updates and boto's conditions (kinds starting c, u, b) are not operands.
    o: (x) =>
      !isNode(x)
        ? c.v(x)
        : /^[cub]/.test(x.kind)
        ? fail("wrong type", c.w, x.kind, "a value")
        : print(x, c),
  };
  const out: CompiledExpressions = {};
  PARTS.forEach((part, i) => {
    const x = parts[part], field = c.w = FIELDS[i];
    const want = part == "update" ? part : part == "projection" ? "a list of paths" : "condition";
    if (!x) return;
    const s = part == "projection" && Array.isArray(x)
      ? checkProjection(...x).map(c.p).join(", ")
      : kindOf(x) == want
      ? print(x, c)
      : fail("wrong type", field, typeof x, want);
    if (s && part == "keyCondition") checkKeyCondition(s, names);
    if (s.length > 4096) {
      fail("expression over 4 KB", field, `${s.length} characters`, "at most 4096");
    }
    if (s) Object.assign(out, { [field]: s });
  });
  if (nameIds.size) out.ExpressionAttributeNames = names;
  if (valueIds.size) out.ExpressionAttributeValues = values;
  return out;
}

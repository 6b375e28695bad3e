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
import { fail, isNode, kindOf, print, type Printer, printerOf } from "./_node.ts";
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

const KEY_OPS = ["=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"];
const isCondition = (x: unknown): x is Condition => kindOf(x) == "condition";

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

// A key condition is `pk = v` or `pk = v AND <sort key comparison>`, each on a top-level attribute.
function checkKeyCondition(c: Condition): void {
  const parts = c.op == "AND" ? c.args : [c];
  const names = parts.map((part) => {
    const n = isCondition(part) ? part : undefined, ref = n?.args[0];
    return n && KEY_OPS.includes(n.op) && isNode(ref) && ref.kind == "path" &&
        ref.path?.length == 1 && !n.args.slice(1).some(isNode)
      ? ref.path[0]
      : fail(
        "invalid key condition",
        "",
        n?.op ?? typeof part,
        "comparisons of a key with a value",
      );
  });
  if (
    names.length > 2 || names[0] === names[1] || !parts.some((p) => isCondition(p) && p.op == "=")
  ) {
    fail(
      "invalid key condition",
      "",
      names.join(", "),
      "partition key = v [AND one sort key condition]",
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
  const names: Record<string, string> = {};
  const nameIds = new Map<string, string>();
  const values: AttributeMap = {};
  const valueIds = new Map<string, string>();
  const name = (n: string): string => {
    let id = nameIds.get(n);
    if (!id) nameIds.set(n, id = `#n${nameIds.size}`), names[id] = n;
    return id;
  };
  const c: Printer = {
    w: "",
    V: values,
    p: (p) => p.map((e, i) => typeof e == "number" ? `[${e}]` : (i ? "." : "") + name(e)).join(""),
    e: (v) => {
      try {
        return encode(v, codecOptions);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return fail(`invalid value: ${error.message}`, c.w, error.found, error.allowed);
      }
    },
    v: (v, av = c.e(v)) => {
      const key = canonical(av);
      let id = valueIds.get(key);
      if (!id) valueIds.set(key, id = `:v${valueIds.size}`), values[id] = av;
      return id;
    },
    o: (x) => {
      // One registry lookup per operand: only objects with a kind can be nodes.
      const f = typeof x == "object" && x && "kind" in x && printerOf(x), k = `${f && x.kind}`;
      // Conditions, updates and boto's conditions (kinds starting c, u, b) are not operands.
      return !f
        ? c.v(x)
        : "cub".includes(k[0])
        ? fail("not a value here", c.w, k, "a value")
        : f(c);
    },
    c: (x) => isCondition(x) ? print(x, c) : fail("not a condition", c.w, typeof x, "a condition"),
  };
  const out: CompiledExpressions = {};
  const emit = (field: keyof CompiledExpressions, text: () => string) => {
    c.w = field;
    const s = text();
    if (s.length > 4096) {
      fail("expression over 4 KB", field, `${s.length} characters`, "at most 4096");
    }
    if (s) Object.assign(out, { [field]: s });
  };
  const { keyCondition, condition, filter, update, projection } = parts;
  if (keyCondition) {
    emit("KeyConditionExpression", () => (checkKeyCondition(keyCondition), c.c(keyCondition)));
  }
  if (condition) emit("ConditionExpression", () => c.c(condition));
  if (filter) emit("FilterExpression", () => c.c(filter));
  if (update) {
    if (kindOf(update) != "update") fail("not an update", "update", typeof update, "update()");
    emit("UpdateExpression", () => print(update, c));
  }
  if (projection) {
    if (!Array.isArray(projection)) {
      fail("not a list of paths", "projection", typeof projection, "an array");
    }
    emit("ProjectionExpression", () => checkProjection(...projection).map(c.p).join(", "));
  }
  if (nameIds.size) out.ExpressionAttributeNames = names;
  if (valueIds.size) out.ExpressionAttributeValues = values;
  return out;
}

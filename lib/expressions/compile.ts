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
import { fail, formatPath, kindOf, nodeOf } from "./_node.ts";
import { compareValues } from "./_order.ts";
import type { Condition } from "./condition.ts";
import type { AttributePath, PathInput } from "./path.ts";
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
const PRECEDENCE: Record<string, number> = { OR: 1, AND: 2, NOT: 4 };
const MAX = 4096;

const isCondition = (x: unknown): x is Condition => kindOf(x) == "condition";

// Equal AttributeValues (maps in any key order, sets in any element order) serialize equally.
const canonical = (av: AttributeValue): string =>
  JSON.stringify(
    av,
    (key, value) =>
      key == "M"
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a < b ? -1 : 1))
        : /^[SNB]S$/.test(key) && Array.isArray(value)
        ? [...value].sort()
        : value,
  );

// A key condition is `pk = v` or `pk = v AND <sort key comparison>`, each on a top-level attribute.
function checkKeyCondition(c: Condition): void {
  const parts = c.op == "AND" ? c.args : [c];
  const names = parts.map((part) => {
    const n = isCondition(part) ? part : undefined, ref = nodeOf(n?.args[0]);
    return n && KEY_OPS.includes(n.op) && ref?.kind == "path" && ref.path?.length == 1 &&
        !n.args.slice(1).some(nodeOf)
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
 * import assert from "node:assert/strict";
 *
 * const out = compileExpressions({
 *   keyCondition: Key("pk").eq("u1"),
 *   filter: Attr("size").gt(1),
 *   projection: ["pk", "size"],
 * });
 * assert.deepEqual(out, {
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
  let where = "";

  const name = (n: string): string => {
    let id = nameIds.get(n);
    if (!id) nameIds.set(n, id = `#n${nameIds.size}`), names[id] = n;
    return id;
  };
  const path = (p: AttributePath): string =>
    p.map((e, i) => typeof e == "number" ? `[${e}]` : (i ? "." : "") + name(e)).join("");
  const encoded = (v: unknown): AttributeValue => {
    try {
      return encode(v, codecOptions);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return fail(`invalid value: ${error.message}`, where, error.found, error.allowed);
    }
  };
  const value = (v: unknown, av = encoded(v)): string => {
    const key = canonical(av);
    let id = valueIds.get(key);
    if (!id) valueIds.set(key, id = `:v${valueIds.size}`), values[id] = av;
    return id;
  };
  // A path, size(path), a SET function or + and -, or a value.
  const operand = (x: unknown): string => {
    const n = nodeOf(x);
    if (!n) return value(x);
    const k = n.kind, args = n.args?.map(operand).join(k == "+" || k == "-" ? ` ${k} ` : ", ");
    return n.path
      ? k == "size" ? `size(${path(n.path)})` : path(n.path)
      : k == "+" || k == "-"
      ? args ?? ""
      : k == "if_not_exists" || k == "list_append"
      ? `${k}(${args})`
      : fail("not a value here", where, k, "a value");
  };
  const condition = (c: unknown): string => {
    if (!isCondition(c)) return fail("not a condition", where, typeof c, "a condition");
    const op = c.op, p = nodeOf(c.args[0])?.path;
    if (p) where = formatPath(p);
    if (op == "AND" || op == "OR" || op == "NOT") {
      // NOT NOT x does not parse everywhere: a NOT under NOT gets parentheses too.
      return (op == "NOT" ? "NOT " : "") + c.args.map((sub) => {
        const text = condition(sub);
        return (isCondition(sub) && PRECEDENCE[sub.op] || 9) < (op == "NOT" ? 5 : PRECEDENCE[op])
          ? `(${text})`
          : text;
      }).join(` ${op} `);
    }
    const args = c.args.map(operand);
    // DynamoDB rejects `a = a`, `a IN (a, ...)` and the like.
    if (args.slice(1).includes(args[0])) {
      fail(
        "an operand repeats the first",
        where,
        "a path compared with itself",
        "distinct operands",
      );
    }
    if (op == "BETWEEN") {
      const low: AttributeValue | undefined = values[args[1]],
        high: AttributeValue | undefined = values[args[2]];
      if (low && high && (compareValues(low, high) ?? 0) > 0) {
        fail(
          "BETWEEN bounds out of order",
          where,
          `${canonical(low)} > ${canonical(high)}`,
          "low <= high",
        );
      }
      return `${args[0]} BETWEEN ${args[1]} AND ${args[2]}`;
    }
    return op == "IN"
      ? `${args[0]} IN (${args.slice(1).join(", ")})`
      : /^[a-z]/.test(op)
      ? `${op}(${args.join(", ")})`
      : `${args[0]} ${op} ${args[1]}`;
  };
  const updateText = (u: UpdateBuilder): string =>
    ["SET", "REMOVE", "ADD", "DELETE"].map((clause) => {
      const items = u.actions.filter((a) => a.action == clause).map((a) => {
        const p = path(a.path);
        where = formatPath(a.path);
        if (clause == "SET") return `${p} = ${operand(a.value)}`;
        if (clause == "REMOVE") return p;
        const av = encoded(a.value), type = Object.keys(av)[0];
        if (!/^[SNB]S$/.test(type) && (clause == "DELETE" || type != "N")) {
          fail(
            `${clause} takes a set${clause == "ADD" ? " or number" : ""}`,
            where,
            type,
            "SS, NS, BS",
          );
        }
        return `${p} ${value(a.value, av)}`;
      });
      return items.length ? `${clause} ${items.join(", ")}` : "";
    }).filter(Boolean).join(" ");

  const out: CompiledExpressions = {};
  const emit = (field: keyof CompiledExpressions, text: () => string) => {
    where = field;
    const s = text();
    if (s.length > MAX) {
      fail("expression over 4 KB", field, `${s.length} characters`, `at most ${MAX}`);
    }
    if (s) Object.assign(out, { [field]: s });
  };
  const { keyCondition, condition: cond, filter, update, projection } = parts;
  if (keyCondition) {
    emit(
      "KeyConditionExpression",
      () => (checkKeyCondition(keyCondition), condition(keyCondition)),
    );
  }
  if (cond) emit("ConditionExpression", () => condition(cond));
  if (filter) emit("FilterExpression", () => condition(filter));
  if (update) {
    if (kindOf(update) != "update") fail("not an update", "update", typeof update, "update()");
    emit("UpdateExpression", () => updateText(update));
  }
  if (projection) {
    if (!Array.isArray(projection)) {
      fail("not a list of paths", "projection", typeof projection, "an array");
    }
    emit("ProjectionExpression", () => checkProjection(...projection).map(path).join(", "));
  }
  if (nameIds.size) out.ExpressionAttributeNames = names;
  if (valueIds.size) out.ExpressionAttributeValues = values;
  return out;
}

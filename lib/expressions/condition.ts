/**
 * Condition builders: `Attr(path)`, `Key(name)` and `size(path)` operands, their comparisons and
 * functions, and `and`, `or`, `not`. The result is a plain tree that `compileExpressions` turns into an
 * expression string with placeholders.
 *
 * ```ts
 * import { Attr, compileExpressions, size } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const filter = Attr("status").eq("open").and(size("tags").gt(2));
 * assertEquals(compileExpressions({ filter }).FilterExpression, "#n0 = :v0 AND size(#n1) > :v1");
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import { fail, formatPath, kindOf, mark, type Print, print, type Printer } from "./_node.ts";
import { checkBetween } from "./_order.ts";
import { type AttributePath, parsePath, path as makePath, type PathInput } from "./path.ts";

/** The operators and functions a condition node can hold. */
export type ConditionOperator =
  | "="
  | "<>"
  | "<"
  | "<="
  | ">"
  | ">="
  | "BETWEEN"
  | "IN"
  | "attribute_exists"
  | "attribute_not_exists"
  | "attribute_type"
  | "begins_with"
  | "contains"
  | "AND"
  | "OR"
  | "NOT";

/** DynamoDB's type names, as `attribute_type` takes them. */
export type AttributeTypeName = "S" | "SS" | "N" | "NS" | "B" | "BS" | "BOOL" | "NULL" | "L" | "M";

/**
 * A node of a condition tree. `args` holds operands (references or plain values) for comparisons and
 * functions, and conditions for `AND`, `OR` and `NOT`.
 */
export interface Condition {
  /** Always `"condition"`. */
  readonly kind: "condition";
  /** The operator or function. */
  readonly op: ConditionOperator;
  /** The operands, values or sub-conditions. */
  readonly args: readonly unknown[];
  /** This condition AND the others. */
  and(...others: Condition[]): Condition;
  /** This condition OR the others. */
  or(...others: Condition[]): Condition;
}

/** A reference to a path (`kind: "path"`) or to the size of one (`kind: "size"`). */
export interface Operand {
  /** `"path"` for the attribute itself, `"size"` for `size(path)`. */
  readonly kind: "path" | "size";
  /** The path referred to. */
  readonly path: AttributePath;
}

/** An operand that compares: `=`, `<>`, `<`, `<=`, `>`, `>=`, BETWEEN and IN. */
export interface Comparable extends Operand {
  /** `operand = value` (the value may be another operand). */
  eq(value: unknown): Condition;
  /** `operand <> value`. */
  ne(value: unknown): Condition;
  /** `operand < value`. */
  lt(value: unknown): Condition;
  /** `operand <= value`. */
  lte(value: unknown): Condition;
  /** `operand > value`. */
  gt(value: unknown): Condition;
  /** `operand >= value`. */
  gte(value: unknown): Condition;
  /** `operand BETWEEN low AND high` (bounds included; rejected when out of order). */
  between(low: unknown, high: unknown): Condition;
  /** `operand IN (...)`, with 1 to 100 candidates. */
  in(values: readonly unknown[]): Condition;
}

/** A reference to an attribute path, made by `Attr`. */
export interface AttrRef extends Comparable {
  /** Always `"path"`. */
  readonly kind: "path";
  /** `attribute_exists(path)`. */
  exists(): Condition;
  /** `attribute_not_exists(path)`. */
  notExists(): Condition;
  /** `attribute_type(path, type)`. */
  attributeType(type: AttributeTypeName): Condition;
  /** `begins_with(path, prefix)` for a string or binary prefix. */
  beginsWith(prefix: unknown): Condition;
  /** `contains(path, value)`: a substring, or an element of a set or list. */
  contains(value: unknown): Condition;
}

/**
 * A reference to a key attribute, made by `Key`: every comparison and function of `AttrRef`. A key
 * condition allows only `eq` on the partition key and one of `eq`, `lt`, `lte`, `gt`, `gte`, `between` or
 * `beginsWith` on the sort key; `compileExpressions` rejects anything else there.
 */
export type KeyRef = AttrRef;

const TYPES = "S SS N NS B BS BOOL NULL L M";

function node(op: ConditionOperator, args: unknown[], print: Print): Condition {
  const c: Condition = mark({
    kind: "condition",
    op,
    args: Object.freeze(args),
    and: (...others: Condition[]) => and(c, ...others),
    or: (...others: Condition[]) => or(c, ...others),
  }, print);
  return c;
}

/** `op` applied to an operand and values; `check` sees the values' placeholders once printed. */
export function leaf(
  op: ConditionOperator,
  args: [Operand, ...unknown[]],
  check?: (c: Printer, placeholders: string[]) => void,
): Condition {
  return node(op, args, (c) => {
    const w = c.w = formatPath(args[0].path), all = args.map(c.o), [first, ...rest] = all;
    // DynamoDB rejects `a = a`, `a IN (a, ...)` and the like.
    if (rest.includes(first)) fail("operand repeated", w, w, "distinct operands");
    check?.(c, rest);
    return /^[a-z]/.test(op)
      ? `${op}(${all.join(", ")})`
      : `${first} ${op} ` + (op == "IN" ? `(${rest.join(", ")})` : rest.join(" AND "));
  });
}

/** `self IN (values)`, with 1 to 100 values. */
export function inList(self: Operand, values: readonly unknown[]): Condition {
  if (!Array.isArray(values) || values.length < 1 || values.length > 100) {
    fail(
      "IN takes 1 to 100 values",
      "",
      Array.isArray(values) ? `${values.length}` : typeof values,
      "1 to 100",
    );
  }
  return leaf("IN", [self, ...values]);
}

/** `self BETWEEN low AND high`, bounds checked for order once encoded. */
export const between = (self: Operand, low: unknown, high: unknown): Condition =>
  leaf("BETWEEN", [self, low, high], checkBetween);

/** A reference to the top-level attribute `name`, with no methods (for boto's maps). */
export function nameRef(name: string): Operand {
  const p = makePath(name);
  return mark({ kind: "path", path: p }, (c) => c.p(p));
}

function comparable<K extends "path" | "size">(kind: K, path: AttributePath) {
  const self = { kind, path };
  const cmp = (op: ConditionOperator) => (value: unknown) => leaf(op, [self, value]);
  return Object.assign(self, {
    eq: cmp("="),
    ne: cmp("<>"),
    lt: cmp("<"),
    lte: cmp("<="),
    gt: cmp(">"),
    gte: cmp(">="),
    between: (low: unknown, high: unknown) => between(self, low, high),
    in: (values: readonly unknown[]) => inList(self, values),
  });
}

/**
 * Refers to an attribute by path, for conditions, filters and update operands.
 *
 * @param path A path such as `a.b[2].c`, an array of literal elements, or `path(...)`.
 * @returns The reference, with comparison and function methods.
 * @throws {ValidationError} When the path is malformed.
 *
 * @example
 * ```ts
 * import { Attr, compileExpressions } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ condition: Attr("a.b[2]").between(1, 5) });
 * assertEquals(out.ConditionExpression, "#n0.#n1[2] BETWEEN :v0 AND :v1");
 * assertEquals(out.ExpressionAttributeValues, { ":v0": { N: "1" }, ":v1": { N: "5" } });
 * ```
 */
export function Attr(path: PathInput): AttrRef {
  const p = parsePath(path), self = comparable("path", p);
  const fn = (op: ConditionOperator) => (value: unknown) => leaf(op, [self, value]);
  return mark(
    Object.assign(self, {
      exists: () => leaf("attribute_exists", [self]),
      notExists: () => leaf("attribute_not_exists", [self]),
      attributeType: (type: AttributeTypeName) => {
        if (typeof type !== "string" || !TYPES.split(" ").includes(type)) {
          fail(
            "unknown attribute type",
            "",
            typeof type == "string" ? JSON.stringify(type) : typeof type,
            TYPES,
          );
        }
        return leaf("attribute_type", [self, type]);
      },
      beginsWith: fn("begins_with"),
      contains: fn("contains"),
    }),
    (c) => c.p(p),
  );
}

/**
 * Refers to a key attribute by its name, taken literally (key attributes are top-level), for key
 * conditions.
 *
 * @param name The attribute name.
 * @returns The reference, with every method of `Attr` (a key condition allows `eq` on the partition key and
 * one comparison, `between` or `beginsWith` on the sort key).
 * @throws {ValidationError} When the name is empty.
 *
 * @example
 * ```ts
 * import { compileExpressions, Key } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ keyCondition: Key("pk").eq("u1").and(Key("sk").beginsWith("2024-")) });
 * assertEquals(out.KeyConditionExpression, "#n0 = :v0 AND begins_with(#n1, :v1)");
 * ```
 */
export function Key(name: string): KeyRef {
  return Attr([name]);
}

/**
 * Refers to `size(path)`: a string's length, a binary's bytes, or the number of elements of a set, list
 * or map.
 *
 * @param path The path.
 * @returns An operand that compares.
 * @throws {ValidationError} When the path is malformed.
 *
 * @example
 * ```ts
 * import { compileExpressions, size } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(compileExpressions({ filter: size("name").lte(10) }).FilterExpression, "size(#n0) <= :v0");
 * ```
 */
export function size(path: PathInput): Comparable {
  const p = parsePath(path);
  return mark(comparable("size", p), (c) => `size(${c.p(p)})`);
}

function join(op: "AND" | "OR", conditions: Condition[]): Condition {
  // By index, not by element: a falsy argument (undefined, null, 0, "") is as wrong as any other.
  const i = conditions.length ? conditions.findIndex((x) => kindOf(x) != "condition") : 0;
  if (i >= 0) {
    const bad: unknown = conditions[i];
    fail(
      `${op} takes conditions`,
      "",
      kindOf(bad) ?? (bad === null ? "null" : typeof bad),
      "conditions",
    );
  }
  return conditions.length > 1 ? logical(op, conditions) : conditions[0];
}

// Parentheses go around a part that binds less tightly than its parent: OR, then AND, then NOT, then
// comparisons (ranked past the end: -1 >>> 0). NOT NOT x does not parse everywhere: a NOT under NOT
// gets them too.
const rank = (op: string) => "OR AND NOT".indexOf(op) >>> 0;
const logical = (op: "AND" | "OR" | "NOT", args: Condition[]) =>
  node(op, args, (c) =>
    (op == "NOT" ? "NOT " : "") + args.map((sub) => {
      const text = print(sub, c);
      return rank(sub.op) < rank(op) + +(op == "NOT") ? `(${text})` : text;
    }).join(` ${op} `));

/**
 * Joins conditions with AND.
 *
 * @param conditions One or more conditions.
 * @returns The joined condition (the condition itself when there is one).
 * @throws {ValidationError} When there are none, or one is not a condition.
 *
 * @example
 * ```ts
 * import { and, Attr, compileExpressions, or } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const c = and(Attr("a").eq(1), or(Attr("b").eq(2), Attr("c").exists()));
 * assertEquals(
 *   compileExpressions({ condition: c }).ConditionExpression,
 *   "#n0 = :v0 AND (#n1 = :v1 OR attribute_exists(#n2))",
 * );
 * ```
 */
export function and(...conditions: Condition[]): Condition {
  return join("AND", conditions);
}

/**
 * Joins conditions with OR.
 *
 * @param conditions One or more conditions.
 * @returns The joined condition (the condition itself when there is one).
 * @throws {ValidationError} When there are none, or one is not a condition.
 *
 * @example
 * ```ts
 * import { Attr, compileExpressions, or } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const c = or(Attr("a").lt(1), Attr("a").gt(9));
 * assertEquals(compileExpressions({ filter: c }).FilterExpression, "#n0 < :v0 OR #n0 > :v1");
 * ```
 */
export function or(...conditions: Condition[]): Condition {
  return join("OR", conditions);
}

/**
 * Negates a condition.
 *
 * @param condition The condition.
 * @returns `NOT condition`.
 * @throws {ValidationError} When `condition` is not a condition.
 *
 * @example
 * ```ts
 * import { Attr, compileExpressions, not } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const c = not(Attr("tags").contains("x"));
 * assertEquals(compileExpressions({ filter: c }).FilterExpression, "NOT contains(#n0, :v0)");
 * ```
 */
export function not(condition: Condition): Condition {
  return logical("NOT", [join("AND", [condition])]);
}

/**
 * boto's condition objects (`EQ`, `GT`, `BETWEEN`, ...) and the maps boto takes them in: scan and query
 * filters (`{ age: GT(30) }`), key conditions (`{ pk: "u1", sk: BEGINS_WITH("2024") }`) and expected
 * values (`{ version: 3, locked: false }`), compiled to the same condition trees as `Attr`. Map keys are
 * attribute names taken literally, as boto took them.
 *
 * ```ts
 * import { compileExpressions, conditionFromMap, GT, NOT_NULL } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const filter = conditionFromMap({ age: GT(30), email: NOT_NULL() });
 * assertEquals(compileExpressions({ filter }).FilterExpression, "#n0 > :v0 AND attribute_exists(#n1)");
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import { mark, type Registry } from "./_node.ts";
import {
  and,
  between,
  type Condition,
  inList,
  leaf,
  nameRef,
  not,
  type Operand,
} from "./condition.ts";

/** boto's condition operators. */
export type BotoOperator =
  | "EQ"
  | "NE"
  | "LE"
  | "LT"
  | "GE"
  | "GT"
  | "NULL"
  | "NOT_NULL"
  | "CONTAINS"
  | "NOT_CONTAINS"
  | "BEGINS_WITH"
  | "IN"
  | "BETWEEN";

/** A boto condition: an operator and its values, applied to the attribute a map names. */
export interface BotoCondition {
  /** Always `"boto"`. */
  readonly kind: "boto";
  /** The operator. */
  readonly operator: BotoOperator;
  /** Its values (the candidates for IN, the bounds for BETWEEN). */
  readonly values: readonly unknown[];
}

// How each condition applies to the attribute a map names; kept apart, so a bundle carries the code of only
// the operators it uses.
// (Their printer, `String`, is never called: the compiler rejects them as operands and as conditions.)
const builders: Registry<(self: Operand) => Condition> = new WeakMap<
  object,
  (self: Operand) => Condition
>();

const make =
  (operator: BotoOperator, build: (self: Operand, values: unknown[]) => Condition) =>
  (...values: unknown[]): BotoCondition => {
    const b: BotoCondition = mark(
      { kind: "boto", operator, values: Object.freeze(values) },
      String,
    );
    builders.set(b, (self) => build(self, values));
    return b;
  };

/**
 * boto's `EQ`: the attribute equals `value`.
 *
 * @param value The value.
 * @returns The condition.
 *
 * @example
 * ```ts
 * import { compileExpressions, conditionFromMap, EQ } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(compileExpressions({ filter: conditionFromMap({ a: EQ(1) }) }).FilterExpression, "#n0 = :v0");
 * ```
 */
export const EQ: (value: unknown) => BotoCondition = /* @__PURE__ */ make(
  "EQ",
  (self, [value]) => leaf("=", [self, value]),
);

/**
 * boto's `NE`: the attribute differs from `value`.
 *
 * @param value The value.
 * @returns The condition.
 *
 * @example
 * ```ts
 * import { compileExpressions, conditionFromMap, NE } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(compileExpressions({ filter: conditionFromMap({ a: NE(1) }) }).FilterExpression, "#n0 <> :v0");
 * ```
 */
export const NE: (value: unknown) => BotoCondition = /* @__PURE__ */ make(
  "NE",
  (self, [value]) => leaf("<>", [self, value]),
);

/**
 * boto's `LE`: the attribute is at most `value`.
 *
 * @param value The value.
 * @returns The condition.
 *
 * @example
 * ```ts
 * import { compileExpressions, conditionFromMap, LE } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(compileExpressions({ filter: conditionFromMap({ a: LE(1) }) }).FilterExpression, "#n0 <= :v0");
 * ```
 */
export const LE: (value: unknown) => BotoCondition = /* @__PURE__ */ make(
  "LE",
  (self, [value]) => leaf("<=", [self, value]),
);

/**
 * boto's `LT`: the attribute is less than `value`.
 *
 * @param value The value.
 * @returns The condition.
 *
 * @example
 * ```ts
 * import { compileExpressions, conditionFromMap, LT } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(compileExpressions({ filter: conditionFromMap({ a: LT(1) }) }).FilterExpression, "#n0 < :v0");
 * ```
 */
export const LT: (value: unknown) => BotoCondition = /* @__PURE__ */ make(
  "LT",
  (self, [value]) => leaf("<", [self, value]),
);

/**
 * boto's `GE`: the attribute is at least `value`.
 *
 * @param value The value.
 * @returns The condition.
 *
 * @example
 * ```ts
 * import { compileExpressions, conditionFromMap, GE } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(compileExpressions({ filter: conditionFromMap({ a: GE(1) }) }).FilterExpression, "#n0 >= :v0");
 * ```
 */
export const GE: (value: unknown) => BotoCondition = /* @__PURE__ */ make(
  "GE",
  (self, [value]) => leaf(">=", [self, value]),
);

/**
 * boto's `GT`: the attribute is greater than `value`.
 *
 * @param value The value.
 * @returns The condition.
 *
 * @example
 * ```ts
 * import { compileExpressions, conditionFromMap, GT } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(compileExpressions({ filter: conditionFromMap({ a: GT(1) }) }).FilterExpression, "#n0 > :v0");
 * ```
 */
export const GT: (value: unknown) => BotoCondition = /* @__PURE__ */ make(
  "GT",
  (self, [value]) => leaf(">", [self, value]),
);

/**
 * boto's `NULL`: the attribute does not exist.
 *
 * @returns The condition.
 *
 * @example
 * ```ts
 * import { compileExpressions, conditionFromMap, NULL } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ filter: conditionFromMap({ a: NULL() }) });
 * assertEquals(out.FilterExpression, "attribute_not_exists(#n0)");
 * ```
 */
export const NULL: () => BotoCondition = /* @__PURE__ */ make(
  "NULL",
  (self) => leaf("attribute_not_exists", [self]),
);

/**
 * boto's `NOT_NULL`: the attribute exists.
 *
 * @returns The condition.
 *
 * @example
 * ```ts
 * import { compileExpressions, conditionFromMap, NOT_NULL } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ filter: conditionFromMap({ a: NOT_NULL() }) });
 * assertEquals(out.FilterExpression, "attribute_exists(#n0)");
 * ```
 */
export const NOT_NULL: () => BotoCondition = /* @__PURE__ */ make(
  "NOT_NULL",
  (self) => leaf("attribute_exists", [self]),
);

/**
 * boto's `CONTAINS`: the attribute holds `value` (a substring, or a set or list element).
 *
 * @param value The value.
 * @returns The condition.
 *
 * @example
 * ```ts
 * import { compileExpressions, conditionFromMap, CONTAINS } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ filter: conditionFromMap({ tags: CONTAINS("x") }) });
 * assertEquals(out.FilterExpression, "contains(#n0, :v0)");
 * ```
 */
export const CONTAINS: (value: unknown) => BotoCondition = /* @__PURE__ */ make(
  "CONTAINS",
  (self, [value]) => leaf("contains", [self, value]),
);

/**
 * boto's `NOT_CONTAINS`: the attribute does not hold `value`.
 *
 * @param value The value.
 * @returns The condition.
 *
 * @example
 * ```ts
 * import { compileExpressions, conditionFromMap, NOT_CONTAINS } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ filter: conditionFromMap({ tags: NOT_CONTAINS("x") }) });
 * assertEquals(out.FilterExpression, "NOT contains(#n0, :v0)");
 * ```
 */
export const NOT_CONTAINS: (value: unknown) => BotoCondition = /* @__PURE__ */ make(
  "NOT_CONTAINS",
  (self, [value]) => not(leaf("contains", [self, value])),
);

/**
 * boto's `BEGINS_WITH`: the attribute starts with `prefix`.
 *
 * @param prefix A string or binary prefix.
 * @returns The condition.
 *
 * @example
 * ```ts
 * import { compileExpressions, conditionFromMap, BEGINS_WITH } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ filter: conditionFromMap({ sk: BEGINS_WITH("a") }) });
 * assertEquals(out.FilterExpression, "begins_with(#n0, :v0)");
 * ```
 */
export const BEGINS_WITH: (prefix: unknown) => BotoCondition = /* @__PURE__ */ make(
  "BEGINS_WITH",
  (self, [value]) => leaf("begins_with", [self, value]),
);

/**
 * boto's `IN`: the attribute equals one of `values` (1 to 100 of them).
 *
 * @param values The candidates.
 * @returns The condition.
 *
 * @example
 * ```ts
 * import { compileExpressions, conditionFromMap, IN } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ filter: conditionFromMap({ a: IN([1, 2]) }) });
 * assertEquals(out.FilterExpression, "#n0 IN (:v0, :v1)");
 * ```
 */
export function IN(values: readonly unknown[]): BotoCondition {
  return make("IN", inList)(...values);
}

/**
 * boto's `BETWEEN`: the attribute lies between `low` and `high`, both included.
 *
 * @param low The lower bound.
 * @param high The upper bound.
 * @returns The condition.
 *
 * @example
 * ```ts
 * import { BETWEEN, compileExpressions, conditionFromMap } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const out = compileExpressions({ filter: conditionFromMap({ a: BETWEEN(1, 9) }) });
 * assertEquals(out.FilterExpression, "#n0 BETWEEN :v0 AND :v1");
 * ```
 */
export const BETWEEN: (low: unknown, high: unknown) => BotoCondition = /* @__PURE__ */ make(
  "BETWEEN",
  (self, [low, high]) => between(self, low, high),
);

/**
 * Turns a map of attribute names to boto conditions (or plain values, meaning EQ) into one condition,
 * the AND of all entries: boto's `scan_filter` and `query_filter`, and, with a partition key value and a
 * range key condition, its key conditions.
 *
 * @param map Attribute names (taken literally) to conditions or values.
 * @returns The condition, or `undefined` for an empty map.
 * @throws {ValidationError} When a condition's values are invalid (like IN with no values).
 *
 * @example
 * ```ts
 * import { BEGINS_WITH, compileExpressions, conditionFromMap } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const keyCondition = conditionFromMap({ pk: "u1", sk: BEGINS_WITH("2024-") });
 * const out = compileExpressions({ keyCondition });
 * assertEquals(out.KeyConditionExpression, "#n0 = :v0 AND begins_with(#n1, :v1)");
 * ```
 */
export function conditionFromMap(map: Record<string, unknown>): Condition | undefined {
  return fromMap(map);
}

// With `expected`, `true` means attribute_exists and `false` attribute_not_exists (boto's NOT_NULL, NULL).
function fromMap(map: Record<string, unknown>, expected?: boolean): Condition | undefined {
  const entries = Object.entries(map);
  return entries[0] && and(...entries.map(([name, value]) => {
    const self = nameRef(name), build = builders.get(value);
    return build
      ? build(self)
      : expected && typeof value == "boolean"
      ? leaf(value ? "attribute_exists" : "attribute_not_exists", [self])
      : leaf("=", [self, value]);
  }));
}

/**
 * Turns boto's `expected_value` map into a condition: a plain value means "must equal", `false` means
 * "must not exist", `true` means "must exist", and a boto condition applies as it is.
 *
 * @param expected Attribute names (taken literally) to expectations.
 * @returns The condition, or `undefined` for an empty map.
 * @throws {ValidationError} When a value does not encode later, or a condition is invalid.
 *
 * @example
 * ```ts
 * import { compileExpressions, expectedToCondition } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const condition = expectedToCondition({ version: 3, lock: false });
 * const out = compileExpressions({ condition });
 * assertEquals(out.ConditionExpression, "#n0 = :v0 AND attribute_not_exists(#n1)");
 * ```
 */
export function expectedToCondition(expected: Record<string, unknown>): Condition | undefined {
  return fromMap(expected, true);
}

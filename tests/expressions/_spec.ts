// Random expression trees as plain data (specs), the builder calls that make the same tree, and the
// fast-check arbitraries both the property tests and the dynalite oracle draw from.
import fc from "fast-check";
import { and, Attr, not, or, size } from "../../lib/expressions/mod.ts";
import type { AttributeTypeName, Comparable, Condition } from "../../lib/expressions/mod.ts";

export type Scalar = string | number | boolean | null;
export type PathSpec = readonly (string | number)[];
export type CmpOp = "=" | "<>" | "<" | "<=" | ">" | ">=";

export type Spec =
  | { t: "cmp"; op: CmpOp; path: PathSpec; size: boolean; value: unknown }
  | { t: "between"; path: PathSpec; size: boolean; low: unknown; high: unknown }
  | { t: "in"; path: PathSpec; size: boolean; values: unknown[] }
  | { t: "exists" | "notExists"; path: PathSpec }
  | { t: "type"; path: PathSpec; type: AttributeTypeName }
  | { t: "begins"; path: PathSpec; value: string }
  | { t: "contains"; path: PathSpec; value: string | number }
  | { t: "and" | "or"; of: Spec[] }
  | { t: "not"; of: Spec };

export const TYPES: AttributeTypeName[] = [
  "S",
  "SS",
  "N",
  "NS",
  "B",
  "BS",
  "BOOL",
  "NULL",
  "L",
  "M",
];

// Simple names go through the string parser; names holding '.', '[' or ']' use the array form.
export const ref = (p: PathSpec): string | PathSpec =>
  p.every((e) => typeof e === "number" || !/[.[\]]/.test(e))
    ? p.map((e, i) => typeof e === "number" ? `[${e}]` : (i ? "." : "") + e).join("")
    : p;

const METHOD = { "=": "eq", "<>": "ne", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte" } as const;

/** The builder calls for a spec. */
export function build(s: Spec): Condition {
  const operand = (p: PathSpec, isSize: boolean): Comparable =>
    isSize ? size(ref(p)) : Attr(ref(p));
  switch (s.t) {
    case "cmp":
      return operand(s.path, s.size)[METHOD[s.op]](s.value);
    case "between":
      return operand(s.path, s.size).between(s.low, s.high);
    case "in":
      return operand(s.path, s.size).in(s.values);
    case "exists":
      return Attr(ref(s.path)).exists();
    case "notExists":
      return Attr(ref(s.path)).notExists();
    case "type":
      return Attr(ref(s.path)).attributeType(s.type);
    case "begins":
      return Attr(ref(s.path)).beginsWith(s.value);
    case "contains":
      return Attr(ref(s.path)).contains(s.value);
    case "and":
      return s.of.length > 1 && s.of.length % 2
        ? s.of.slice(1).reduce((c, x) => c.and(build(x)), build(s.of[0]))
        : and(...s.of.map(build));
    case "or":
      return or(...s.of.map(build));
    case "not":
      return not(build(s.of));
  }
}

/** Where random trees look and what they compare with. */
export interface SpecDomain {
  path: fc.Arbitrary<PathSpec>;
  /** Values for = and <> and IN. */
  scalar: fc.Arbitrary<unknown>;
  /** Ordered pairs of values of one type for <, <=, >, >= and BETWEEN: [low, high]. */
  ordered: fc.Arbitrary<[unknown, unknown]>;
  /** Values for size() comparisons. */
  sizeValue: fc.Arbitrary<number>;
  prefix: fc.Arbitrary<string>;
  element: fc.Arbitrary<string | number>;
  /** Type names for attribute_type; default all of them. */
  type?: fc.Arbitrary<AttributeTypeName>;
}

/** Random condition trees of at most `depth` levels of AND/OR/NOT. */
export function specArbitrary(d: SpecDomain, depth: number): fc.Arbitrary<Spec> {
  const cmpOp = fc.constantFrom<CmpOp>("=", "<>", "<", "<=", ">", ">=");
  const leaf: fc.Arbitrary<Spec> = fc.oneof(
    fc.record({ op: cmpOp, path: d.path, pair: d.ordered, scalar: d.scalar, hi: fc.boolean() }).map(
      (r): Spec => ({
        t: "cmp",
        op: r.op,
        path: r.path,
        size: false,
        value: r.op === "=" || r.op === "<>" ? r.scalar : r.pair[r.hi ? 1 : 0],
      }),
    ),
    fc.record({ op: cmpOp, path: d.path, value: d.sizeValue }).map((
      r,
    ): Spec => ({
      t: "cmp",
      ...r,
      size: true,
    })),
    fc.record({ path: d.path, pair: d.ordered }).map((r): Spec => ({
      t: "between",
      path: r.path,
      size: false,
      low: r.pair[0],
      high: r.pair[1],
    })),
    fc.record({ path: d.path, a: d.sizeValue, b: d.sizeValue }).map((r): Spec => ({
      t: "between",
      path: r.path,
      size: true,
      low: Math.min(r.a, r.b),
      high: Math.max(r.a, r.b),
    })),
    fc.record({ path: d.path, values: fc.array(d.scalar, { minLength: 1, maxLength: 4 }) }).map((
      r,
    ): Spec => ({ t: "in", ...r, size: false })),
    fc.record({ path: d.path, values: fc.array(d.sizeValue, { minLength: 1, maxLength: 3 }) }).map((
      r,
    ): Spec => ({ t: "in", ...r, size: true })),
    fc.record({ t: fc.constantFrom<"exists" | "notExists">("exists", "notExists"), path: d.path }),
    fc.record({ path: d.path, type: d.type ?? fc.constantFrom(...TYPES) }).map((r): Spec => ({
      t: "type",
      ...r,
    })),
    fc.record({ path: d.path, value: d.prefix }).map((r): Spec => ({ t: "begins", ...r })),
    fc.record({ path: d.path, value: d.element }).map((r): Spec => ({ t: "contains", ...r })),
  );
  const tree = (level: number): fc.Arbitrary<Spec> =>
    level <= 0 ? leaf : fc.oneof(
      { weight: 2, arbitrary: leaf },
      {
        weight: 1,
        arbitrary: fc.record({
          t: fc.constantFrom<"and" | "or">("and", "or"),
          of: fc.array(tree(level - 1), { minLength: 1, maxLength: 3 }),
        }),
      },
      { weight: 1, arbitrary: tree(level - 1).map((of): Spec => ({ t: "not", of })) },
    );
  return tree(depth);
}

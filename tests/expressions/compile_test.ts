import fc from "fast-check";
import { assertEquals, assertNotEquals, assertOk, assertThrows } from "../assert.ts";
import { ValidationError } from "../../lib/errors.ts";
import { DynamoNumber } from "../../lib/codec/mod.ts";
import type { AttributeValue } from "../../lib/codec/mod.ts";
import {
  and,
  Attr,
  compileExpressions,
  Key,
  not,
  or,
  projection,
  size,
  update,
} from "../../lib/expressions/mod.ts";
import type {
  CompiledExpressions,
  Condition,
  ExpressionParts,
  UpdateBuilder,
} from "../../lib/expressions/mod.ts";
import { build, type PathSpec, specArbitrary } from "./_spec.ts";

Deno.test("key conditions: = on the partition key, one allowed comparison on the sort key", () => {
  const pk = Key("pk").eq("u1");
  const sk = Key("sk");
  for (
    const c of [
      sk.eq(1),
      sk.lt(1),
      sk.lte(1),
      sk.gt(1),
      sk.gte(1),
      sk.between(1, 2),
      sk.beginsWith("x"),
    ]
  ) {
    const out = compileExpressions({ keyCondition: pk.and(c) });
    assertOk(out.KeyConditionExpression?.startsWith("#n0 = :v0 AND "));
    assertOk(compileExpressions({ keyCondition: and(c, pk) }).KeyConditionExpression);
  }
  assertEquals(compileExpressions({ keyCondition: pk }), {
    KeyConditionExpression: "#n0 = :v0",
    ExpressionAttributeNames: { "#n0": "pk" },
    ExpressionAttributeValues: { ":v0": { S: "u1" } },
  });
});

Deno.test("key conditions of any other shape are rejected", () => {
  const pk = Key("pk").eq("u1");
  const bad: Condition[] = [
    Attr("pk").ne(1),
    Key("pk").lt(1),
    pk.and(Attr("sk").ne(1)),
    pk.and(Attr("sk").in([1])),
    pk.and(Attr("sk").contains("a")),
    pk.and(Attr("sk").exists()),
    pk.and(size("sk").gt(1)),
    pk.and(not(Key("sk").eq(1))),
    pk.or(Key("sk").eq(1)),
    Attr("a.b").eq(1),
    Attr("a[0]").eq(1),
    pk.and(Key("sk").eq(1), Key("other").eq(2)),
    Key("a").lt(1).and(Key("b").gt(1)),
    pk.and(Key("pk").lt(1)),
    pk.and(Key("sk").eq(Attr("x"))),
    and(pk.and(Key("sk").eq(1)), Key("x").eq(1)),
  ];
  for (const keyCondition of bad) {
    assertThrows(
      () => compileExpressions({ keyCondition }),
      ValidationError,
      "invalid key condition",
    );
  }
});

Deno.test("BETWEEN bounds out of order are rejected where values compare", () => {
  const between = (low: unknown, high: unknown) => () =>
    compileExpressions({ filter: Attr("a").between(low, high) });
  const big = "12345678901234567890123456789012345678";
  for (
    const [low, high] of [
      [10, 9],
      [-5, -10],
      [0.5, 0.25],
      [new DynamoNumber(big.slice(0, -1) + "9"), new DynamoNumber(big)],
      [new DynamoNumber("1E+3"), new DynamoNumber("999")],
      ["b", "a"],
      ["ab", "a"],
      ["\u{10000}", "\uE000"], // UTF-8 order: U+E000 (EE 80 80) < U+10000 (F0 90 80 80), UTF-16 says the opposite
      [new Uint8Array([1]), new Uint8Array([0, 255])],
    ]
  ) {
    assertThrows(between(low, high), ValidationError, "BETWEEN bounds out of order");
  }
  for (
    const [low, high] of [
      [9, 10],
      [-10, -5],
      [1, 1],
      [new DynamoNumber(big), new DynamoNumber(big.slice(0, -1) + "9")],
      [new DynamoNumber("999"), new DynamoNumber("1E+3")],
      ["a", "ab"],
      ["\uE000", "\u{10000}"],
      [new Uint8Array([0, 255]), new Uint8Array([1])],
      [1, "a"], // different types do not compare here; the service decides
    ]
  ) {
    assertOk(between(low, high)().FilterExpression);
  }
  assertThrows(
    () => compileExpressions({ keyCondition: Key("pk").eq(1).and(Key("sk").between(2, 1)) }),
    ValidationError,
  );
  assertThrows(() => compileExpressions({ condition: size("a").between(2, 1) }), ValidationError);
  const error = assertThrows(
    () => compileExpressions({ filter: Attr("x.y[1]").between(2, 1) }),
    ValidationError,
  );
  assertEquals(error.path, "x.y[1]");
});

Deno.test("a path compared with itself is rejected, as DynamoDB does", () => {
  for (
    const c of [
      Attr("a").eq(Attr("a")),
      Attr("a").in([1, Attr("a")]),
      Attr("a").between(Attr("a"), 2),
      size("a").gt(size("a")),
    ]
  ) assertThrows(() => compileExpressions({ filter: c }), ValidationError, "operand repeated");
  assertEquals(compileExpressions({ filter: Attr("a").between(Attr("lo"), Attr("hi")) }), {
    FilterExpression: "#n0 BETWEEN #n1 AND #n2",
    ExpressionAttributeNames: { "#n0": "a", "#n1": "lo", "#n2": "hi" },
  });
  assertEquals(
    compileExpressions({ filter: Attr("a").between(1, 1) }).FilterExpression,
    "#n0 BETWEEN :v0 AND :v0",
  );
});

Deno.test("expressions over 4 KB are rejected", () => {
  const names = Array.from({ length: 2000 }, (_, i) => `a${i}`);
  let accepted = 0;
  for (let n = 1; n <= names.length; n++) {
    const text = names.slice(0, n).map((_, i) => `#n${i}`).join(", ");
    const run = () => compileExpressions({ projection: names.slice(0, n) });
    if (text.length <= 4096) {
      assertEquals(run().ProjectionExpression, text);
      accepted = n;
    } else {
      const error = assertThrows(run, ValidationError, "over 4 KB");
      assertEquals(error.path, "ProjectionExpression");
      break;
    }
  }
  assertOk(accepted > 500);
  const wide = and(...Array.from({ length: 400 }, (_, i) => Attr("a").eq(i)));
  assertThrows(() => compileExpressions({ filter: wide }), ValidationError, "over 4 KB");
});

Deno.test("one namespace: names and equal values share placeholders across the parts", () => {
  const out = compileExpressions({
    keyCondition: Key("pk").eq("x"),
    condition: Attr("status").eq({ a: 1, b: new Set(["p", "q"]) }),
    filter: Attr("pk").ne("x").and(Attr("n").eq("1")),
    update: update().set("status", { b: new Set(["q", "p"]), a: 1 }).add("n", 1),
    projection: ["pk", "status"],
  });
  assertEquals(out, {
    KeyConditionExpression: "#n0 = :v0",
    ConditionExpression: "#n1 = :v1",
    FilterExpression: "#n0 <> :v0 AND #n2 = :v2",
    UpdateExpression: "SET #n1 = :v1 ADD #n2 :v3",
    ProjectionExpression: "#n0, #n1",
    ExpressionAttributeNames: { "#n0": "pk", "#n1": "status", "#n2": "n" },
    ExpressionAttributeValues: {
      ":v0": { S: "x" },
      ":v1": { M: { a: { N: "1" }, b: { SS: ["p", "q"] } } },
      ":v2": { S: "1" },
      ":v3": { N: "1" },
    },
  });
  assertEquals(compileExpressions({}), {});
});

Deno.test("values go through the codec with its options", () => {
  assertEquals(
    compileExpressions({ filter: Attr("a").eq(true) }, { booleans: "number" })
      .ExpressionAttributeValues,
    { ":v0": { N: "1" } },
  );
  assertEquals(compileExpressions({ filter: Attr("a").eq(true) }).ExpressionAttributeValues, {
    ":v0": { BOOL: true },
  });
  const error = assertThrows(
    () => compileExpressions({ filter: Attr("a.b").eq({ x: [1, Number.NaN] }) }),
    ValidationError,
  );
  assertEquals(error.path, "a.b");
  assertThrows(() => compileExpressions({ filter: Attr("a").eq(new Date(0)) }), ValidationError);
  assertEquals(
    compileExpressions({ filter: Attr("a").eq(new Date(0)) }, { dates: "epochSeconds" })
      .ExpressionAttributeValues,
    { ":v0": { N: "0" } },
  );
});

Deno.test("parts that are not built by the builders are rejected", () => {
  assertThrows(
    () =>
      compileExpressions({ update: { kind: "update", actions: [] } as unknown as UpdateBuilder }),
    ValidationError,
  );
  assertThrows(
    () => compileExpressions({ filter: "a = b" as unknown as Condition }),
    ValidationError,
  );
});

// ---- property tests ------------------------------------------------------------------------------

const NAMES = ["a", "b", "size", "name", "weird.name", "br[0]", "#x", ":y", "m"];
const pathArb: fc.Arbitrary<PathSpec> = fc.array(
  fc.oneof(fc.constantFrom(...NAMES), fc.nat(3)),
  { minLength: 0, maxLength: 3 },
).chain((rest) => fc.constantFrom(...NAMES).map((first) => [first, ...rest]));
const valueArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.integer({ min: -5, max: 5 }),
    fc.string({ maxLength: 3 }),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ minLength: 1, maxLength: 2 }),
    fc.uniqueArray(fc.constantFrom("p", "q", "r"), { minLength: 1 }).map((a) => new Set(a)),
    fc.array(tie("v"), { maxLength: 2 }),
    fc.dictionary(fc.constantFrom("a", "b", "c"), tie("v"), { maxKeys: 2 }),
  ),
})).v;
const domain = {
  path: pathArb,
  scalar: valueArb,
  ordered: fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 })).map((
    [a, b],
  ): [number, number] => [Math.min(a, b), Math.max(a, b)]),
  sizeValue: fc.nat(4),
  prefix: fc.string({ minLength: 1, maxLength: 2 }),
  element: fc.oneof(fc.string({ maxLength: 2 }), fc.integer()),
};
const condArb = fc.option(specArbitrary(domain, 3), { nil: undefined });
const updateArb = fc.array(
  fc.record({
    action: fc.constantFrom("SET", "REMOVE", "ADD", "DELETE"),
    path: pathArb,
    value: fc.oneof(valueArb, fc.integer(), fc.constant(new Set([1, 2]))),
    ref: fc.option(pathArb, { nil: undefined }),
  }),
  { maxLength: 5 },
);

type UpdateSpec = { action: string; path: PathSpec; value: unknown; ref?: PathSpec }[];

function buildUpdate(specs: UpdateSpec): UpdateBuilder | undefined {
  if (!specs.length) return undefined;
  let u = update();
  for (const s of specs) {
    try {
      if (s.action === "SET") u = u.set(s.path, s.ref ? Attr(s.ref) : s.value);
      else if (s.action === "REMOVE") u = u.remove(s.path);
      else if (s.action === "ADD") {
        u = u.add(s.path, typeof s.value === "number" ? s.value : new Set(["p"]));
      } else u = u.delete(s.path, s.value instanceof Set ? s.value : new Set(["q"]));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error; // overlapping paths: skip this action
    }
  }
  return u;
}

function projectionOf(paths: PathSpec[]): PathSpec[] {
  const out: PathSpec[] = [];
  for (const p of paths) {
    try {
      projection(...out, p);
      out.push(p);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
    }
  }
  return out;
}

const FIELDS = [
  "KeyConditionExpression",
  "ConditionExpression",
  "FilterExpression",
  "UpdateExpression",
  "ProjectionExpression",
] as const;
const PARTS = ["keyCondition", "condition", "filter", "update", "projection"] as const;

// An AttributeValue as text that ignores map key order and set element order.
function canon(av: unknown): string {
  if (Array.isArray(av)) return `[${av.map(canon).join(",")}]`;
  if (typeof av !== "object" || av === null) return JSON.stringify(av);
  const entries = Object.entries(av).map(([k, v]) =>
    [k, ["SS", "NS", "BS"].includes(k) && Array.isArray(v) ? [...v].sort() : v] as const
  );
  return `{${
    entries.sort(([a], [b]) => a < b ? -1 : 1).map(([k, v]) => `${JSON.stringify(k)}:${canon(v)}`)
      .join(",")
  }}`;
}

// Puts the names and values back in place of the placeholders, so parts can be compared across compiles.
function resolve(out: CompiledExpressions, field: typeof FIELDS[number]): string | undefined {
  return out[field]?.replace(
    /#n\d+|:v\d+/g,
    (p) =>
      p[0] === "#"
        ? `<${JSON.stringify(out.ExpressionAttributeNames?.[p])}>`
        : `<${canon(out.ExpressionAttributeValues?.[p] as AttributeValue)}>`,
  );
}

type PartsSpec = typeof partsArb extends fc.Arbitrary<infer T> ? T : never;
const partsArb = fc.record({
  condition: condArb,
  filter: condArb,
  update: updateArb,
  projection: fc.array(pathArb, { maxLength: 4 }),
  key: fc.boolean(),
});

function partsOf(r: PartsSpec): ExpressionParts {
  const proj = projectionOf(r.projection);
  return {
    keyCondition: r.key ? Key("name").eq(1).and(Key("size").beginsWith("x")) : undefined,
    condition: r.condition && build(r.condition),
    filter: r.filter && build(r.filter),
    update: buildUpdate(r.update),
    projection: proj.length ? proj : undefined,
  };
}

Deno.test("property: every placeholder is defined and used, one per meaning, nothing raw", () => {
  fc.assert(
    fc.property(partsArb, (r) => {
      const out = compileExpressions(partsOf(r));
      const text = FIELDS.map((f) => out[f] ?? "").join(" ");
      const usedNames = new Set(text.match(/#n\d+/g) ?? []);
      const usedValues = new Set(text.match(/:v\d+/g) ?? []);
      assertEquals(new Set(Object.keys(out.ExpressionAttributeNames ?? {})), usedNames);
      assertEquals(new Set(Object.keys(out.ExpressionAttributeValues ?? {})), usedValues);
      const names = Object.values(out.ExpressionAttributeNames ?? {});
      assertEquals(new Set(names).size, names.length);
      const values = Object.values(out.ExpressionAttributeValues ?? {}).map(canon);
      assertEquals(new Set(values).size, values.length);
      // Outside placeholders only keywords, operators and list indexes remain.
      assertOk(
        /^[\s#:nv\d(),.=<>[\]+-]*$/.test(
          text.replace(
            /\b(AND|OR|NOT|BETWEEN|IN|SET|REMOVE|ADD|DELETE|size|attribute_exists|attribute_not_exists|attribute_type|begins_with|contains|if_not_exists|list_append)\b/g,
            "",
          ),
        ),
        text,
      );
      // Placeholders are numbered densely in order of first use.
      assertEquals(
        [...usedNames].map((p) => Number(p.slice(2))).sort((a, b) => a - b),
        [...usedNames].map((_, i) => i),
      );
    }),
    { numRuns: 300 },
  );
});

Deno.test("property: parts compiled together mean what they mean alone (no collisions)", () => {
  fc.assert(
    fc.property(partsArb, (r) => {
      const parts = partsOf(r);
      const together = compileExpressions(parts);
      FIELDS.forEach((field, i) => {
        const alone = compileExpressions({ [PARTS[i]]: parts[PARTS[i]] });
        assertEquals(resolve(together, field), resolve(alone, field));
      });
    }),
    { numRuns: 300 },
  );
});

Deno.test("property: output is stable, and equal trees compile equally", () => {
  fc.assert(
    fc.property(partsArb, (r) => {
      const a = compileExpressions(partsOf(r));
      assertEquals(compileExpressions(partsOf(r)), a);
      assertEquals(JSON.stringify(compileExpressions(partsOf(r))), JSON.stringify(a));
    }),
    { numRuns: 200 },
  );
});

Deno.test("property: different values never share a placeholder", () => {
  fc.assert(
    fc.property(valueArb, valueArb, (x, y) => {
      const out = compileExpressions({ filter: or(Attr("a").eq(x), Attr("a").eq(y)) });
      const same = out.FilterExpression === "#n0 = :v0 OR #n0 = :v0";
      const vx = out.ExpressionAttributeValues?.[":v0"];
      const vy = out.ExpressionAttributeValues?.[same ? ":v0" : ":v1"];
      if (same) {
        assertEquals(
          canon(vx),
          canon(compileExpressions({ filter: Attr("a").eq(y) }).ExpressionAttributeValues?.[":v0"]),
        );
      } else assertNotEquals(canon(vx), canon(vy));
    }),
    { numRuns: 500 },
  );
});

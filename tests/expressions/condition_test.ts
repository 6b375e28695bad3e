import { assertEquals, assertStrictEquals, assertThrows } from "../assert.ts";
import { ValidationError } from "../../lib/errors.ts";
import { and, Attr, compileExpressions, Key, not, or, size } from "../../lib/expressions/mod.ts";
import type { Condition } from "../../lib/expressions/mod.ts";

const filter = (c: Condition) => compileExpressions({ filter: c });

Deno.test("comparisons compile to operators with placeholders", () => {
  const cases: [Condition, string][] = [
    [Attr("a").eq(1), "#n0 = :v0"],
    [Attr("a").ne(1), "#n0 <> :v0"],
    [Attr("a").lt(1), "#n0 < :v0"],
    [Attr("a").lte(1), "#n0 <= :v0"],
    [Attr("a").gt(1), "#n0 > :v0"],
    [Attr("a").gte(1), "#n0 >= :v0"],
  ];
  for (const [c, text] of cases) {
    assertEquals(filter(c), {
      FilterExpression: text,
      ExpressionAttributeNames: { "#n0": "a" },
      ExpressionAttributeValues: { ":v0": { N: "1" } },
    });
  }
});

Deno.test("between, in and the functions", () => {
  assertEquals(filter(Attr("a").between("x", "y")), {
    FilterExpression: "#n0 BETWEEN :v0 AND :v1",
    ExpressionAttributeNames: { "#n0": "a" },
    ExpressionAttributeValues: { ":v0": { S: "x" }, ":v1": { S: "y" } },
  });
  assertEquals(filter(Attr("a").in([1, "1", 1])), {
    FilterExpression: "#n0 IN (:v0, :v1, :v0)",
    ExpressionAttributeNames: { "#n0": "a" },
    ExpressionAttributeValues: { ":v0": { N: "1" }, ":v1": { S: "1" } },
  });
  assertEquals(filter(Attr("a.b").exists()), {
    FilterExpression: "attribute_exists(#n0.#n1)",
    ExpressionAttributeNames: { "#n0": "a", "#n1": "b" },
  });
  assertEquals(filter(Attr("a[1]").notExists()).FilterExpression, "attribute_not_exists(#n0[1])");
  assertEquals(filter(Attr("a").attributeType("SS")), {
    FilterExpression: "attribute_type(#n0, :v0)",
    ExpressionAttributeNames: { "#n0": "a" },
    ExpressionAttributeValues: { ":v0": { S: "SS" } },
  });
  assertEquals(filter(Attr("a").beginsWith("pre")).FilterExpression, "begins_with(#n0, :v0)");
  assertEquals(filter(Attr("a").contains(Attr("b"))), {
    FilterExpression: "contains(#n0, #n1)",
    ExpressionAttributeNames: { "#n0": "a", "#n1": "b" },
  });
});

Deno.test("size is an operand that compares", () => {
  const s = size("tags");
  const cases: [Condition, string][] = [
    [s.eq(1), "size(#n0) = :v0"],
    [s.ne(1), "size(#n0) <> :v0"],
    [s.lt(1), "size(#n0) < :v0"],
    [s.lte(1), "size(#n0) <= :v0"],
    [s.gt(1), "size(#n0) > :v0"],
    [s.gte(1), "size(#n0) >= :v0"],
    [s.between(1, 2), "size(#n0) BETWEEN :v0 AND :v1"],
    [s.in([1, 2]), "size(#n0) IN (:v0, :v1)"],
    [Attr("a").gt(size("b")), "#n0 > size(#n1)"],
  ];
  for (const [c, text] of cases) assertEquals(filter(c).FilterExpression, text);
});

Deno.test("and, or, not and chaining, with parentheses only where precedence needs them", () => {
  const a = Attr("a").eq(1), b = Attr("b").eq(2), c = Attr("c").eq(3);
  assertEquals(filter(and(a, b, c)).FilterExpression, "#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2");
  assertEquals(filter(or(a, b)).FilterExpression, "#n0 = :v0 OR #n1 = :v1");
  assertEquals(filter(a.and(b).or(c)).FilterExpression, "#n0 = :v0 AND #n1 = :v1 OR #n2 = :v2");
  assertEquals(filter(a.and(b.or(c))).FilterExpression, "#n0 = :v0 AND (#n1 = :v1 OR #n2 = :v2)");
  assertEquals(filter(not(a)).FilterExpression, "NOT #n0 = :v0");
  assertEquals(filter(not(a.and(b))).FilterExpression, "NOT (#n0 = :v0 AND #n1 = :v1)");
  assertEquals(filter(not(not(a))).FilterExpression, "NOT (NOT #n0 = :v0)");
  assertEquals(filter(a.or(b, c)).FilterExpression, "#n0 = :v0 OR #n1 = :v1 OR #n2 = :v2");
  assertEquals(
    filter(and(a.or(b), not(c))).FilterExpression,
    "(#n0 = :v0 OR #n1 = :v1) AND NOT #n2 = :v2",
  );
  assertStrictEquals(and(a), a);
});

Deno.test("builder errors", () => {
  assertThrows(() => and(), ValidationError, "AND takes conditions");
  assertThrows(() => or(), ValidationError, "OR takes conditions");
  assertThrows(() => and(Attr("a").eq(1), {} as Condition), ValidationError);
  // A falsy argument is refused too, wherever it stands: never a clause silently dropped.
  const a = Attr("a").eq(1), b = Attr("b").eq(2);
  const cases: [() => unknown, string][] = [
    [() => and(a, undefined as unknown as Condition, b), "undefined"],
    [() => and(a, b, undefined as unknown as Condition), "undefined"],
    [() => or(a, null as unknown as Condition), "null"],
    [() => and(undefined as unknown as Condition), "undefined"],
    [() => or(a, 0 as unknown as Condition, b), "number"],
  ];
  for (const [call, found] of cases) {
    const error = assertThrows(call, ValidationError, "takes conditions");
    assertEquals(error.found, found);
  }
  assertThrows(() => not("x" as unknown as Condition), ValidationError);
  assertThrows(() => Attr("a").in([]), ValidationError, "1 to 100");
  assertThrows(() => Attr("a").in(Array.from({ length: 101 }, (_, i) => i)), ValidationError);
  assertEquals(
    filter(Attr("a").in(Array.from({ length: 100 }, (_, i) => i))).FilterExpression?.split(", ")
      .length,
    100,
  );
  assertThrows(
    () => Attr("a").attributeType("STRING" as "S"),
    ValidationError,
    "unknown attribute type",
  );
  assertThrows(() => Attr("a..b"), ValidationError);
  assertThrows(() => Key(""), ValidationError);
});

Deno.test("Key takes its name literally", () => {
  assertEquals(compileExpressions({ keyCondition: Key("a.b").eq(1) }).ExpressionAttributeNames, {
    "#n0": "a.b",
  });
});

Deno.test("a condition or update node is not a value", () => {
  assertThrows(() => filter(Attr("a").eq(Attr("b").eq(1))), ValidationError, "wrong type");
  assertThrows(
    () => filter({ kind: "condition", op: "=", args: [] } as unknown as Condition),
    ValidationError,
    "wrong type",
  );
});

Deno.test("built nodes are frozen", () => {
  const c = Attr("a").eq(1);
  assertThrows(() => (c.args as unknown[]).push(2), TypeError);
});

Deno.test("Key has every operator of Attr; a key condition still allows only its own", () => {
  // Outside key conditions, Key("a") is the top-level attribute a, with every method.
  assertEquals(filter(Key("a.b").ne(1)).FilterExpression, "#n0 <> :v0");
  assertEquals(filter(Key("a.b").ne(1)).ExpressionAttributeNames, { "#n0": "a.b" });
  assertEquals(filter(Key("a").contains("x")).FilterExpression, "contains(#n0, :v0)");
  assertEquals(filter(Key("a").in([1, 2])).FilterExpression, "#n0 IN (:v0, :v1)");
  assertEquals(filter(Key("a").notExists()).FilterExpression, "attribute_not_exists(#n0)");
  assertEquals(filter(Key("a").attributeType("S")).FilterExpression, "attribute_type(#n0, :v0)");
  assertThrows(
    () => compileExpressions({ keyCondition: Key("pk").eq(1).and(Key("sk").contains("x")) }),
    ValidationError,
  );
  assertThrows(() => compileExpressions({ keyCondition: Key("pk").ne(1) }), ValidationError);
});

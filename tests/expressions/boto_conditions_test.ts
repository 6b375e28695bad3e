import { assertEquals, assertThrows } from "../assert.ts";
import { ValidationError } from "../../lib/errors.ts";
import {
  and,
  Attr,
  BEGINS_WITH,
  BETWEEN,
  compileExpressions,
  conditionFromMap,
  CONTAINS,
  EQ,
  expectedToCondition,
  GE,
  GT,
  IN,
  Key,
  LE,
  LT,
  NE,
  not,
  NOT_CONTAINS,
  NOT_NULL,
  NULL,
} from "../../lib/expressions/mod.ts";
import type { BotoCondition, Condition } from "../../lib/expressions/mod.ts";

const same = (map: Record<string, unknown>, expected: Condition) =>
  assertEquals(
    compileExpressions({ filter: conditionFromMap(map) }),
    compileExpressions({ filter: expected }),
  );

Deno.test("each boto operator compiles like its builder", () => {
  const a = Attr(["a.b"]);
  const cases: [BotoCondition, Condition][] = [
    [EQ(1), a.eq(1)],
    [NE(1), a.ne(1)],
    [LE(1), a.lte(1)],
    [LT(1), a.lt(1)],
    [GE(1), a.gte(1)],
    [GT(1), a.gt(1)],
    [NULL(), a.notExists()],
    [NOT_NULL(), a.exists()],
    [CONTAINS("x"), a.contains("x")],
    [NOT_CONTAINS("x"), not(a.contains("x"))],
    [BEGINS_WITH("x"), a.beginsWith("x")],
    [IN([1, 2, 3]), a.in([1, 2, 3])],
    [BETWEEN(1, 5), a.between(1, 5)],
  ];
  for (const [boto, built] of cases) same({ "a.b": boto }, built);
  assertEquals(compileExpressions({ filter: conditionFromMap({ age: GT(30) }) }), {
    FilterExpression: "#n0 > :v0",
    ExpressionAttributeNames: { "#n0": "age" },
    ExpressionAttributeValues: { ":v0": { N: "30" } },
  });
});

Deno.test("a map is the AND of its entries; plain values mean EQ; empty is undefined", () => {
  same({ a: 1, b: GT(2), c: NULL() }, and(Attr("a").eq(1), Attr("b").gt(2), Attr("c").notExists()));
  assertEquals(conditionFromMap({}), undefined);
  assertEquals(expectedToCondition({}), undefined);
});

Deno.test("key conditions from a map", () => {
  const keyCondition = conditionFromMap({ pk: "u1", sk: BETWEEN("a", "b") });
  assertEquals(
    compileExpressions({ keyCondition }),
    compileExpressions({ keyCondition: Key("pk").eq("u1").and(Key("sk").between("a", "b")) }),
  );
  assertThrows(
    () => compileExpressions({ keyCondition: conditionFromMap({ pk: "u1", sk: NE("a") }) }),
    ValidationError,
  );
  assertThrows(
    () => compileExpressions({ keyCondition: conditionFromMap({ pk: "u1", sk: CONTAINS("a") }) }),
    ValidationError,
  );
});

Deno.test("expected values: a value must equal, false must not exist, true must exist", () => {
  assertEquals(
    compileExpressions({
      condition: expectedToCondition({ v: 3, gone: false, here: true, s: BEGINS_WITH("x") }),
    }),
    {
      ConditionExpression:
        "#n0 = :v0 AND attribute_not_exists(#n1) AND attribute_exists(#n2) AND begins_with(#n3, :v1)",
      ExpressionAttributeNames: { "#n0": "v", "#n1": "gone", "#n2": "here", "#n3": "s" },
      ExpressionAttributeValues: { ":v0": { N: "3" }, ":v1": { S: "x" } },
    },
  );
});

Deno.test("boto conditions are validated like builders", () => {
  assertThrows(() => conditionFromMap({ a: IN([]) }), ValidationError, "1 to 100");
  assertThrows(
    () => compileExpressions({ filter: conditionFromMap({ a: BETWEEN(5, 1) }) }),
    ValidationError,
    "out of order",
  );
});

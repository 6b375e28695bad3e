import { assertEquals, assertThrows } from "../assert.ts";
import { ValidationError } from "../../lib/errors.ts";
import { Attr, compileExpressions, path, projection } from "../../lib/expressions/mod.ts";

Deno.test("projection parses paths and compiles them with shared names", () => {
  assertEquals(projection("a.b", ["c.d"], Attr("l[2]")), [["a", "b"], ["c.d"], ["l", 2]]);
  assertEquals(compileExpressions({ projection: ["a.b", "a.c", path("a.b.c"), "x[0].a"] }), {
    ProjectionExpression: "#n0.#n1, #n0.#n2, #n3, #n4[0].#n0",
    ExpressionAttributeNames: { "#n0": "a", "#n1": "b", "#n2": "c", "#n3": "a.b.c", "#n4": "x" },
  });
  assertEquals(compileExpressions({ projection: [] }), {});
});

Deno.test("projection rejects repeated and overlapping paths", () => {
  assertThrows(() => projection("a", "a"), ValidationError, "overlapping");
  assertThrows(() => projection("a.b", "a"), ValidationError);
  assertThrows(() => projection("l[1]", "l[1].x"), ValidationError);
  assertThrows(() => compileExpressions({ projection: ["a", "a.b"] }), ValidationError);
  assertEquals(projection("l[0]", "l[1]").length, 2);
});

Deno.test("a projection must be a list, not one string", () => {
  assertThrows(
    () => compileExpressions({ projection: "a,b" as unknown as string[] }),
    ValidationError,
    "wrong type",
  );
});

import { assertEquals, assertThrows } from "../assert.ts";
import { ValidationError } from "../../lib/errors.ts";
import {
  Attr,
  compileExpressions,
  ifNotExists,
  listAppend,
  minus,
  path,
  plus,
  size,
  update,
} from "../../lib/expressions/mod.ts";
import type { UpdateBuilder } from "../../lib/expressions/mod.ts";

const compile = (u: UpdateBuilder) => compileExpressions({ update: u });

Deno.test("SET takes values, paths and functions", () => {
  assertEquals(
    compile(
      update()
        .set("a.b", 1)
        .set("c", Attr("d[0]"))
        .set("e", ifNotExists("e", { x: true }))
        .set("f", listAppend(Attr("f"), [1]))
        .set("g", listAppend(["first"], ifNotExists("g", [])))
        .set("h", plus(Attr("h"), 2))
        .set("i", minus(ifNotExists("i", 10), Attr("j"))),
    ),
    {
      UpdateExpression: "SET #n0.#n1 = :v0, #n2 = #n3[0], #n4 = if_not_exists(#n4, :v1), " +
        "#n5 = list_append(#n5, :v2), #n6 = list_append(:v3, if_not_exists(#n6, :v4)), " +
        "#n7 = #n7 + :v5, #n8 = if_not_exists(#n8, :v6) - #n9",
      ExpressionAttributeNames: {
        "#n0": "a",
        "#n1": "b",
        "#n2": "c",
        "#n3": "d",
        "#n4": "e",
        "#n5": "f",
        "#n6": "g",
        "#n7": "h",
        "#n8": "i",
        "#n9": "j",
      },
      ExpressionAttributeValues: {
        ":v0": { N: "1" },
        ":v1": { M: { x: { BOOL: true } } },
        ":v2": { L: [{ N: "1" }] },
        ":v3": { L: [{ S: "first" }] },
        ":v4": { L: [] },
        ":v5": { N: "2" },
        ":v6": { N: "10" },
      },
    },
  );
});

Deno.test("REMOVE, ADD and DELETE, clauses in a fixed order", () => {
  assertEquals(
    compile(
      update().delete("tags", new Set(["a"])).add("n", 1).remove("l[3]", "m.x").set("s", "v").add(
        "ns",
        new Set([1, 2]),
      ),
    ),
    {
      UpdateExpression: "SET #n0 = :v0 REMOVE #n1[3], #n2.#n3 ADD #n4 :v1, #n5 :v2 DELETE #n6 :v3",
      ExpressionAttributeNames: {
        "#n0": "s",
        "#n1": "l",
        "#n2": "m",
        "#n3": "x",
        "#n4": "n",
        "#n5": "ns",
        "#n6": "tags",
      },
      ExpressionAttributeValues: {
        ":v0": { S: "v" },
        ":v1": { N: "1" },
        ":v2": { NS: ["1", "2"] },
        ":v3": { SS: ["a"] },
      },
    },
  );
});

Deno.test("the builder is immutable", () => {
  const base = update().set("a", 1);
  const one = base.set("b", 2);
  const two = base.set("c", 3);
  assertEquals(base.actions.length, 1);
  assertEquals(compile(one).UpdateExpression, "SET #n0 = :v0, #n1 = :v1");
  assertEquals(compile(two).ExpressionAttributeNames, { "#n0": "a", "#n1": "c" });
  assertEquals(compile(update()), {});
});

Deno.test("the same path twice, or overlapping paths, are rejected", () => {
  assertThrows(
    () => update().set("a", 1).set("a", 2),
    ValidationError,
    "overlapping paths",
  );
  assertThrows(() => update().set("a", 1).remove("a.b"), ValidationError);
  assertThrows(() => update().remove("a[1].b").add("a[1]", 1), ValidationError);
  assertThrows(() => update().remove("a", "a"), ValidationError);
  assertThrows(
    () => update().set(path("x.y"), 1).delete(["x.y", "z"], new Set(["q"])),
    ValidationError,
  );
  // siblings and different list elements do not overlap
  assertEquals(
    compile(update().set("a.b", 1).set("a.c", 2).remove("l[0]", "l[1]")).UpdateExpression,
    "SET #n0.#n1 = :v0, #n0.#n2 = :v1 REMOVE #n3[0], #n3[1]",
  );
});

Deno.test("SET operands are checked", () => {
  assertThrows(() => update().set("a", size("b")), ValidationError, "invalid SET operand");
  assertThrows(() => update().set("a", Attr("b").eq(1)), ValidationError);
  assertThrows(() => update().set("a", plus(plus(1, 2), 3)), ValidationError);
  assertThrows(() => update().set("a", ifNotExists("a", minus(1, 2))), ValidationError);
  assertThrows(() => update().set("a", ifNotExists("a..b", 1)), ValidationError);
});

Deno.test("ADD takes numbers and sets, DELETE takes sets", () => {
  assertThrows(
    () => compile(update().add("a", "x")),
    ValidationError,
    "bad ADD value",
  );
  assertThrows(() => compile(update().add("a", [1])), ValidationError);
  assertThrows(() => compile(update().delete("a", 1)), ValidationError, "bad DELETE value");
  assertEquals(compile(update().delete("a", new Set([1]))).ExpressionAttributeValues, {
    ":v0": { NS: ["1"] },
  });
});

Deno.test("value errors name the path", () => {
  const error = assertThrows(() => compile(update().set("a.b", Number.NaN)), ValidationError);
  assertEquals(error.path, "a.b");
});

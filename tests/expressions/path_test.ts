import { assertEquals, assertStringIncludes, assertThrows } from "../assert.ts";
import { ValidationError } from "../../lib/errors.ts";
import { Attr, parsePath, path } from "../../lib/expressions/mod.ts";

Deno.test("parsePath splits names and list indexes", () => {
  assertEquals(parsePath("a"), ["a"]);
  assertEquals(parsePath("a.b[2].c"), ["a", "b", 2, "c"]);
  assertEquals(parsePath("list[0][10]"), ["list", 0, 10]);
  assertEquals(parsePath("a b.#c:d"), ["a b", "#c:d"]);
});

Deno.test("parsePath takes arrays literally and passes references through", () => {
  assertEquals(parsePath(["weird.name", 2, "x[1]"]), ["weird.name", 2, "x[1]"]);
  assertEquals(parsePath(Attr("a.b")), ["a", "b"]);
});

Deno.test("parsePath rejects malformed strings, naming the input", () => {
  for (
    const bad of [
      "",
      ".a",
      "a.",
      "a..b",
      "[0]",
      "a[",
      "a]",
      "a[]",
      "a[01]",
      "a[-1]",
      "a[x]",
      "a[1]b",
      "a.[0]",
    ]
  ) {
    const error = assertThrows(() => parsePath(bad), ValidationError);
    assertStringIncludes(error.message, JSON.stringify(bad));
  }
});

Deno.test("path checks its elements", () => {
  assertEquals(path("a.b", 0, "c"), ["a.b", 0, "c"]);
  assertThrows(() => path(), ValidationError, "invalid path");
  assertThrows(() => path(0), ValidationError);
  assertThrows(() => path("a", ""), ValidationError);
  assertThrows(() => path("a", -1), ValidationError);
  assertThrows(() => path("a", 1.5), ValidationError);
  assertThrows(() => parsePath("a[99999999999999999999]"), ValidationError);
  assertThrows(() => parsePath(["a", Number.NaN]), ValidationError);
});

Deno.test("paths are frozen", () => {
  const p = parsePath("a.b");
  assertThrows(() => (p as PathArray).push("c"), TypeError);
});

type PathArray = (string | number)[];

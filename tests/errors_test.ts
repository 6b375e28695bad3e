import { DynafetchError, ValidationError } from "../mod.ts";
import { assertEquals, assertInstanceOf, assertStrictEquals } from "./assert.ts";

Deno.test("ValidationError names the path, what was found and what is allowed", () => {
  const error = new ValidationError("unsupported value", {
    path: "address.geo[2]",
    found: "NaN",
    allowed: "finite numbers",
  });
  assertInstanceOf(error, DynafetchError);
  assertStrictEquals(error.name, "ValidationError");
  assertStrictEquals(error.path, "address.geo[2]");
  assertEquals(
    error.message,
    "address.geo[2]: unsupported value; found NaN; allowed: finite numbers",
  );
});

Deno.test("ValidationError without a path keeps the message as it is", () => {
  const error = new ValidationError("empty table name");
  assertStrictEquals(error.path, "");
  assertStrictEquals(error.message, "empty table name");
  assertStrictEquals(error.found, undefined);
});

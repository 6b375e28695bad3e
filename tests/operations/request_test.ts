import fc from "fast-check";
import { assertEquals, assertThrows } from "../assert.ts";
import { buildRequest } from "../../lib/operations/request.ts";
import { OPERATIONS } from "../../lib/operations/operations.ts";
import { ValidationError } from "../../lib/errors.ts";

Deno.test("buildRequest names the target and writes the input as JSON once", () => {
  const input = { TableName: "t", Item: { id: { S: "é" }, n: { N: "1.50" } } };
  const { target, body } = buildRequest("PutItem", input);
  assertEquals(target, "DynamoDB_20120810.PutItem");
  assertEquals(JSON.parse(body), input);
});

Deno.test("buildRequest round-trips any JSON object input of an unknown operation", () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (input) => {
      const { body } = buildRequest("DescribeContinuousBackups", input);
      assertEquals(body, JSON.stringify(input));
    }),
  );
});

Deno.test("a missing required field is a ValidationError with its path", () => {
  for (const op of OPERATIONS) {
    for (const field of op.required) {
      const input: Record<string, unknown> = Object.fromEntries(op.required.map((f) => [f, "x"]));
      delete input[field];
      const error = assertThrows(() => buildRequest(op.name, input), ValidationError);
      assertEquals(error.path, field);
      assertEquals(error.found, "nothing");
    }
    const complete = Object.fromEntries(op.required.map((f) => [f, "x"]));
    assertEquals(buildRequest(op.name, complete).target, `DynamoDB_20120810.${op.name}`);
  }
  assertThrows(
    () => buildRequest("PutItem", { TableName: "t", Item: null }),
    ValidationError,
    "Item",
  );
});

Deno.test("bad names, non-objects and unserializable input are ValidationErrors", () => {
  for (const name of ["", "putItem", "Put Item", "DynamoDB_20120810.PutItem", "A".repeat(65)]) {
    assertEquals(assertThrows(() => buildRequest(name, {}), ValidationError).path, "operation");
  }
  for (const input of [null, [], "x", 1, undefined]) {
    assertThrows(() => buildRequest("ListTables", input), ValidationError, "must be an object");
  }
  assertThrows(
    () => buildRequest("PutItem", { TableName: "t", Item: { n: 1n } }),
    ValidationError,
    "cannot be written as JSON",
  );
  const cyclic: Record<string, unknown> = { TableName: "t", Key: {} };
  cyclic.self = cyclic;
  assertThrows(() => buildRequest("GetItem", cyclic), ValidationError);
});

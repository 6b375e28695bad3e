import fc from "fast-check";
import { assertEquals, assertNotEquals, assertThrows } from "../assert.ts";
import { DynamoNumber } from "../../lib/codec/mod.ts";
import { ValidationError } from "../../lib/errors.ts";
import { numberText, oracleCanonical, rangeDouble } from "./_arbitraries.ts";

Deno.test("DynamoNumber keeps the canonical decimal string", () => {
  assertEquals(new DynamoNumber("0001.2300e2").toString(), "123");
  assertEquals(new DynamoNumber(1e21).value, "1000000000000000000000");
  assertEquals(new DynamoNumber(-0).value, "0");
  assertEquals(new DynamoNumber(2n ** 100n).value, "1267650600228229401496703205376");
  assertEquals(JSON.stringify({ n: new DynamoNumber("1.10") }), '{"n":"1.1"}');
  assertEquals(`${new DynamoNumber("5e-1")}`, "0.5");
  assertEquals(new DynamoNumber("9007199254740993").toNumber(), 9007199254740992);
  assertEquals(new DynamoNumber("9007199254740993").toBigInt(), 9007199254740993n);
  assertThrows(
    () => new DynamoNumber("1.5").toBigInt(),
    ValidationError,
    "not an integer; found 1.5",
  );
  assertEquals(new DynamoNumber("1.50"), new DynamoNumber("15e-1"));
  assertNotEquals(new DynamoNumber("1.5"), new DynamoNumber("1.51"));
});

Deno.test("DynamoNumber: any valid spelling gives decimal.js's canonical form", () => {
  fc.assert(fc.property(numberText, (t) => {
    assertEquals(new DynamoNumber(t).value, oracleCanonical(t));
  }));
  fc.assert(fc.property(rangeDouble, (x) => {
    assertEquals(Number(new DynamoNumber(x).value), x);
  }));
});

Deno.test("DynamoNumber: invalid input is a ValidationError with found and allowed", () => {
  const cases: [unknown, string, string][] = [
    ["abc", "not a number", '"abc"'],
    [NaN, "not a finite number", "NaN"],
    [1e126, "number out of range", "1e+126"],
    ["1E-131", "number out of range", '"1E-131"'],
    ["1".repeat(39), "too many significant digits", `"${"1".repeat(39)}" (39 digits)`],
    [10n ** 38n + 1n, "too many significant digits", `"${10n ** 38n + 1n}" (39 digits)`],
    [null, "not a number", "object"],
  ];
  for (const [value, message, found] of cases) {
    const e = assertThrows(() => new DynamoNumber(value as string), ValidationError);
    assertEquals(e.path, "");
    assertEquals(e.found, found);
    assertEquals(e.message.startsWith(`${message}; found ${found}; allowed: `), true, e.message);
  }
});

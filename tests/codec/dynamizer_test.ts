import { Decimal } from "decimal.js";
import { assertEquals, assertInstanceOf, assertThrows } from "../assert.ts";
import { createDynamizer, DynamoNumber } from "../../lib/codec/mod.ts";
import { ValidationError } from "../../lib/errors.ts";

Deno.test("createDynamizer binds its options to all four functions", () => {
  const d = createDynamizer({
    numbers: "decimal",
    decimal: Decimal,
    dates: "iso",
    booleans: "number",
  });
  const item = d.decodeItem({ n: { N: "0.1" }, b: { N: "1" } });
  assertInstanceOf(item.n, Decimal);
  assertEquals(String(item.n), "0.1");
  assertEquals(d.encodeItem({ d: new Date(0), t: true }), {
    d: { S: "1970-01-01T00:00:00.000Z" },
    t: { N: "1" },
  });
  assertEquals(d.encode(item.n), { N: "0.1" });
  assertInstanceOf(d.decode({ N: "1" }), Decimal);
});

Deno.test("createDynamizer: defaults, and options are checked once up front", () => {
  const d = createDynamizer();
  assertEquals(d.decode({ N: "9007199254740993" }), new DynamoNumber("9007199254740993"));
  assertThrows(() => d.encode(new Date()), ValidationError, "unsupported value");
  const e = assertThrows(() => createDynamizer({ numbers: "decimal" }), ValidationError);
  assertEquals(e.path, "options.decimal");
});

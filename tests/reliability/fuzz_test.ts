// Fuzzing with hostile input under Deno: the properties of _fuzz_properties.ts (the codec, the expression
// builders, the response parser, the client and the high-level API), each run with the standard __proto__
// accessor restored, since Deno neuters it; fuzz_runtimes_test.ts runs the same properties in Node and Bun.
import { withStandardProto } from "../_proto.ts";
import { Attr, compileExpressions, Database, ValidationError } from "../../mod.ts";
import { assertEquals, assertThrows } from "../assert.ts";
import { properties, unpolluted } from "./_fuzz_properties.ts";

for (const { name, run } of properties) {
  Deno.test(name, () => withStandardProto(() => unpolluted(run)));
}

Deno.test("fuzz regression: a bigint or odd object as a path element or attribute type is a ValidationError", () => {
  for (const bad of [1n, Symbol("s"), Object.create(null), { toJSON: () => 1n }]) {
    const e = assertThrows(
      () => compileExpressions({ condition: Attr(["a", bad] as never).exists() }),
      ValidationError,
      "invalid path",
    );
    assertEquals(e.found?.startsWith('["a",'), true, e.found);
    assertThrows(
      () => Attr("a").attributeType(bad as never),
      ValidationError,
      "unknown attribute type",
    );
  }
});

Deno.test("fuzz regression: a query page whose Count, ScannedCount or capacity is not a number still pages by its items", async () => {
  const odd = { toString: "" };
  const body = JSON.stringify({
    Items: [{ pk: { S: "a" }, n: { N: "1" } }, { pk: { S: "a" }, n: { N: "2" } }],
    Count: odd,
    ScannedCount: "7",
    ConsumedCapacity: { CapacityUnits: odd },
  });
  const db = new Database({
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    validateChecksums: false,
    fetch: () => Promise.resolve(new Response(body)),
  });
  const pages = db.table("things", { partitionKey: ["pk", "S"] }).query("a");
  const items = [];
  for await (const item of pages) items.push(item);
  assertEquals(items, [{ pk: "a", n: 1 }, { pk: "a", n: 2 }]);
  assertEquals([pages.count, pages.scannedCount, pages.consumedCapacity], [2, 2, 0]);
});

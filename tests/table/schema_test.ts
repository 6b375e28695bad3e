// buildKey: keys as objects, values and pairs, checked against the schema's types (boto's
// build_key_from_values), with a property test over random values of every type.
import fc from "fast-check";
import { assertEquals, assertThrows } from "../assert.ts";
import { DynamoNumber, encode } from "../../lib/codec/mod.ts";
import { ValidationError } from "../../lib/errors.ts";
import { buildKey, type KeySchema, type KeyType } from "../../lib/table/schema.ts";

const composite: KeySchema = { partitionKey: ["user", "S"], sortKey: ["ts", "N"] };

Deno.test("objects (extra attributes ignored), values and pairs give the same key", () => {
  const want = { user: { S: "ann" }, ts: { N: "7" } };
  assertEquals(buildKey(composite, ["ann", 7]), want);
  assertEquals(buildKey(composite, { ts: 7, user: "ann", other: [1] }), want);
  assertEquals(buildKey(composite, ["ann", 7n]), want);
  assertEquals(buildKey(composite, ["ann", new DynamoNumber("7.0")]), want);
  assertEquals(buildKey({ partitionKey: ["id", "B"] }, new Uint8Array([255])), {
    id: { B: "/w==" },
  });
  assertEquals(
    buildKey({ partitionKey: ["id", "N"] }, Object.assign(Object.create(null), { id: 1 })),
    {
      id: { N: "1" },
    },
  );
});

Deno.test("numbers follow the codec options", () => {
  assertThrows(() => buildKey({ partitionKey: ["d", "S"] }, new Date(0)), ValidationError);
  assertEquals(buildKey({ partitionKey: ["d", "S"] }, new Date(0), { dates: "iso" }), {
    d: { S: "1970-01-01T00:00:00.000Z" },
  });
  assertEquals(buildKey({ partitionKey: ["d", "N"] }, new Date(5000), { dates: "epochSeconds" }), {
    d: { N: "5" },
  });
});

Deno.test("every mismatch is a ValidationError with path, found and allowed", () => {
  const cases: [unknown, string, string, string][] = [
    [["ann"], "", "1 values", "[user, ts]"],
    [["ann", 1, 2], "", "3 values", "[user, ts]"],
    ["ann", "ts", "a single value", "[user, ts] or { user, ts }"],
    [{ user: "ann" }, "ts", "nothing", "N"],
    [{ ts: 1 }, "user", "nothing", "S"],
    [{ user: "ann", ts: "1" }, "ts", "S", "N"],
    [{ user: 1, ts: 1 }, "user", "N", "S"],
    [{ user: true, ts: 1 }, "user", "BOOL", "S"],
    [{ user: ["a"], ts: 1 }, "user", "L", "S"],
    [{ user: "", ts: 1 }, "user", "an empty value", "a non-empty string or binary"],
    [{ user: "a", ts: NaN }, "", "", ""],
  ];
  for (const [key, path, found, allowed] of cases) {
    const error = assertThrows(() => buildKey(composite, key as never), ValidationError);
    if (path || found) {
      assertEquals([error.path, error.found, error.allowed], [path, found, allowed]);
    }
  }
});

Deno.test("property: a value is accepted exactly when the codec encodes it as the schema's non-empty type", () => {
  const value = fc.oneof(
    fc.string({ maxLength: 4 }),
    fc.integer(),
    fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
    fc.uint8Array({ maxLength: 3 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 2 }),
  );
  fc.assert(
    fc.property(value, fc.constantFrom<KeyType>("S", "N", "B"), (v, type) => {
      const av: Record<string, unknown> = encode(v);
      const ok = Object.keys(av)[0] === type && av[type] !== "";
      let accepted: unknown;
      try {
        accepted = buildKey({ partitionKey: ["k", type] }, { k: v });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        assertEquals(error.path, "k");
      }
      assertEquals(accepted !== undefined, ok);
      if (ok) assertEquals(accepted, { k: av });
    }),
    { numRuns: 500 },
  );
});

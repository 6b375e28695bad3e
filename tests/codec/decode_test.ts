import { Decimal } from "decimal.js";
import { assertEquals, assertInstanceOf, assertStrictEquals, assertThrows } from "../assert.ts";
import { decode, decodeItem, DynamoNumber } from "../../lib/codec/mod.ts";
import { ValidationError } from "../../lib/errors.ts";
import type { AttributeMap, AttributeValue, CodecOptions } from "../../lib/codec/mod.ts";

/** The wire comes from JSON.parse: the decoder must accept anything and validate it. */
function wire(json: string): AttributeValue {
  return JSON.parse(json);
}

function rejects(
  av: unknown,
  path: string,
  message: string,
  found: string,
  allowed: string,
  options?: CodecOptions,
): void {
  const e = assertThrows(() => decode(wire(JSON.stringify(av)), options), ValidationError);
  assertEquals(
    { path: e.path, found: e.found, allowed: e.allowed, message: e.message },
    {
      path,
      found,
      allowed,
      message: `${path ? `${path}: ` : ""}${message}; found ${found}; allowed: ${allowed}`,
    },
  );
}

const AV = "exactly one of S, N, B, SS, NS, BS, BOOL, NULL, L, M";
const NUM = "a decimal number like -1.5E+3";

Deno.test("decode: number sets mixing numbers and DynamoNumbers", () => {
  const big = "12345678901234567890";
  assertEquals(decode({ NS: [big, "1", "0.5"] }), new Set([new DynamoNumber(big), 1, 0.5]));
  assertEquals(decode({ NS: ["1", big] }, { numbers: "bigint" }), new Set([1n, BigInt(big)]));
  // "lossy" is lossy: two distinct numbers may round to one double.
  assertEquals(decode({ NS: ["1", "1.00000000000000000001"] }, { numbers: "lossy" }), new Set([1]));
});

Deno.test("decode: every type", () => {
  assertEquals(decode({ S: "x" }), "x");
  assertEquals(decode({ N: "-12.50" }), -12.5);
  assertEquals(decode({ B: "AAH+/w==" }), new Uint8Array([0, 1, 254, 255]));
  assertEquals(decode({ B: "" }), new Uint8Array());
  assertEquals(decode({ SS: ["a", "b"] }), new Set(["a", "b"]));
  assertEquals(decode({ NS: ["1", "2.5"] }), new Set([1, 2.5]));
  assertEquals(
    decode({ BS: ["AQ==", "Ag=="] }),
    new Set([new Uint8Array([1]), new Uint8Array([2])]),
  );
  assertEquals(decode({ BOOL: false }), false);
  assertEquals(decode({ NULL: true }), null);
  assertEquals(decode({ L: [{ S: "a" }, { L: [] }] }), ["a", []]);
  assertEquals(decode({ M: { a: { M: {} } } }), { a: {} });
  assertEquals(decodeItem({ pk: { S: "k" }, n: { N: "1" } }), { pk: "k", n: 1 });
  assertInstanceOf(decode({ B: "AQ==" }), Uint8Array);
});

Deno.test("decode numbers: auto gives a number exactly when it holds the value", () => {
  assertStrictEquals(decode({ N: "0.1" }), 0.1);
  assertStrictEquals(decode({ N: "123456789012345" }), 123456789012345);
  assertStrictEquals(decode({ N: "9007199254740992" }), 2 ** 53);
  assertEquals(decode({ N: "9007199254740993" }), new DynamoNumber("9007199254740993"));
  assertEquals(
    decode({ N: "0.1000000000000000000001" }),
    new DynamoNumber("0.1000000000000000000001"),
  );
  assertStrictEquals(decode({ N: "1.5E+3" }), 1500);
  assertStrictEquals(decode({ N: "1000000000000000000000" }), 1e21);
  assertStrictEquals(decode({ N: "0.0000001" }), 1e-7);
  // 38 nines round to 1E+126 as a double: out of range, so not a number.
  assertEquals(decode({ N: "9".repeat(38) }), new DynamoNumber("9".repeat(38)));
  assertEquals(
    decode({ N: `9.${"9".repeat(37)}E+125` }),
    new DynamoNumber(`9.${"9".repeat(37)}E+125`),
  );
});

Deno.test("decode numbers: the six modes", () => {
  const exact = "12345678901234567890.5";
  const int = "123456789012345678901234567890";
  const byMode = (numbers: CodecOptions["numbers"], n: string) =>
    decode({ N: n }, { numbers, decimal: Decimal });
  assertStrictEquals(byMode("number", "0.25"), 0.25);
  assertStrictEquals(byMode("lossy", exact), 12345678901234567000);
  assertStrictEquals(byMode("lossy", "0.30000000000000000001"), 0.3);
  assertEquals(byMode("exact", "1"), new DynamoNumber("1"));
  assertEquals(byMode("exact", exact), new DynamoNumber(exact));
  assertStrictEquals(byMode("bigint", int), 123456789012345678901234567890n);
  assertStrictEquals(byMode("bigint", "7"), 7n);
  assertStrictEquals(byMode("bigint", "1E+3"), 1000n);
  assertStrictEquals(byMode("bigint", "0.5"), 0.5);
  assertEquals(byMode("bigint", exact), new DynamoNumber(exact));
  const d = byMode("decimal", exact);
  assertInstanceOf(d, Decimal);
  assertEquals(d.toFixed(), exact);
  assertEquals(decode({ NS: ["1", "2"] }, { numbers: "bigint" }), new Set([1n, 2n]));
  rejects(
    { N: "9007199254740993" },
    "",
    "number would lose digits",
    "9007199254740993",
    "numbers a JS number holds exactly",
    { numbers: "number" },
  );
  rejects(
    { M: { a: { L: [{ N: "0.1000000000000000000001" }] } } },
    "a[0]",
    "number would lose digits",
    "0.1000000000000000000001",
    "numbers a JS number holds exactly",
    { numbers: "number" },
  );
});

Deno.test("decode: malformed AttributeValues name their path", () => {
  rejects("x", "", "not an AttributeValue", 'a string "x"', AV);
  rejects(null, "", "not an AttributeValue", "null", AV);
  rejects([], "", "not an AttributeValue", "an array", AV);
  rejects([{ S: "x" }], "", "not an AttributeValue", "an array", AV);
  rejects({}, "", "not an AttributeValue", "no keys", AV);
  rejects({ S: "a", N: "1" }, "", "not an AttributeValue", "keys S, N", AV);
  rejects({ M: { a: { L: [{ X: 1 }] } } }, "a[0]", "unknown AttributeValue type", '"X"', AV);
  rejects({ M: { a: 1 } }, "a", "not an AttributeValue", "1", AV);
  rejects({ S: 1 }, "", "bad S value", "1", "a string");
  rejects({ N: 1 }, "", "bad N value", "1", "a string");
  rejects({ BOOL: "true" }, "", "bad BOOL value", 'a string "true"', "true or false");
  rejects({ NULL: false }, "", "bad NULL value", "false", "true");
  rejects({ L: {} }, "", "bad L value", "an object", "an array");
  rejects({ M: [] }, "", "bad M value", "an array", "an object");
  rejects({ B: 5 }, "", "bad B value", "5", "a string");
  rejects({ SS: "a" }, "", "bad SS value", 'a string "a"', "a non-empty array of strings");
  rejects({ NS: [] }, "", "bad NS value", "an array", "a non-empty array of strings");
  rejects({ SS: ["a", 1] }, "[1]", "bad SS value", "1", "a string");
});

Deno.test("decode: bad base64 and malformed numbers", () => {
  for (
    const b of ["abc", "a===", "AQ=", "A@==", "AQ==AQ==", "AR==", "AQI", "QUJ=", "Zg= =", "ÿÿÿÿ"]
  ) {
    rejects(
      { L: [{ B: b }] },
      "[0]",
      "bad base64",
      `a string ${JSON.stringify(b)}`,
      "padded standard base64",
    );
  }
  rejects(
    { BS: ["AQ==", "!!!!"] },
    "[1]",
    "bad base64",
    'a string "!!!!"',
    "padded standard base64",
  );
  rejects({ N: "1e" }, "", "not a number", '"1e"', NUM);
  rejects({ N: "" }, "", "not a number", '""', NUM);
  rejects({ N: " 1" }, "", "not a number", '" 1"', NUM);
  rejects({ N: "0x1" }, "", "not a number", '"0x1"', NUM);
  rejects({ NS: ["1", "x"] }, "[1]", "not a number", '"x"', NUM);
  const e = assertThrows(() => decode({ N: "1".repeat(39) }), ValidationError);
  assertEquals(e.message.startsWith("too many significant digits"), true);
});

Deno.test("decode: duplicate set elements are an error, not a silent loss", () => {
  const big = "12345678901234567890";
  rejects(
    { NS: [big, "1.2345678901234567890E19"] },
    "[1]",
    "duplicate Set element",
    'a string "1.2345678901234567890E19"',
    "distinct elements",
  );
  rejects(
    { NS: ["2", big, "2.0"] },
    "[2]",
    "duplicate Set element",
    'a string "2.0"',
    "distinct elements",
  );
  rejects(
    { NS: ["1", "1e0"] },
    "[1]",
    "duplicate Set element",
    'a string "1e0"',
    "distinct elements",
    { numbers: "exact" },
  );
  rejects({ SS: ["a", "a"] }, "[1]", "duplicate Set element", 'a string "a"', "distinct elements");
  rejects(
    { NS: ["1", "1.0"] },
    "[1]",
    "duplicate Set element",
    'a string "1.0"',
    "distinct elements",
  );
  rejects(
    { BS: ["AQ==", "AQ=="] },
    "[1]",
    "duplicate Set element",
    'a string "AQ=="',
    "distinct elements",
  );
});

Deno.test("decode: nesting deeper than 32 levels is an error, not a stack overflow", () => {
  let av: AttributeValue = { N: "1" };
  for (let i = 0; i < 33; i++) av = { L: [av] };
  assertEquals(Array.isArray(decode(av)), true);
  for (let i = 0; i < 10_000; i++) av = { M: { a: av } };
  const e = assertThrows(() => decode(av), ValidationError, "nested too deep");
  assertEquals(e.path, Array(33).fill("a").join("."));
});

Deno.test("decodeItem: the record must be an object", () => {
  for (const [value, found] of [[null, "null"], [[], "an array"], ["x", 'a string "x"']] as const) {
    const e = assertThrows(() => decodeItem(JSON.parse(JSON.stringify(value))), ValidationError);
    assertEquals(e.found, found);
    assertEquals(e.message.startsWith("an item must be an object"), true);
  }
  const e = assertThrows(
    () => decodeItem(wire('{"a":{"M":{"b c":{"L":[{"N":"x"}]}}}}') as unknown as AttributeMap),
    ValidationError,
  );
  assertEquals(e.path, 'a["b c"][0]');
});

Deno.test("decode: options are checked", () => {
  const cases: [unknown, string, string, string][] = [
    [
      { numbers: "float" },
      "options.numbers",
      '"float"',
      '"auto", "number", "lossy", "exact", "bigint", "decimal"',
    ],
    [{ numbers: "decimal" }, "options.decimal", "undefined", "decimal.js's Decimal constructor"],
    [{ decimal: "Decimal" }, "options.decimal", "string", "decimal.js's Decimal constructor"],
    [{ booleans: true }, "options.booleans", "boolean", '"bool", "number"'],
    [
      { dates: "unix" },
      "options.dates",
      '"unix"',
      '"reject", "iso", "epochSeconds", "epochMillis"',
    ],
    [{ classInstances: "object" }, "options.classInstances", '"object"', '"reject", "map"'],
    [{ emptySets: "null" }, "options.emptySets", '"null"', '"reject", "drop"'],
    ["auto", "options", "string", "an object"],
    [null, "options", "null", "an object"],
  ];
  for (const [options, path, found, allowed] of cases) {
    const e = assertThrows(() => decode({ S: "x" }, options as CodecOptions), ValidationError);
    assertEquals({ path: e.path, found: e.found, allowed: e.allowed }, { path, found, allowed });
  }
});

Deno.test("decode: each binary owns its ArrayBuffer (no view into shared memory)", () => {
  const item = decodeItem({ a: { B: "AAEC" }, b: { B: "AwQ=" }, s: { BS: ["BQ==", "BgcICQ=="] } });
  const all = [item.a, item.b, ...(item.s as Set<Uint8Array>)] as Uint8Array[];
  assertEquals(all.map((u) => [u.byteOffset, u.buffer.byteLength]), [[0, 3], [0, 2], [0, 1], [
    0,
    4,
  ]]);
  assertEquals(new Set(all.map((u) => u.buffer)).size, 4);
});

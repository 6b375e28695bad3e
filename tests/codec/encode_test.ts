import { Decimal } from "decimal.js";
import { assertEquals, assertInstanceOf, assertStrictEquals, assertThrows } from "../assert.ts";
import { DynamoNumber, encode, encodeItem } from "../../lib/codec/mod.ts";
import { ValidationError } from "../../lib/errors.ts";
import type { CodecOptions } from "../../lib/codec/mod.ts";

class Point {
  constructor(public x: number, public y: number) {}
  get sum(): number {
    return this.x + this.y;
  }
}

/** Asserts that encoding throws a ValidationError with exactly this path, found, allowed and message. */
function rejects(
  value: unknown,
  path: string,
  message: string,
  found: string,
  options?: CodecOptions,
): ValidationError {
  const error = assertThrows(() => encode(value, options), ValidationError);
  assertEquals(error.path, path);
  assertEquals(error.found, found);
  assertEquals(
    error.message.startsWith(
      path
        ? `${path}: ${message}; found ${found}; allowed: `
        : `${message}; found ${found}; allowed: `,
    ),
    true,
    error.message,
  );
  return error;
}

const ALLOWED =
  "string, number, bigint, boolean, null, DynamoNumber, Decimal, Uint8Array, ArrayBuffer, Set, array, plain object or Map";

Deno.test("encode: scalars", () => {
  assertEquals(encode("héllo"), { S: "héllo" });
  assertEquals(encode(""), { S: "" });
  assertEquals(encode(42), { N: "42" });
  assertEquals(encode(-1.5), { N: "-1.5" });
  assertEquals(encode(12345678901234567890123456789012345678n), {
    N: "12345678901234567890123456789012345678",
  });
  assertEquals(encode(new DynamoNumber("1.50")), { N: "1.5" });
  assertEquals(encode(true), { BOOL: true });
  assertEquals(encode(false), { BOOL: false });
  assertEquals(encode(null), { NULL: true });
});

Deno.test("encode: decimal.js Decimals are recognised without importing decimal.js", () => {
  assertEquals(encode(new Decimal("1.23456789012345678901234567890")), {
    N: "1.2345678901234567890123456789",
  });
  assertEquals(encode(new Decimal("1e21")), { N: "1000000000000000000000" });
  assertEquals(encode(new Decimal("-1e-7")), { N: "-0.0000001" });
  assertEquals(encode(new Set([new Decimal(1), new Decimal("2.5")])), { NS: ["1", "2.5"] });
  // A Decimal subclass made with Decimal.clone() is recognised too.
  const D2 = Decimal.clone({ precision: 50 });
  assertEquals(encode(new D2("3.14")), { N: "3.14" });
  rejects(new Decimal(NaN), "", "not a number", '"NaN"');
  rejects(new Decimal(Infinity), "", "not a number", '"Infinity"');
  rejects(
    new Decimal("1".repeat(39)),
    "",
    "too many significant digits",
    `"1.${"1".repeat(38)}e+38" (39 digits)`,
  );
});

Deno.test("encode: binaries of every kind become base64 B", () => {
  assertEquals(encode(new Uint8Array([0, 1, 254, 255])), { B: "AAH+/w==" });
  assertEquals(encode(new Uint8Array()), { B: "" });
  assertEquals(encode(new Uint8Array([1, 2, 3]).buffer), { B: "AQID" });
  assertEquals(encode(new Uint16Array([0x0201])), { B: "AQI=" });
  assertEquals(encode(new DataView(new Uint8Array([9, 8, 7, 6]).buffer, 1, 2)), { B: "CAc=" });
  assertEquals(encode(new Uint8Array([5, 6, 7, 8]).subarray(1, 3)), { B: "Bgc=" });
  const big = new Uint8Array(200_000).map((_, i) => i * 7);
  const av = encode(big);
  assertEquals("B" in av && atob(av.B).length, 200_000);
});

Deno.test("encode: sets", () => {
  assertEquals(encode(new Set(["b", "a"])), { SS: ["b", "a"] });
  assertEquals(encode(new Set([1, 2n, new DynamoNumber("3.0"), 0.5])), {
    NS: ["1", "2", "3", "0.5"],
  });
  assertEquals(encode(new Set([new Uint8Array([1]), new Uint8Array([2]).buffer])), {
    BS: ["AQ==", "Ag=="],
  });
  assertEquals(encode(new Set([""])), { SS: [""] });
});

Deno.test("encode: lists, maps, Maps; undefined left out of maps", () => {
  assertEquals(encode([1, "a", [null]]), { L: [{ N: "1" }, { S: "a" }, { L: [{ NULL: true }] }] });
  assertEquals(encode({ a: 1, b: undefined, c: { d: [] } }), {
    M: { a: { N: "1" }, c: { M: { d: { L: [] } } } },
  });
  assertEquals(encode(new Map<string, unknown>([["k", 1], ["u", undefined]])), {
    M: { k: { N: "1" } },
  });
  assertEquals(encode(Object.assign(Object.create(null), { a: "x" })), { M: { a: { S: "x" } } });
  assertEquals(encodeItem({ pk: "a", n: undefined }), { pk: { S: "a" } });
  assertEquals(encodeItem(new Map([["pk", "a"]])), { pk: { S: "a" } });
});

Deno.test("encode: plain objects from another realm are maps", () => {
  const foreign = new Function("return { a: 1 }");
  assertEquals(encode(foreign()), { M: { a: { N: "1" } } });
});

Deno.test("encode: booleans option", () => {
  assertEquals(encode([true, false], { booleans: "number" }), { L: [{ N: "1" }, { N: "0" }] });
  assertEquals(encode(true, { booleans: "bool" }), { BOOL: true });
});

Deno.test("encode: dates option", () => {
  const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
  rejects(date, "", "unsupported value", "a Date");
  assertEquals(encode(date, { dates: "iso" }), { S: "2024-01-02T03:04:05.678Z" });
  assertEquals(encode(date, { dates: "epochMillis" }), { N: "1704164645678" });
  assertEquals(encode(date, { dates: "epochSeconds" }), { N: "1704164645.678" });
  rejects({ when: new Date(NaN) }, "when", "invalid Date", "an invalid Date", { dates: "iso" });
  const e = rejects({ d: date }, "d", "unsupported value", "a Date");
  assertEquals(e.allowed, `${ALLOWED} (or the dates option)`);
});

Deno.test("encode: classInstances option", () => {
  const e = rejects({ p: new Point(1, 2) }, "p", "unsupported value", "a Point");
  assertEquals(e.allowed, `${ALLOWED} (or classInstances: "map")`);
  assertEquals(encode(new Point(1, 2), { classInstances: "map" }), {
    M: { x: { N: "1" }, y: { N: "2" } },
  });
  rejects(new (class {})(), "", "unsupported value", "an object");
});

Deno.test("encode: emptySets option", () => {
  rejects({ s: new Set() }, "s", "empty Set", "an empty Set");
  assertEquals(encode({ s: new Set(), t: 1 }, { emptySets: "drop" }), { M: { t: { N: "1" } } });
  assertEquals(encodeItem({ s: new Set() }, { emptySets: "drop" }), {});
  rejects([new Set()], "[0]", "only map values can be left out", "an empty Set", {
    emptySets: "drop",
  });
  rejects(new Set(), "", "only map values can be left out", "an empty Set", {
    emptySets: "drop",
  });
});

Deno.test("encode: every rejected value names its path, what was found and what is allowed", () => {
  rejects(undefined, "", "only map values can be left out", "undefined");
  rejects({ a: [1, undefined] }, "a[1]", "only map values can be left out", "undefined");
  rejects({ f: () => 1 }, "f", "unsupported value", "a function");
  rejects({ s: Symbol("x") }, "s", "unsupported value", "a symbol");
  rejects({ a: { b: [0, NaN] } }, "a.b[1]", "not a finite number", "NaN");
  rejects([Infinity], "[0]", "not a finite number", "Infinity");
  rejects(-Infinity, "", "not a finite number", "-Infinity");
  rejects({ "odd key": { n: 1e126 } }, '["odd key"].n', "number out of range", "1e+126");
  rejects({ n: -5e-324 }, "n", "number out of range", "-5e-324");
  rejects(10n ** 38n + 1n, "", "too many significant digits", `"${10n ** 38n + 1n}" (39 digits)`);
  rejects(-(10n ** 126n), "", "number out of range", `"-1${"0".repeat(48)}…"`);
  rejects(new Map<unknown, unknown>([[1, "a"]]), "", "Map keys must be strings", "1");
  rejects(new Map([["k", [Symbol.iterator]]]), "k[0]", "unsupported value", "a symbol");
  rejects(new Set([1, "a"]), "", "bad Set element", 'a string "a" in a Set of numbers');
  rejects(new Set(["a", 1]), "", "bad Set element", "1 in a Set of strings");
  rejects(new Set([new Uint8Array(1), 2]), "", "bad Set element", "2 in a Set of binaries");
  rejects(new Set([true]), "", "bad Set element", "true");
  rejects(new Set([null]), "", "bad Set element", "null");
  rejects(new Set([{}]), "", "bad Set element", "an object");
  rejects(new Set([1, 1n]), "", "duplicate Set element", "1 twice");
  rejects(
    new Set([new Uint8Array([1]), new Uint8Array([1])]),
    "",
    "duplicate Set element",
    "AQ== twice",
  );
  rejects(new WeakMap(), "", "unsupported value", "a WeakMap");
  rejects(new Date(0), "", "unsupported value", "a Date");
});

Deno.test("encode: nesting deeper than 32 levels and cycles are rejected", () => {
  let deep: unknown = 1;
  for (let i = 0; i < 33; i++) deep = [deep];
  assertEquals("L" in encode(deep), true);
  deep = [deep];
  const e = assertThrows(() => encode(deep), ValidationError, "nested too deep");
  assertEquals(e.path, "[0]".repeat(33));
  const cycle: Record<string, unknown> = { a: 1 };
  cycle.self = cycle;
  assertThrows(() => encode(cycle), ValidationError, "nested too deep");
});

Deno.test("encodeItem: the item must be a map", () => {
  for (
    const [value, found] of [[[1], "an array"], ["s", "s".length ? 'a string "s"' : ""], [
      null,
      "null",
    ]] as const
  ) {
    const e = assertThrows(() => encodeItem(value as object), ValidationError);
    assertEquals(e.message.startsWith("an item must be a map"), true, e.message);
    assertEquals(e.found, found);
  }
  const e = assertThrows(() => encodeItem({ a: { b: new Set([1, "x"]) } }), ValidationError);
  assertEquals(e.path, "a.b");
});

Deno.test("encode: errors thrown by getters pass through unchanged", () => {
  const item = {
    get boom(): string {
      throw new TypeError("getter failed");
    },
  };
  const e = assertThrows(() => encodeItem(item), TypeError, "getter failed");
  assertInstanceOf(e, TypeError);
});

Deno.test("encode: output maps are plain objects", () => {
  const m = encodeItem({ a: 1 });
  assertStrictEquals(Object.getPrototypeOf(m), Object.prototype);
});

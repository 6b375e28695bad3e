import fc from "fast-check";
import { assertEquals, assertOk, assertStrictEquals, assertThrows } from "../assert.ts";
import {
  bigintToString,
  normalizeNumber,
  numberToString,
  shortCanonicalValue,
} from "../../lib/codec/numbers.ts";
import { Fault } from "../../lib/codec/_fault.ts";
import { decode, DynamoNumber, encode } from "../../lib/codec/mod.ts";
import { ValidationError } from "../../lib/errors.ts";
import { numberText, oracleCanonical, rangeDouble } from "./_arbitraries.ts";

const NINES_38 = "9".repeat(38);
const MAX = `9.${"9".repeat(37)}E+125`;
const MAX_TEXT = NINES_38 + "0".repeat(88);
const MIN_TEXT = `0.${"0".repeat(129)}1`;

function faultOf(fn: () => unknown): Fault {
  try {
    fn();
  } catch (error) {
    if (error instanceof Fault) return error;
    throw error;
  }
  throw new Error("expected a Fault");
}

function rejects(text: string, message: string): void {
  assertEquals(faultOf(() => normalizeNumber(text)).message, message, text);
}

Deno.test("normalizeNumber: canonical forms of exponent and zero-padded spellings", () => {
  const cases: [string, string][] = [
    ["1.5E+3", "1500"],
    ["1.5e3", "1500"],
    ["15e-1", "1.5"],
    ["+.5", "0.5"],
    ["5.", "5"],
    ["-0.50", "-0.5"],
    ["007", "7"],
    ["-0", "0"],
    ["-0.000e-5", "0"],
    ["0e999999999999999999999", "0"],
    ["1.000000000000000000000000000000000000000000000", "1"],
    ["100000000000000000000000000000000000000000", "1" + "0".repeat(41)],
    ["0." + "0".repeat(1000), "0"],
    ["0".repeat(5000) + "12", "12"],
    ["123.456e-2", "1.23456"],
    ["123.456E2", "12345.6"],
    ["-1E-130", "-" + MIN_TEXT],
    ["1e-130", MIN_TEXT],
    [MAX, MAX_TEXT],
    ["-" + MAX, "-" + MAX_TEXT],
    ["1" + "0".repeat(125), "1" + "0".repeat(125)],
    [NINES_38, NINES_38],
    ["0." + NINES_38, "0." + NINES_38],
  ];
  for (const [text, expected] of cases) assertEquals(normalizeNumber(text), expected, text);
});

Deno.test("normalizeNumber: 38 significant digits pass, 39 are rejected, never rounded", () => {
  assertEquals(
    normalizeNumber("12345678901234567890123456789012345678"),
    "12345678901234567890123456789012345678",
  );
  rejects("123456789012345678901234567890123456789", "too many significant digits");
  rejects("1.00000000000000000000000000000000000001", "too many significant digits");
  rejects("1" + "0".repeat(37) + "1", "too many significant digits");
  assertEquals(normalizeNumber("1" + "0".repeat(36) + "1"), "1" + "0".repeat(36) + "1");
  rejects("9." + "9".repeat(38) + "E+125", "too many significant digits");
});

Deno.test("normalizeNumber: magnitude 1E-130 to 9.99..E+125", () => {
  rejects("1E-131", "number out of range");
  rejects("0.99E-130", "number out of range");
  rejects("1E+126", "number out of range");
  rejects("-1E+126", "number out of range");
  rejects("1" + "0".repeat(126), "number out of range");
  rejects("1e99999999999999999999", "number out of range");
  rejects("1e-99999999999999999999", "number out of range");
});

Deno.test("normalizeNumber: malformed texts are rejected", () => {
  for (
    const text of [
      "",
      ".",
      "-",
      "+",
      "e5",
      ".e1",
      "1e",
      "1e+",
      "--1",
      " 1",
      "1 ",
      "1_000",
      "0x10",
      "NaN",
      "Infinity",
      "1.2.3",
      "1e1.5",
      "١",
    ]
  ) rejects(text, "not a number");
});

Deno.test("normalizeNumber agrees with decimal.js on every valid spelling, and is idempotent", () => {
  fc.assert(fc.property(numberText, (text) => {
    const canonical = normalizeNumber(text);
    assertEquals(canonical, oracleCanonical(text));
    assertEquals(normalizeNumber(canonical), canonical);
  }));
});

Deno.test("numberToString: the shortest round-trip decimal, positional", () => {
  const cases: [number, string][] = [
    [0, "0"],
    [-0, "0"],
    [0.1, "0.1"],
    [2 ** 53 - 1, "9007199254740991"],
    [2 ** 53 + 2, "9007199254740994"],
    [-(2 ** 53 - 1), "-9007199254740991"],
    [1e21, "1000000000000000000000"],
    [1.5e-7, "0.00000015"],
    [0.000001, "0.000001"],
    [1e-130, MIN_TEXT],
    // The largest double below 1E+126.
    [1e126 - 2 ** 366, "9999999999999998" + "0".repeat(110)],
    [123456789.123, "123456789.123"],
  ];
  for (const [n, expected] of cases) assertEquals(numberToString(n), expected, String(n));
});

Deno.test("numberToString: NaN, infinities and out-of-range numbers are rejected", () => {
  for (const n of [NaN, Infinity, -Infinity]) {
    assertEquals(faultOf(() => numberToString(n)).message, "not a finite number");
  }
  for (const n of [5e-324, 1e-131, 9.99e-131, 1e126, -1e126, Number.MAX_VALUE, -Number.MIN_VALUE]) {
    assertEquals(faultOf(() => numberToString(n)).message, "number out of range");
  }
});

Deno.test("numberToString: every double in range round-trips and matches decimal.js", () => {
  fc.assert(fc.property(rangeDouble, (x) => {
    const s = numberToString(x);
    assertStrictEquals(Number(s), x);
    assertEquals(s, oracleCanonical(String(x)));
    assertEquals(s.includes("e"), false);
  }));
});

Deno.test("bigintToString: exact digits up to 38 significant, trailing zeros free", () => {
  assertEquals(bigintToString(2n ** 53n + 1n), "9007199254740993");
  assertEquals(bigintToString(-(10n ** 37n) * 9n), "-9" + "0".repeat(37));
  assertEquals(bigintToString(10n ** 125n), "1" + "0".repeat(125));
  assertEquals(bigintToString(10n ** 38n - 1n), NINES_38);
  assertEquals(
    faultOf(() => bigintToString(10n ** 38n + 1n)).message,
    "too many significant digits",
  );
  assertEquals(
    faultOf(() => bigintToString(10n ** 126n)).message,
    "number out of range",
  );
  fc.assert(fc.property(fc.bigInt({ min: -(10n ** 38n) + 1n, max: 10n ** 38n - 1n }), (b) => {
    assertEquals(BigInt(bigintToString(b)), b);
  }));
});

Deno.test("encode and decode at the number boundaries", () => {
  assertEquals(encode(-0), { N: "0" });
  assertStrictEquals(decode({ N: "-0" }), 0);
  assertStrictEquals(decode({ N: "0" }), 0);
  assertStrictEquals(decode({ N: "9007199254740991" }), 2 ** 53 - 1);
  assertEquals(encode(2n ** 53n + 1n), { N: "9007199254740993" });
  assertEquals(decode({ N: "9007199254740993" }), new DynamoNumber("9007199254740993"));
  assertStrictEquals(decode({ N: "0.1" }), 0.1);
  assertEquals(encode(1e21), { N: "1000000000000000000000" });
  assertStrictEquals(decode({ N: "1e21" }), 1e21);
  assertStrictEquals(decode({ N: MIN_TEXT }), 1e-130);
  assertEquals(decode({ N: "1E-130" }), 1e-130);
  assertEquals(decode({ N: MAX }), new DynamoNumber(MAX_TEXT));
  const e = assertThrows(() => encode(5e-324), ValidationError);
  assertEquals(
    e.message,
    "number out of range; found 5e-324; allowed: at most 38 significant digits, magnitude 1E-130 to below 1E+126, or 0",
  );
  assertThrows(() => decode({ N: "1E-131" }), ValidationError, "number out of range");
  assertThrows(() => decode({ N: "1E+126" }), ValidationError, "number out of range");
  assertThrows(() => decode({ N: "1" + "2".repeat(38) }), ValidationError, "(39 digits)");
});

Deno.test("shortCanonicalValue: exactly the canonical numbers of at most 15 characters, valued as Number() does", () => {
  const reference = (s: string) =>
    s.length <= 15 && s !== "-0" && /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/.test(s);
  const cases = [
    "0",
    "-0",
    "7",
    "-12",
    "0.5",
    "-0.05",
    "1.50",
    "01",
    "1.",
    ".5",
    "1e5",
    "-",
    "",
    "0.0",
    "10",
    "100.001",
    "123456789012345",
    "1234567890123456",
    "0.00000000001",
    "--1",
    "1-",
    "+1",
    "1.2.3",
    "0.",
    "-.5",
    "9.9",
  ];
  // NaN for every text that is not short and canonical; otherwise the very double Number() gives.
  const check = (s: string) => {
    const value = shortCanonicalValue(s);
    assertEquals(!Number.isNaN(value), reference(s), s);
    if (reference(s)) assertOk(Object.is(value, Number(s)), s);
    return value;
  };
  for (const s of cases) check(s);
  const text = fc.oneof(
    numberText,
    numberText.map(oracleCanonical),
    rangeDouble.map(numberToString),
    fc.integer({ min: -(10 ** 14), max: 10 ** 15 }).chain((m) =>
      fc.nat(14).map((k) => numberToString(m / 10 ** k))
    ),
    fc.string({ unit: fc.constantFrom("0", "1", "9", ".", "-", "e", "+", "a"), maxLength: 17 }),
  );
  fc.assert(
    fc.property(text, (s) => {
      // A short canonical text is exactly a JS number.
      if (!Number.isNaN(check(s))) assertEquals(numberToString(Number(s)), s);
    }),
    { numRuns: 3000 },
  );
});

// Arbitraries shared by the codec tests. Expected canonical numbers come from decimal.js, an oracle
// independent of lib/codec/numbers.ts.
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { DynamoNumber } from "../../lib/codec/mod.ts";
import type { AttributeValue } from "../../lib/codec/mod.ts";
import { encodeBase64 } from "../../lib/codec/base64.ts";

/** The canonical decimal string of a number text, by decimal.js. */
export function oracleCanonical(text: string): string {
  const d = new Decimal(text);
  return d.isZero() ? "0" : d.toFixed();
}

/** Digit strings of `min` to `max` digits, the first non-zero, any length equally likely. */
function digits(min: number, max: number): fc.Arbitrary<string> {
  return fc.integer({ min, max }).chain((n) =>
    fc.tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n - 1, maxLength: n - 1 }),
    ).map(([a, rest]) => `${a}${rest.join("")}`)
  );
}

const exponent = fc.oneof(fc.integer({ min: -130, max: 125 }), fc.integer({ min: -8, max: 22 }));

/** Significant digits (first non-zero) and the scientific exponent of a valid DynamoDB number. */
const parts = fc.record({
  sign: fc.constantFrom("", "-", "+"),
  digits: fc.oneof(digits(1, 38), digits(1, 6)),
  exp: exponent,
});

/** Valid DynamoDB number texts in many spellings: exponent forms, leading and trailing zeros. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(parts, fc.integer({ min: 0, max: 3 })).map(([p, form]) => {
    const { sign, digits, exp } = p;
    const fixed = new Decimal(`${digits[0]}.${digits.slice(1)}e${exp}`).toFixed();
    switch (form) {
      case 0:
        return `${sign}${digits[0]}.${digits.slice(1)}E${exp >= 0 ? "+" : ""}${exp}`;
      case 1:
        return `${sign}${digits}e${exp - digits.length + 1}`;
      case 2:
        return sign + fixed;
      default:
        return `${sign}00${fixed}${fixed.includes(".") ? "000" : ".000"}`;
    }
  }),
  fc.constantFrom("0", "-0", "0.000", "0e5", "+0.0E-3", "000"),
);

/** Canonical number strings a JS number cannot hold exactly (18 or more significant digits). */
export const inexactCanonical: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom("", "-"),
  digits(18, 38).filter((d) => !d.endsWith("0")),
  exponent,
).map(([sign, d, exp]) => oracleCanonical(`${sign}${d[0]}.${d.slice(1)}e${exp}`));

/** Finite doubles within DynamoDB's range, without -0. */
export const rangeDouble: fc.Arbitrary<number> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer(),
  fc.maxSafeInteger(),
).filter((x) => {
  const a = Math.abs(x);
  return !Object.is(x, -0) && (a === 0 || a >= 1e-130 && a < 1e126);
});

/** Keys, including the ones that break naive object building. */
export const key: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "prototype", ""),
);

const bytes = fc.uint8Array({ maxLength: 40 });

/** JavaScript values that `decode(encode(x))` gives back unchanged in the default ("auto") mode. */
export const jsValue: fc.Arbitrary<unknown> =
  fc.letrec<{ leaf: unknown; value: unknown }>((tie) => ({
    leaf: fc.oneof(
      fc.string({ unit: "binary" }),
      rangeDouble,
      fc.boolean(),
      fc.constant(null),
      inexactCanonical.map((t) => new DynamoNumber(t)),
      bytes,
      fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 5 }).map((a) => new Set(a)),
      fc.uniqueArray(rangeDouble, { minLength: 1, maxLength: 5 }).map((a) => new Set(a)),
      fc.uniqueArray(bytes, { minLength: 1, maxLength: 5, selector: (b) => b.join() })
        .map((a) => new Set(a)),
    ),
    value: fc.oneof(
      { depthSize: "small" },
      tie("leaf"),
      fc.array(tie("value"), { maxLength: 5 }),
      fc.dictionary(key, tie("value"), { maxKeys: 5, noNullPrototype: true }),
    ),
  })).value;

/** A generated wire value and the canonical form `encode(decode(av))` must give back. */
export interface WireCase {
  av: AttributeValue;
  canonical: AttributeValue;
}

function uniqueBy<T>(arb: fc.Arbitrary<T>, selector: (t: T) => string) {
  return fc.uniqueArray(arb, { minLength: 1, maxLength: 5, selector });
}

function toMap(entries: [string, WireCase][]): WireCase {
  const av: Record<string, AttributeValue> = {};
  const canonical: Record<string, AttributeValue> = {};
  for (const [k, v] of entries) {
    Object.defineProperty(av, k, {
      value: v.av,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    Object.defineProperty(canonical, k, {
      value: v.canonical,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { av: { M: av }, canonical: { M: canonical } };
}

/** Arbitrary valid AttributeValues (numbers in any valid spelling) with their canonical forms. */
export const wireValue: fc.Arbitrary<WireCase> = fc.letrec<{ leaf: WireCase; value: WireCase }>((
  tie,
) => ({
  leaf: fc.oneof(
    fc.string({ unit: "binary" }).map((s): WireCase => ({ av: { S: s }, canonical: { S: s } })),
    numberText.map((t): WireCase => ({ av: { N: t }, canonical: { N: oracleCanonical(t) } })),
    bytes.map(encodeBase64).map((b): WireCase => ({ av: { B: b }, canonical: { B: b } })),
    fc.boolean().map((b): WireCase => ({ av: { BOOL: b }, canonical: { BOOL: b } })),
    fc.constant<WireCase>({ av: { NULL: true }, canonical: { NULL: true } }),
    uniqueBy(fc.string(), (s) => s).map((a): WireCase => ({ av: { SS: a }, canonical: { SS: a } })),
    uniqueBy(numberText, oracleCanonical).map((a): WireCase => ({
      av: { NS: a },
      canonical: { NS: a.map(oracleCanonical) },
    })),
    uniqueBy(bytes.map(encodeBase64), (s) => s).map((a): WireCase => ({
      av: { BS: a },
      canonical: { BS: a },
    })),
  ),
  value: fc.oneof(
    { depthSize: "small" },
    tie("leaf"),
    fc.array(tie("value"), { maxLength: 5 }).map((cases): WireCase => ({
      av: { L: cases.map((c) => c.av) },
      canonical: { L: cases.map((c) => c.canonical) },
    })),
    fc.uniqueArray(fc.tuple(key, tie("value")), { maxLength: 5, selector: ([k]) => k })
      .map(toMap),
  ),
})).value;

import fc from "fast-check";
import { Decimal } from "decimal.js";
import { assertEquals } from "../assert.ts";
import { compareValues } from "../../lib/expressions/_order.ts";

const sign = (n: number | undefined) => n === undefined ? undefined : Math.sign(n);

// Decimal strings in the forms DynamoDB accepts: signs, leading and trailing zeros, fractions, exponents.
const decimalText = fc.tuple(
  fc.constantFrom("", "-", "+"),
  fc.stringMatching(/^\d{0,4}$/),
  fc.option(fc.stringMatching(/^\d{0,4}$/), { nil: undefined }),
  fc.option(fc.integer({ min: -40, max: 40 }), { nil: undefined }),
).filter(([, i, f]) => (i + (f ?? "")).length > 0)
  .map(([s, i, f, e]) =>
    `${s}${i}${f === undefined ? "" : "." + f}${e === undefined ? "" : "e" + e}`
  );

Deno.test("numbers compare by value, exactly", () => {
  fc.assert(
    fc.property(decimalText, decimalText, (a, b) => {
      assertEquals(
        sign(compareValues({ N: a }, { N: b })),
        new Decimal(a).comparedTo(new Decimal(b)),
        `${a} vs ${b}`,
      );
    }),
    { numRuns: 2000 },
  );
  const big = "12345678901234567890123456789012345678";
  assertEquals(sign(compareValues({ N: big }, { N: big.slice(0, -1) + "9" })), -1);
  assertEquals(compareValues({ N: "-0" }, { N: "0.000" }), 0);
});

const utf8Order = (a: string, b: string) => {
  const x = new TextEncoder().encode(a), y = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return Math.sign(x[i] - y[i]);
  }
  return Math.sign(x.length - y.length);
};

Deno.test("strings compare by UTF-8 bytes, binaries by bytes", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
      assertEquals(sign(compareValues({ S: a }, { S: b })), utf8Order(a, b));
    }),
  );
  fc.assert(
    fc.property(fc.uint8Array(), fc.uint8Array(), (a, b) => {
      const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));
      const x = String.fromCharCode(...a), y = String.fromCharCode(...b); // code units 0-255 sort as bytes
      assertEquals(sign(compareValues({ B: b64(a) }, { B: b64(b) })), x < y ? -1 : x > y ? 1 : 0);
    }),
  );
  assertEquals(sign(compareValues({ S: "\uE000" }, { S: "\u{10000}" })), -1);
});

Deno.test("other pairs do not compare", () => {
  assertEquals(compareValues({ N: "1" }, { S: "1" }), undefined);
  assertEquals(compareValues({ S: "a" }, { B: "YQ==" }), undefined);
  assertEquals(compareValues({ BOOL: true }, { BOOL: false }), undefined);
  assertEquals(compareValues({ N: "x" }, { N: "1" }), undefined);
});

Deno.test("equal negative numbers compare as 0, not -0", () => {
  assertEquals(
    Object.is(compareValues({ N: "-2e-36" }, { N: "-0.000000000000000000000000000000000002" }), 0),
    true,
  );
});

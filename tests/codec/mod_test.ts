// Properties of the codec's public surface: round trips both ways, and agreement with the AWS SDK's
// marshall/unmarshall where both promise the same result.
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue as SdkAttributeValue } from "@aws-sdk/client-dynamodb";
import { assertEquals } from "../assert.ts";
import { decode, decodeItem, DynamoNumber, encode, encodeItem } from "../../lib/codec/mod.ts";
import type { AttributeMap, AttributeValue } from "../../lib/codec/mod.ts";
import { encodeBase64 } from "../../lib/codec/base64.ts";
import { jsValue, key, numberText, oracleCanonical, wireValue } from "./_arbitraries.ts";

Deno.test("decode(encode(x)) gives x back, over nested values of every supported kind", () => {
  fc.assert(
    fc.property(jsValue, (x) => {
      assertEquals(decode(encode(x)), x);
    }),
    { numRuns: 500 },
  );
});

Deno.test("decodeItem(encodeItem(x)) gives x back, keys like __proto__ included", () => {
  const item = fc.dictionary(key, jsValue, { maxKeys: 8, noNullPrototype: true });
  fc.assert(
    fc.property(item, (x) => {
      const back = decodeItem(encodeItem(x));
      assertEquals(back, x);
      assertEquals(Object.keys(back), Object.keys(x));
    }),
    { numRuns: 300 },
  );
});

Deno.test("round trips in the exact, bigint and decimal modes", () => {
  fc.assert(fc.property(numberText, (t) => {
    const dn = new DynamoNumber(t);
    assertEquals(decode(encode(dn), { numbers: "exact" }), dn);
    const d = decode(encode(new Decimal(t)), { numbers: "decimal", decimal: Decimal });
    assertEquals(d instanceof Decimal && d.toFixed(), oracleCanonical(t));
  }));
  fc.assert(fc.property(fc.bigInt({ min: -(10n ** 38n) + 1n, max: 10n ** 38n - 1n }), (b) => {
    assertEquals(decode(encode(b), { numbers: "bigint" }), b);
  }));
});

Deno.test("encode(decode(av)) is the canonical form of av, in every exact mode", () => {
  for (const numbers of ["auto", "exact", "bigint", "decimal"] as const) {
    fc.assert(
      fc.property(wireValue, ({ av, canonical }) => {
        const options = { numbers, decimal: Decimal };
        assertEquals(encode(decode(av, options), options), canonical);
      }),
      { numRuns: numbers === "auto" ? 500 : 150 },
    );
  }
});

Deno.test("encode(decode(av)) in lossy mode: the nearest double", () => {
  fc.assert(fc.property(numberText, (t) => {
    assertEquals(encode(decode({ N: t }, { numbers: "lossy" })), encode(Number(t)));
  }));
});

// --- Differential test against @aws-sdk/util-dynamodb ---------------------------------------------

// Both promise the same result for: strings; numbers that are safe integers or whose String() is
// positional (marshall sends String(n)); booleans; null; Uint8Array; non-empty Sets of strings or of
// such numbers; arrays without undefined; plain objects whose undefined members both leave out
// (marshall with removeUndefinedValues). Keys: marshall assigns them, so "__proto__" is left out.
const sdkNumber = fc.oneof(
  fc.maxSafeInteger(),
  fc.double({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, noNaN: true }),
).filter((x) => x === 0 || Math.abs(x) >= 1e-6);
const sdkValue = fc.letrec<{ leaf: unknown; value: unknown }>((tie) => ({
  leaf: fc.oneof(
    fc.string(),
    sdkNumber,
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 20 }),
    fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 4 }).map((a) => new Set(a)),
    fc.uniqueArray(sdkNumber, { minLength: 1, maxLength: 4 }).map((a) => new Set(a)),
  ),
  value: fc.oneof(
    { depthSize: "small" },
    tie("leaf"),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(
      fc.string().filter((k) => k !== "__proto__"),
      fc.oneof(tie("value"), fc.constant(undefined)),
      { maxKeys: 4, noNullPrototype: true },
    ),
  ),
})).value;
const sdkItem = fc.dictionary(
  fc.string().filter((k) => k !== "__proto__"),
  sdkValue,
  { maxKeys: 6, noNullPrototype: true },
);

/** The SDK's marshalled form with binaries as base64, the wire form. */
function toWire(av: SdkAttributeValue): AttributeValue {
  if (av.B !== undefined) return { B: encodeBase64(av.B) };
  if (av.BS !== undefined) return { BS: av.BS.map(encodeBase64) };
  if (av.L !== undefined) return { L: av.L.map(toWire) };
  if (av.M !== undefined) return { M: toWireMap(av.M) };
  return JSON.parse(JSON.stringify(av));
}

function toWireMap(m: Record<string, SdkAttributeValue>): AttributeMap {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, toWire(v)]));
}

Deno.test("differential: encodeItem agrees with marshall, decodeItem with unmarshall", () => {
  fc.assert(
    fc.property(sdkItem, (item) => {
      const ours = encodeItem(item);
      const sdk = marshall(item, { removeUndefinedValues: true });
      assertEquals(ours, toWireMap(sdk));
      assertEquals(decodeItem(ours), unmarshall(sdk));
    }),
    { numRuns: 500 },
  );
});

Deno.test("differential: decode agrees with unmarshall on wire numbers a double holds exactly", () => {
  const exactText = numberText.filter((t) => {
    const n = Number(t);
    // Not the same promise for "-0": unmarshall gives -0, decode gives 0 (DynamoDB has no -0).
    return !Object.is(n, -0) && Math.abs(n) <= Number.MAX_SAFE_INTEGER &&
      oracleCanonical(String(n)) === oracleCanonical(t);
  });
  fc.assert(fc.property(exactText, (t) => {
    assertEquals(decode({ N: t }), unmarshall({ n: { N: t } }).n);
  }));
});

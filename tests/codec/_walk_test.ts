import fc from "fast-check";
import { assertEquals, assertStrictEquals, assertThrows } from "../assert.ts";
import { decode, decodeItem, DynamoNumber, encodeItem } from "../../lib/codec/mod.ts";
import { ValidationError } from "../../lib/errors.ts";
import type { AttributeValue, CodecOptions } from "../../lib/codec/mod.ts";

// `run` resolves options once and reuses the result while the fields the codec reads hold the same values:
// every change must still take effect at the next call, however the field is held.

const item = { n: { N: "1" } };

Deno.test("one options object changed between calls decodes by its fields at each call", () => {
  const options: CodecOptions = { numbers: "exact" };
  assertEquals(decodeItem(item, options).n, new DynamoNumber("1"));
  assertEquals(decodeItem(item, options).n, new DynamoNumber("1"));
  options.numbers = "lossy";
  assertStrictEquals(decodeItem(item, options).n, 1);
  delete options.numbers;
  assertStrictEquals(decodeItem(item, options).n, 1);
  options.numbers = "exact";
  assertEquals(decodeItem(item, options).n, new DynamoNumber("1"));
  options.booleans = "number";
  assertEquals(encodeItem({ b: true }, options), { b: { N: "1" } });
  delete options.booleans;
  assertEquals(encodeItem({ b: true }, options), { b: { BOOL: true } });
});

Deno.test("an options object made bad after a good call is refused at the next", () => {
  const options: Record<string, unknown> = { numbers: "exact" };
  decodeItem(item, options);
  options.numbers = "nope";
  const e = assertThrows(() => decodeItem(item, options), ValidationError);
  assertEquals(e.path, "options.numbers");
  options.numbers = "number";
  options.extra = 1;
  assertStrictEquals(decodeItem(item, options).n, 1);
  options.numbers = "decimal";
  assertThrows(() => decodeItem(item, options), ValidationError);
});

Deno.test("a change to an inherited option field takes effect", () => {
  const base: CodecOptions = { numbers: "exact" };
  const options: CodecOptions = Object.create(base);
  assertEquals(decodeItem(item, options).n, new DynamoNumber("1"));
  base.numbers = "lossy";
  assertStrictEquals(decodeItem(item, options).n, 1);
});

Deno.test("calls alternating options objects, and none, each decode by their own", () => {
  const exact: CodecOptions = { numbers: "exact" };
  const lossy: CodecOptions = { numbers: "lossy" };
  const big = { N: "12345678901234567890" };
  for (let i = 0; i < 3; i++) {
    assertEquals(decode(big, exact), new DynamoNumber("12345678901234567890"));
    assertStrictEquals(decode(big, lossy), 12345678901234567000);
    assertEquals(decode(big), new DynamoNumber("12345678901234567890"));
  }
});

Deno.test("one options object changed at random between calls decodes as a fresh one would", () => {
  const modes = [null, "auto", "number", "lossy", "exact", "bigint"] as const;
  const avs = [{ N: "1" }, { N: "0.1" }, { N: "12345678901234567890" }, { N: "1.5E+300" }];
  const outcome = (av: AttributeValue, o: CodecOptions) => {
    try {
      return decode(av, o);
    } catch (e) {
      return e instanceof ValidationError ? e.message : e;
    }
  };
  // What each mode gives, from objects of their own, before the property runs.
  const want = modes.map((mode) => avs.map((av) => outcome(av, mode ? { numbers: mode } : {})));
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.nat(modes.length - 1), fc.nat(avs.length - 1)), { maxLength: 20 }),
    (steps) => {
      const options: CodecOptions = {};
      for (const [m, a] of steps) {
        const mode = modes[m];
        if (mode === null) delete options.numbers;
        else options.numbers = mode;
        assertEquals(outcome(avs[a], options), want[m][a]);
      }
    },
  ));
});

Deno.test("options held behind a getter or in a non-enumerable field take effect when they change", () => {
  const big = { n: { N: "12345678901234567890" } };
  class Settings {
    #numbers: CodecOptions["numbers"] = "lossy";
    get numbers() {
      return this.#numbers;
    }
    set(numbers: CodecOptions["numbers"]) {
      this.#numbers = numbers;
    }
  }
  const settings = new Settings();
  assertStrictEquals(decodeItem(big, settings).n, 12345678901234567000);
  settings.set("exact");
  assertEquals(decodeItem(big, settings).n, new DynamoNumber("12345678901234567890"));
  const hidden: CodecOptions = {};
  Object.defineProperty(hidden, "numbers", { value: "lossy", writable: true, enumerable: false });
  assertStrictEquals(decodeItem(big, hidden).n, 12345678901234567000);
  (hidden as { numbers: string }).numbers = "exact";
  assertEquals(decodeItem(big, hidden).n, new DynamoNumber("12345678901234567890"));
  (hidden as { numbers: string }).numbers = "nope";
  assertThrows(() => decodeItem(big, hidden), ValidationError, "options.numbers");
});

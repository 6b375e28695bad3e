// Prototype-pollution checks shared by the Deno test (with the standard __proto__ accessor restored) and
// the same checks bundled and run under Node, where __proto__ has its standard meaning.
import assert from "node:assert/strict";
import { decode, decodeItem, encode, encodeItem } from "../../lib/codec/mod.ts";

/** Runs every check; throws an AssertionError on the first failure. */
export function runPrototypeChecks(): void {
  // Keys as JSON.parse makes them: own data properties named __proto__ and constructor.
  const wire = JSON.parse(
    '{"__proto__":{"M":{"polluted":{"S":"yes"}}},"constructor":{"M":{"prototype":{"S":"x"}}},' +
      '"m":{"M":{"__proto__":{"L":[{"N":"1"}]}}}}',
  );
  const item = decodeItem(wire);
  assert.equal(Object.getPrototypeOf(item), Object.prototype);
  assert.deepEqual(Object.keys(item), ["__proto__", "constructor", "m"]);
  assert.deepEqual(Object.getOwnPropertyDescriptor(item, "__proto__")?.value, { polluted: "yes" });
  assert.equal(
    Object.getPrototypeOf(Object.getOwnPropertyDescriptor(item, "__proto__")?.value),
    Object.prototype,
  );
  assert.deepEqual(Object.getOwnPropertyDescriptor(item, "constructor")?.value, { prototype: "x" });
  const m = Object.getOwnPropertyDescriptor(item, "m")?.value;
  assert.deepEqual(Object.getOwnPropertyDescriptor(m, "__proto__")?.value, [1]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);

  // Encoding the decoded item gives the wire back, key for key.
  const again = encodeItem(item);
  assert.equal(Object.getPrototypeOf(again), Object.prototype);
  assert.equal(JSON.stringify(again), JSON.stringify(wire));
  assert.deepEqual(decodeItem(again), item);

  // Input with an own __proto__ key (from JSON.parse) is data, not a prototype.
  const input = JSON.parse('{"__proto__":{"admin":true},"name":"n"}');
  const encoded = encodeItem(input);
  assert.deepEqual(Object.keys(encoded), ["__proto__", "name"]);
  assert.equal(
    JSON.stringify(encoded),
    '{"__proto__":{"M":{"admin":{"BOOL":true}}},"name":{"S":"n"}}',
  );
  assert.equal(({} as Record<string, unknown>).admin, undefined);

  // Maps and the top-level helpers.
  const map = new Map<string, unknown>([["__proto__", 1]]);
  assert.equal(JSON.stringify(encode(map)), '{"M":{"__proto__":{"N":"1"}}}');
  const back = decode(JSON.parse('{"M":{"__proto__":{"N":"1"}}}'));
  assert.deepEqual(Object.keys(back as object), ["__proto__"]);
  assert.equal(Object.getPrototypeOf(back), Object.prototype);

  // An object whose real prototype was changed through __proto__ is a class instance, not a map.
  const sneaky = { __proto__: { inherited: 1 }, own: 2 };
  assert.throws(() => encode(sneaky), /unsupported value/);
}

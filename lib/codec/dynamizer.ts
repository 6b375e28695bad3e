/**
 * `createDynamizer`: the codec functions bound to one set of options.
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { AttributeMap, AttributeValue } from "./attribute_value.ts";
import type { CodecOptions } from "./options.ts";
import { resolveOptions } from "./_options.ts";
import { encode, encodeItem } from "./encode.ts";
import { decode, decodeItem } from "./decode.ts";

/** The codec functions bound to one set of options, as `createDynamizer` returns them. */
export interface Dynamizer {
  /** `encode` with the bound options. */
  encode(value: unknown): AttributeValue;
  /** `decode` with the bound options. */
  decode(av: AttributeValue): unknown;
  /** `encodeItem` with the bound options. */
  encodeItem(item: object): AttributeMap;
  /** `decodeItem` with the bound options. */
  decodeItem(record: AttributeMap): Record<string, unknown>;
}

/**
 * Binds `encode`, `decode`, `encodeItem` and `decodeItem` to `options`, checked once here.
 *
 * @param options Codec options.
 * @returns The bound functions.
 * @throws {ValidationError} When an option has an unknown value, or `numbers: "decimal"` comes without
 * `decimal`.
 *
 * @example
 * ```ts
 * import { createDynamizer } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const boto = createDynamizer({ booleans: "number", numbers: "lossy" });
 * assertEquals(boto.encode(true), { N: "1" });
 * assertEquals(boto.decode({ N: "0.30000000000000000001" }), 0.3);
 * ```
 */
export function createDynamizer(options: CodecOptions = {}): Dynamizer {
  resolveOptions(options);
  return {
    encode: (value) => encode(value, options),
    decode: (av) => decode(av, options),
    encodeItem: (item) => encodeItem(item, options),
    decodeItem: (record) => decodeItem(record, options),
  };
}

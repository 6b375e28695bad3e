/**
 * The codec: JavaScript values to DynamoDB AttributeValues and back, exact for numbers.
 *
 * This module is browser compatible.
 *
 * @module
 */
export type { AttributeMap, AttributeValue } from "./attribute_value.ts";
export type { CodecOptions, DecimalConstructorLike } from "./options.ts";
export { DynamoNumber } from "./dynamo_number.ts";
export { encode, encodeItem } from "./encode.ts";
export { decode, decodeItem } from "./decode.ts";
export { createDynamizer } from "./dynamizer.ts";
export type { Dynamizer } from "./dynamizer.ts";

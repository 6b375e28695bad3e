/**
 * The options of the codec, one plain object: `CodecOptions`.
 *
 * This module is browser compatible.
 *
 * @module
 */

/**
 * A constructor of exact decimals, such as decimal.js's `Decimal`, that the codec calls with a number's
 * decimal string when `numbers` is `"decimal"`. Passing it in keeps the core free of that dependency.
 */
export type DecimalConstructorLike = new (value: string) => unknown;

/** How the codec maps JavaScript values to DynamoDB values and back; every field is optional. */
export interface CodecOptions {
  /**
   * What decoding an `N` returns. `"auto"` (default): a JS number when it holds the exact value, else a
   * `DynamoNumber`; `"number"`: a JS number, a `ValidationError` when that would lose information;
   * `"lossy"`: always the nearest JS number; `"exact"`: always a `DynamoNumber`; `"bigint"`: integers as
   * bigint, other numbers as in `"auto"`; `"decimal"`: a `new decimal(text)` (needs `decimal`).
   */
  numbers?: "auto" | "number" | "lossy" | "exact" | "bigint" | "decimal";
  /** The decimal constructor (decimal.js's `Decimal`) used when `numbers` is `"decimal"`. */
  decimal?: DecimalConstructorLike;
  /** `"bool"` (default): booleans are `BOOL`; `"number"`: `N` `"1"` and `"0"`, as boto's NonBooleanDynamizer. */
  booleans?: "bool" | "number";
  /** `"reject"` (default), or encode Dates as an ISO-8601 `S`, or as epoch seconds or milliseconds `N`. */
  dates?: "reject" | "iso" | "epochSeconds" | "epochMillis";
  /** `"reject"` (default), or `"map"`: encode class instances as maps of their own enumerable properties. */
  classInstances?: "reject" | "map";
  /** `"reject"` (default), or `"drop"`: leave empty Sets out of maps and items, as `undefined` is. */
  emptySets?: "reject" | "drop";
}

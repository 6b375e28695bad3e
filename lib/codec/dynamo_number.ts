/**
 * `DynamoNumber`: an exact DynamoDB number kept as its canonical decimal string.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { invalid } from "../errors.ts";
import { fail } from "./_fault.ts";
import { run } from "./_walk.ts";
import { bigintToString, normalizeNumber, NOT_A_NUMBER, numberToString } from "./numbers.ts";

/**
 * An exact DynamoDB number, kept as its canonical decimal string (no exponent, no leading or trailing
 * zeros). Decoding returns one when a JS number would lose digits; encoding sends its string unchanged.
 *
 * @example
 * ```ts
 * import { decode, DynamoNumber, encode } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const big = new DynamoNumber("12345678901234567890.50");
 * assertEquals(big.toString(), "12345678901234567890.5");
 * assertEquals(encode(big), { N: "12345678901234567890.5" });
 * assertEquals(decode({ N: "12345678901234567890.5" }), big);
 * ```
 */
export class DynamoNumber {
  /** The canonical decimal string. */
  readonly value: string;

  /**
   * Makes an exact number from a decimal string (exponents allowed), a finite number or a bigint.
   *
   * @throws {ValidationError} When the value is not a number or is outside DynamoDB's limits (38
   * significant digits, magnitude 1E-130 to 9.99...E+125).
   */
  constructor(value: string | number | bigint) {
    this.value = run(canonical, value);
  }

  /**
   * The canonical decimal string.
   *
   * @returns The digits, like `"-0.5"` or `"1000000000000000000000"`.
   */
  toString(): string {
    return this.value;
  }

  /**
   * The canonical decimal string, so `JSON.stringify` keeps every digit.
   *
   * @returns The same as `toString()`.
   */
  toJSON(): string {
    return this.value;
  }

  /**
   * The nearest JS number; it may round.
   *
   * @returns `Number(this.toString())`.
   */
  toNumber(): number {
    return Number(this.value);
  }

  /**
   * The value as a bigint.
   *
   * @returns The integer.
   * @throws {ValidationError} When the number has a fraction.
   */
  toBigInt(): bigint {
    if (this.value.includes(".")) throw invalid("", "not an integer", this.value, "an integer");
    return BigInt(this.value);
  }
}

function canonical(value: unknown): string {
  return typeof value === "string"
    ? normalizeNumber(value)
    : typeof value === "number"
    ? numberToString(value)
    : typeof value === "bigint"
    ? bigintToString(value)
    : fail(NOT_A_NUMBER, typeof value, "a string, number or bigint");
}

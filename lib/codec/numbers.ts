/**
 * DynamoDB's number rules: at most 38 significant digits, magnitude from 1E-130 to
 * 9.9999999999999999999999999999999999999E+125, or zero. Numbers are kept as canonical decimal strings:
 * positional notation, no leading or trailing zeros, `-` only for negatives, `"0"` for zero. That is also
 * the form DynamoDB returns.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { fail, quote } from "./_fault.ts";

const SHAPE = /^(?:\+|(-))?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
/** What a DynamoDB number may be, for error messages. */
export const NUMBER_LIMITS =
  "at most 38 significant digits, magnitude 1E-130 to below 1E+126, or 0";
/** The message for a value that is no number. */
export const NOT_A_NUMBER = "not a number";

/**
 * Checks a decimal number string (`12`, `-0.50`, `1.5E+3`, `+.5`) against DynamoDB's limits and returns its
 * canonical form (`1500`, `-0.5`).
 *
 * @param text The number as a decimal string, optionally with a sign and an exponent.
 * @returns The canonical decimal string.
 * @throws {Fault} When `text` is not a decimal number or is outside DynamoDB's limits.
 */
export function normalizeNumber(text: string): string {
  const m = SHAPE.exec(text);
  if (!m || !m[2] && !m[3]) {
    return fail(NOT_A_NUMBER, quote(text), "a decimal number like -1.5E+3");
  }
  const all = m[2] + (m[3] ?? "");
  let i = 0;
  let j = all.length;
  while (all.charCodeAt(i) === 48) i++;
  if (i === j) return "0";
  while (all.charCodeAt(j - 1) === 48) j--;
  const digits = all.slice(i, j);
  const n = digits.length;
  // The decimal point sits after `point` of `digits`: the value is 0.digits * 10^point.
  const point = m[2].length - i + +(m[4] ?? 0);
  if (n > 38) fail("too many significant digits", `${quote(text)} (${n} digits)`, NUMBER_LIMITS);
  if (point > 126 || point < -129) fail("number out of range", quote(text), NUMBER_LIMITS);
  return (m[1] ?? "") +
    (point <= 0
      ? "0." + digits.padStart(n - point, "0")
      : point < n
      ? digits.slice(0, point) + "." + digits.slice(point)
      : digits.padEnd(point, "0"));
}

/**
 * The canonical decimal string of a JS number: its shortest round-trip decimal, in positional notation.
 *
 * @param value A finite number within DynamoDB's limits.
 * @returns The canonical decimal string (`-0` gives `"0"`).
 * @throws {Fault} For NaN, ±Infinity and numbers outside DynamoDB's range.
 */
export function numberToString(value: number): string {
  const a = value < 0 ? -value : value;
  // String() is positional exactly in [1e-6, 1e21).
  return a >= 1e-6 && a < 1e21
    ? "" + value
    : value === 0
    ? "0"
    : a >= 1e-130 && a < 1e126
    ? normalizeNumber("" + value)
    : fail(
      a - a === 0 ? "number out of range" : "not a finite number",
      "" + value,
      NUMBER_LIMITS,
    );
}

/**
 * The canonical decimal string of a bigint.
 *
 * @param value An integer with at most 38 significant digits (trailing zeros do not count) below 1E+126.
 * @returns The canonical decimal string.
 * @throws {Fault} When the bigint is outside DynamoDB's limits.
 */
export function bigintToString(value: bigint): string {
  const s = "" + value;
  return s.length < 39 ? s : normalizeNumber(s);
}

// Exact powers of ten as doubles, 10^0 to 10^14.
const TENS = [1];
for (let i = 1; i < 15; i++) TENS[i] = TENS[i - 1] * 10;

/**
 * The value of `text` when it is a canonical number of at most 15 characters (`"0"`, `"-12"`, `"0.05"`),
 * which a JS number holds exactly, so decoding can skip `normalizeNumber`; `NaN` for any other text, valid
 * or not. A hand-written scan that computes the value as it goes, as this runs for every number decoded:
 * the digits form an integer below 10^15 < 2^53, held exactly, and one division by an exact power of ten
 * rounds once, correctly, so the result is the double nearest the decimal, the same as `Number(text)`.
 *
 * @param text A string from the wire.
 * @returns The number, or `NaN`.
 */
export function shortCanonicalValue(text: string): number {
  const n = text.length;
  if (n > 15 || n === 0) return NaN;
  const negative = text.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  let c = text.charCodeAt(i);
  let m = 0;
  if (c === 48) {
    // A leading 0 is the whole number ("0", not "-0") or comes before the point.
    if (++i === n) return i === 1 ? 0 : NaN;
    c = text.charCodeAt(i);
  } else {
    if (!(c >= 49 && c <= 57)) return NaN;
    m = c - 48;
    while (++i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) m = m * 10 + c - 48;
    if (i === n) return negative ? -m : m;
  }
  if (c !== 46 || ++i === n) return NaN;
  const point = i;
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) return NaN;
    m = m * 10 + c - 48;
  }
  if (c === 48) return NaN;
  m /= TENS[n - point];
  return negative ? -m : m;
}

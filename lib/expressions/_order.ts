// DynamoDB's order on scalars, for the BETWEEN check: numbers by value, strings by UTF-8 bytes,
// binaries by bytes. Other pairs do not compare.
import type { AttributeValue } from "../codec/mod.ts";
import { fail, type Printer } from "./_node.ts";

// A decimal string as [sign, exponent, significant digits]: 0.12 is [1, 0, "12"], 120 is [1, 3, "12"].
function decimal(text: string): [number, number, string] | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m || !(m[2] || m[3])) return;
  const all = m[2] + (m[3] ?? ""), digits = all.replace(/^0+/, ""), sig = digits.replace(/0+$/, "");
  return sig
    ? [m[1] == "-" ? -1 : 1, +(m[4] ?? 0) + m[2].length - all.length + digits.length, sig]
    : [0, 0, ""];
}

const bytes = (av: AttributeValue): Uint8Array | undefined =>
  "S" in av
    ? new TextEncoder().encode(av.S)
    : "B" in av
    ? Uint8Array.from(atob(av.B), (c) => c.charCodeAt(0))
    : undefined;

/** Negative, zero or positive as `a` sorts before, with or after `b`; `undefined` when they do not compare. */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  if ("N" in a && "N" in b) {
    const x = decimal(a.N), y = decimal(b.N);
    return x && y &&
      // `|| 0`: equal negatives would give -0.
      (x[0] - y[0] || x[0] * (x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0)) || 0);
  }
  const x = bytes(a), y = bytes(b);
  if (x && y && "S" in a == "S" in b) {
    const i = x.findIndex((v, i) => v !== y[i]);
    return i < 0 || i >= y.length ? x.length - y.length : x[i] - y[i];
  }
}

/** Throws when the bounds of a BETWEEN, given by their placeholders, are values out of order. */
export function checkBetween(c: Printer, [low, high]: string[]): void {
  const a: AttributeValue | undefined = c.V[low], b: AttributeValue | undefined = c.V[high];
  // Compared values are scalars, whose JSON is canonical.
  if (a && b && (compareValues(a, b) ?? 0) > 0) {
    fail(
      "BETWEEN bounds out of order",
      c.w,
      `${JSON.stringify(a)} > ${JSON.stringify(b)}`,
      "low <= high",
    );
  }
}

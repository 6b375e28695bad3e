// DynamoDB's order on scalars, for the BETWEEN check: numbers by value, strings by UTF-8 bytes,
// binaries by bytes. Other pairs do not compare.
import type { AttributeValue } from "../codec/mod.ts";

// A decimal string as [sign, exponent, significant digits], so 0.12 is [1, 0, "12"] and 120 is [1, 3, "12"].
function decimal(text: string): [number, number, string] | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text.trim());
  if (!m || !(m[2] || m[3])) return undefined;
  const all = m[2] + (m[3] ?? "");
  const digits = all.replace(/^0+/, "");
  const sig = digits.replace(/0+$/, "");
  if (!sig) return [0, 0, ""];
  return [
    m[1] === "-" ? -1 : 1,
    Number(m[4] ?? 0) + m[2].length - (all.length - digits.length),
    sig,
  ];
}

function bytes(av: AttributeValue): Uint8Array | undefined {
  if ("S" in av) return new TextEncoder().encode(av.S);
  if ("B" in av) return Uint8Array.from(atob(av.B), (c) => c.charCodeAt(0));
}

/** Negative, zero or positive as `a` sorts before, with or after `b`; `undefined` when they do not compare. */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  if ("N" in a && "N" in b) {
    const x = decimal(a.N), y = decimal(b.N);
    if (!x || !y) return undefined;
    if (x[0] !== y[0]) return x[0] - y[0];
    const r = x[1] !== y[1] ? x[1] - y[1] : x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0;
    return x[0] * r;
  }
  if (("S" in a && "S" in b) || ("B" in a && "B" in b)) {
    const x = bytes(a), y = bytes(b);
    if (!x || !y) return undefined;
    for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }
}

// Options resolved once into small numbers, so the hot path compares integers.
import { ValidationError } from "../errors.ts";
import type { CodecOptions, DecimalConstructorLike } from "./options.ts";

/** Resolved options. `n`: index in NUMBERS; `d`: index in DATES. */
export interface Ctx {
  n: number;
  dec: DecimalConstructorLike | undefined;
  boolN: boolean;
  d: number;
  classMap: boolean;
  drop: boolean;
}

/** Decode modes, in the order `Ctx.n` indexes them. */
export const NUMBERS = ["auto", "number", "lossy", "exact", "bigint", "decimal"] as const;
const DATES = ["reject", "iso", "epochSeconds", "epochMillis"] as const;

const DEFAULTS: Ctx = { n: 0, dec: undefined, boolN: false, d: 0, classMap: false, drop: false };

function pick(o: CodecOptions, name: keyof CodecOptions, allowed: readonly string[]): number {
  const value = o[name];
  if (value === undefined) return 0;
  const i = allowed.findIndex((a) => a === value);
  if (i < 0) {
    throw new ValidationError(`unknown ${name} option`, {
      path: `options.${name}`,
      found: typeof value === "string" ? JSON.stringify(value) : typeof value,
      allowed: allowed.map((a) => `"${a}"`).join(", "),
    });
  }
  return i;
}

/** Checks `options` and resolves it; throws a `ValidationError` naming the bad option. */
export function resolveOptions(options: CodecOptions | undefined): Ctx {
  if (options === undefined) return DEFAULTS;
  if (typeof options !== "object" || options === null) {
    throw new ValidationError("options must be an object", {
      path: "options",
      found: options === null ? "null" : typeof options,
      allowed: "a CodecOptions object",
    });
  }
  const n = pick(options, "numbers", NUMBERS);
  const dec = options.decimal;
  if (dec !== undefined && typeof dec !== "function" || n === 5 && dec === undefined) {
    throw new ValidationError('numbers: "decimal" needs the decimal constructor', {
      path: "options.decimal",
      found: typeof dec,
      allowed: "decimal.js's Decimal constructor",
    });
  }
  return {
    n,
    dec,
    boolN: pick(options, "booleans", ["bool", "number"]) === 1,
    d: pick(options, "dates", DATES),
    classMap: pick(options, "classInstances", ["reject", "map"]) === 1,
    drop: pick(options, "emptySets", ["reject", "drop"]) === 1,
  };
}

// Options resolved once into small numbers, so the hot path compares integers.
import { invalid } from "../errors.ts";
import type { CodecOptions, DecimalConstructorLike } from "./options.ts";

/** Each choice option with its values, the default first. */
const CHOICES = [
  ["numbers", "auto number lossy exact bigint decimal"],
  ["booleans", "bool number"],
  ["dates", "reject iso epochSeconds epochMillis"],
  ["classInstances", "reject map"],
  ["emptySets", "reject drop"],
] as const;

/** Resolved options: each choice option as the index of its value in CHOICES. */
export interface Ctx {
  numbers: number;
  booleans: number;
  dates: number;
  classInstances: number;
  emptySets: number;
  decimal: DecimalConstructorLike | undefined;
}

/** Checks `options` and resolves it; throws a `ValidationError` naming the bad option. */
export function resolveOptions(options: CodecOptions | undefined): Ctx {
  if (options === undefined) return DEFAULTS;
  if (typeof options !== "object" || !options) {
    throw invalid(
      "options",
      "options must be an object",
      options === null ? "null" : typeof options,
      "a CodecOptions object",
    );
  }
  const dec = options.decimal;
  const c: Ctx = {
    numbers: 0,
    booleans: 0,
    dates: 0,
    classInstances: 0,
    emptySets: 0,
    decimal: dec,
  };
  for (const [name, values] of CHOICES) {
    const allowed = values.split(" ");
    const value: unknown = options[name];
    const i = value === undefined ? 0 : allowed.findIndex((a) => a === value);
    if (i < 0) {
      throw invalid(
        "options." + name,
        `unknown ${name} option`,
        typeof value === "string" ? JSON.stringify(value) : typeof value,
        `"${allowed.join('", "')}"`,
      );
    }
    c[name] = i;
    if (
      name === "numbers" && (dec !== undefined && typeof dec !== "function" || i === 5 && !dec)
    ) {
      throw invalid(
        "options.decimal",
        'numbers: "decimal" needs the decimal constructor',
        typeof dec,
        "decimal.js's Decimal constructor",
      );
    }
  }
  return c;
}

const DEFAULTS = resolveOptions({});

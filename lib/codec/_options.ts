// Options resolved once into small numbers, so the hot path compares integers.
import { invalid } from "../errors.ts";
import type { CodecOptions, DecimalConstructorLike } from "./options.ts";
import { quote } from "./_fault.ts";

/** Each choice option with its values, the default first. */
const CHOICES = {
  numbers: "auto number lossy exact bigint decimal",
  booleans: "bool number",
  dates: "reject iso epochSeconds epochMillis",
  classInstances: "reject map",
  emptySets: "reject drop",
};

/** Resolved options: each choice option as the index of its value in CHOICES. */
export type Ctx = { [name in keyof typeof CHOICES]?: number } & {
  decimal?: DecimalConstructorLike;
};

function bad(name: string, found: string, allowed: string): never {
  throw invalid("options" + name, "bad option", found, allowed);
}

/** Checks `options` and resolves it; throws a `ValidationError` naming the bad option. */
export function resolveOptions(options: CodecOptions | undefined): Ctx {
  if (options === undefined) return DEFAULTS;
  if (typeof options !== "object" || !options) {
    bad("", options === null ? "null" : typeof options, "an object");
  }
  const decimal = options.decimal;
  const c: Ctx = { numbers: 0, booleans: 0, dates: 0, classInstances: 0, emptySets: 0, decimal };
  let name: keyof typeof CHOICES;
  for (name in CHOICES) {
    const allowed = CHOICES[name].split(" ");
    const value = options[name];
    const i = value === undefined ? 0 : allowed.indexOf(value);
    if (i < 0) {
      bad(
        "." + name,
        typeof value === "string" ? quote(value) : typeof value,
        `"${allowed.join('", "')}"`,
      );
    }
    c[name] = i;
  }
  if (decimal !== undefined && typeof decimal !== "function" || c.numbers === 5 && !decimal) {
    bad(".decimal", typeof decimal, "decimal.js's Decimal constructor");
  }
  return c;
}

const DEFAULTS = resolveOptions({});

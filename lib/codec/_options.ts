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

// The fields resolveOptions read last and what they resolved to: a table decodes every item of a page with
// one options object, resolved again only when a field's value changed (resolving costs 0.5-0.9 us, more
// than decoding a small item). Each field is read once per call, getters included.
let n0: unknown, b0: unknown, d0: unknown, c0: unknown, e0: unknown, x0: unknown;
let lastCtx: Ctx = DEFAULTS;

/** `resolveOptions`, remembering the last result while the fields it reads keep their values. */
export function resolveCached(options: CodecOptions | undefined): Ctx {
  if (typeof options !== "object" || !options) return resolveOptions(options);
  const { numbers, booleans, dates, classInstances, emptySets, decimal } = options;
  if (
    numbers !== n0 || booleans !== b0 || dates !== d0 || classInstances !== c0 ||
    emptySets !== e0 || decimal !== x0
  ) {
    // Resolved from what was read, so that a getter is read once.
    lastCtx = resolveOptions({ numbers, booleans, dates, classInstances, emptySets, decimal });
    [n0, b0, d0, c0, e0, x0] = [numbers, booleans, dates, classInstances, emptySets, decimal];
  }
  return lastCtx;
}

// What encoding and decoding share: `run`, behind every public entry point, and the loops over lists and
// maps, which add the path to a Fault on its way out.
import { invalid } from "../errors.ts";
import type { CodecOptions } from "./options.ts";
import { type Ctx, resolveCached } from "./_options.ts";
import { fail, Fault, within } from "./_fault.ts";
import { formatPath } from "./_path.ts";

/** `Object.prototype`, which plain objects have. */
export const OBJECT_PROTO = Object.prototype;

// for-in also lists enumerable keys up the prototype chain. While Object.prototype has none (checked by
// `run` on each call: `clean`), an object whose prototype it is needs no hasOwn check per key, which costs
// about 10 ns a key; any other object gets one.
let clean = true;

/**
 * Resolves `options` and returns `f(value, options, 0)`; a Fault it throws becomes a ValidationError, any
 * other error passes unchanged.
 */
export function run<V, T>(
  f: (value: V, c: Ctx, depth: number) => T,
  value: V,
  options?: CodecOptions,
): T {
  const c = resolveCached(options);
  clean = true;
  for (const _ in OBJECT_PROTO) clean = false;
  try {
    return f(value, c, 0);
  } catch (e) {
    throw e instanceof Fault
      ? invalid(formatPath(e.path.reverse()), e.message, e.found, e.allowed)
      : e;
  }
}

/** A function that turns one value (at `depth`) into another. */
type Step<T> = (value: unknown, c: Ctx, depth: number) => T;

// DynamoDB nests lists and maps at most 32 levels deep; the check also stops cycles.
function checkDepth(depth: number): void {
  if (depth > 32) fail("nested too deep", "more than 32 levels", "at most 32 levels");
}

/** `f` over a list's elements, one level down. */
export function list<T>(items: unknown[], f: Step<T>, c: Ctx, depth: number): T[] {
  checkDepth(depth++);
  const out: T[] = new Array(items.length);
  let i = 0;
  try {
    for (; i < items.length; i++) out[i] = f(items[i], c, depth);
  } catch (error) {
    throw within(error, i);
  }
  return out;
}

/**
 * `f` over an object's own enumerable values, one level down, into a plain object; an `undefined` result
 * leaves the key out. A "__proto__" key becomes an own property, never the prototype.
 */
export function fields<T>(
  obj: Record<string, unknown>,
  f: Step<T | undefined>,
  c: Ctx,
  depth: number,
): Record<string, T> {
  checkDepth(depth++);
  let out: Record<string, T> = {};
  const own = clean && Object.getPrototypeOf(obj) === OBJECT_PROTO;
  let key = "";
  try {
    // for-in with `obj[k]` is V8's fastest way through an object's keys.
    for (const k in obj) {
      if (!own && !Object.hasOwn(obj, k)) continue;
      key = k;
      const value = f(obj[k], c, depth);
      if (value === undefined) continue;
      // A computed key in a literal defines an own property, even "__proto__".
      if (k === "__proto__") out = { ...out, [k]: value };
      else out[k] = value;
    }
  } catch (error) {
    throw within(error, key);
  }
  return out;
}

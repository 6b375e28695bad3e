// Codec errors travel as a Fault that collects its path while the stack unwinds, so the happy path never
// builds path strings; the public entry points turn it into a ValidationError.
import { invalid } from "../errors.ts";
import { formatPath } from "./_path.ts";

/** An error inside the codec, with its path segments innermost first. */
export class Fault {
  /** Path segments, innermost first. */
  path: (string | number)[] = [];
  /** Makes a fault. */
  constructor(readonly message: string, readonly found: string, readonly allowed: string) {}
}

/** Throws a Fault. */
export function fail(message: string, found: string, allowed: string): never {
  throw new Fault(message, found, allowed);
}

/** Adds `segment` to a Fault's path; returns `error` to rethrow. */
export function within(error: unknown, segment: string | number): unknown {
  if (error instanceof Fault) error.path.push(segment);
  return error;
}

/** Turns a Fault into a ValidationError; returns any other error unchanged. */
export function toValidationError(e: unknown): unknown {
  return e instanceof Fault
    ? invalid(formatPath(e.path.reverse()), e.message, e.found, e.allowed)
    : e;
}

/** `Object.prototype`, which plain objects have. */
export const OBJECT_PROTO = Object.prototype;
/** `Object.hasOwn`. */
export const hasOwn = Object.hasOwn;

/** DynamoDB nests maps and lists at most 32 levels deep; the guard also stops cycles. */
export const MAX_DEPTH = 32;

/** Fails when `depth` is past MAX_DEPTH; `encoding` picks the encoder's wording. */
export function checkDepth(depth: number, encoding?: boolean): void {
  if (depth > MAX_DEPTH) {
    fail(
      "nested too deep",
      `more than ${MAX_DEPTH} levels` + (encoding ? " of lists and maps" : ""),
      "at most 32" + (encoding ? " levels" : ""),
    );
  }
}

/** Sets `out[key]`; a "__proto__" key becomes an own property instead of setting the prototype. */
export function put(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else out[key] = value;
}

/** Describes a value for the `found` of a message. */
export function describe(value: unknown): string {
  const type = typeof value;
  if (type === "string") {
    const s = "" + value;
    return s.length > 40 ? `a string "${s.slice(0, 40)}…"` : "a string " + JSON.stringify(s);
  }
  if (type === "object") {
    if (!value) return "null";
    if (Array.isArray(value)) return "an array";
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    return name === "Object" || !name ? "an object" : "a " + name;
  }
  return type === "bigint"
    ? value + "n"
    : type === "function" || type === "symbol"
    ? "a " + type
    : "" + value;
}

// Codec errors travel as a Fault that collects its path while the stack unwinds, so the happy path never
// builds path strings; `run` (_walk.ts), behind every public entry point, turns it into a
// ValidationError.

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

/** The index of the first of `keys` equal to an earlier one; -1 when all differ. */
export function firstRepeat(keys: string[]): number {
  const seen = new Set<string>();
  for (let i = 0; i < keys.length; i++) {
    if (seen.has(keys[i])) return i;
    seen.add(keys[i]);
  }
  return -1;
}

/** `text` as a JSON string, cut after 50 characters. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 50 ? text.slice(0, 50) + "…" : text);
}

/** Describes a value for the `found` of a message. */
export function describe(value: unknown): string {
  const type = typeof value;
  const name = type === "object" && value && Object.getPrototypeOf(value)?.constructor?.name;
  return typeof value === "string"
    ? "a string " + quote(value)
    : type === "bigint"
    ? value + "n"
    : !value || type === "number" || type === "boolean"
    ? "" + value
    : type !== "object"
    ? "a " + type
    : Array.isArray(value)
    ? "an array"
    : name && name !== "Object"
    ? "a " + name
    : "an object";
}

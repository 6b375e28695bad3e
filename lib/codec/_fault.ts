// Codec errors travel as a Fault that collects its path while the stack unwinds, so the happy path never
// builds path strings; the public entry points turn it into a ValidationError.
import { ValidationError } from "../errors.ts";
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
export function toValidationError(error: unknown): unknown {
  if (!(error instanceof Fault)) return error;
  return new ValidationError(error.message, {
    path: formatPath(error.path.reverse()),
    found: error.found,
    allowed: error.allowed,
  });
}

/** Describes a value for the `found` of a message. */
export function describe(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value.length > 40
        ? `a string "${value.slice(0, 40)}…"`
        : `a string ${JSON.stringify(value)}`;
    case "bigint":
      return `${value}n`;
    case "number":
    case "boolean":
      return String(value);
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) return "an array";
      const name = Object.getPrototypeOf(value)?.constructor?.name;
      return name === "Object" || !name ? "an object" : `a ${name}`;
    }
  }
  return typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
}

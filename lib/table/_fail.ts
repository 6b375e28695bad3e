// Private: throwing a ValidationError from its four parts, the one way this layer reports bad input.
import { ValidationError } from "../errors.ts";

/** Throws a ValidationError saying `message` about `path`, with what was found and what is allowed. */
export function fail(message: string, path: string, found: string, allowed: string): never {
  throw new ValidationError(message, { path, found, allowed });
}

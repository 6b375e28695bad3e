// Private: table and index name validation (3 to 255 of A-Z a-z 0-9 _ . -), checked before sending.
import { fail } from "../errors.ts";

/** Returns `name` when it is a valid table or index name; throws a ValidationError naming `path` otherwise. */
export function checkName(name: unknown, path: string): string {
  if (typeof name !== "string" || !/^[\w.-]{3,255}$/.test(name)) {
    fail(
      "invalid name",
      path,
      typeof name === "string" ? JSON.stringify(name.slice(0, 300)) : typeof name,
      "3 to 255 characters of A-Z a-z 0-9 _ . -",
    );
  }
  return name;
}

// Private: the opaque resume cursor of a paginator: base64url of JSON holding, per scan segment, the key
// to resume from, 0 (not started) or 1 (finished). Decoding is here (a paginator checks its start cursor
// when made); encoding is in _resume.ts, loaded when a cursor is first needed.
import type { AttributeMap } from "../codec/mod.ts";
import { fail } from "../errors.ts";
import { isPlainObject } from "./_keys.ts";

/** Where each segment stands: the key to resume after, 0 to start from the beginning, 1 when done. */
export type Position = AttributeMap | 0 | 1;

/** Decodes a cursor made by `encodeCursor` for `segments` segments; throws a ValidationError otherwise. */
export function decodeCursor(cursor: string, segments: number): Position[] {
  let value: unknown;
  try {
    const bin = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(
      Uint8Array.from(bin, (c) => c.charCodeAt(0)),
    ));
  } catch {
    value = undefined;
  }
  if (
    !Array.isArray(value) || value.length !== segments ||
    !value.every((p) => p === 0 || p === 1 || isKey(p))
  ) {
    fail(
      "not a cursor of this query or scan",
      "cursor",
      cursor.length > 40 ? cursor.slice(0, 40) + "..." : cursor,
      `a cursor of ${segments} segment(s)`,
    );
  }
  return value;
}

function isKey(value: unknown): value is AttributeMap {
  return isPlainObject(value) &&
    Object.values(value).every((av) =>
      isPlainObject(av) && Object.keys(av).length === 1 &&
      typeof (av.S ?? av.N ?? av.B) === "string"
    );
}

// Attribute paths for error messages.

const PLAIN = /^[\w$-]+$/;

/**
 * Formats path segments as `address.geo[2]`: numbers are list indexes, plain names join with dots, and any
 * other name is quoted in brackets (`tags["a.b"]`).
 *
 * @param segments Map keys and list indexes, outermost first.
 * @returns The path; `""` when there are no segments.
 */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (PLAIN.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

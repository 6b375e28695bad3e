// Arbitraries the sigv4 tests share. fast-check's own "binary" unit costs seconds to set up; this one is
// immediate, and mixes ASCII with code points from every plane (never a lone surrogate).
import fc from "fast-check";

const codePoint = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0, max: 0x7ff }),
  fc.integer({ min: 0x800, max: 0xffff }).filter((c) => c < 0xd800 || c > 0xdfff),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
).map((c) => String.fromCodePoint(c));

/** Well-formed Unicode strings of 1-, 2-, 3- and 4-byte UTF-8 characters. */
export function unicodeString(
  options: { minLength?: number; maxLength?: number } = {},
): fc.Arbitrary<string> {
  return fc.string({ unit: codePoint, ...options });
}

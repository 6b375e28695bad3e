// Cursors: URL-safe, and decoding gives back exactly the positions encoded.
import fc from "fast-check";
import { assertEquals, assertMatch, assertThrows } from "../assert.ts";
import { ValidationError } from "../../lib/errors.ts";
import { decodeCursor, type Position } from "../../lib/table/_cursor.ts";
import { encodeCursor } from "../../lib/table/_resume.ts";

const key = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 5 }),
  fc.oneof(
    fc.record({ S: fc.string({ unit: "grapheme", maxLength: 8 }) }),
    fc.record({ N: fc.integer().map(String) }),
    fc.record({ B: fc.base64String({ maxLength: 8 }) }),
  ),
  { minKeys: 1, maxKeys: 3, noNullPrototype: true },
);
// Plain objects, as the wire gives them (fast-check may make null-prototype ones).
const position: fc.Arbitrary<Position> = fc.oneof(
  fc.constant<0>(0),
  fc.constant<1>(1),
  key.map((k) => JSON.parse(JSON.stringify(k))),
);

Deno.test("property: decodeCursor(encodeCursor(p)) is p, and the cursor is URL-safe", () => {
  fc.assert(
    fc.property(fc.array(position, { minLength: 1, maxLength: 5 }), (positions) => {
      const cursor = encodeCursor(positions);
      assertMatch(cursor, /^[A-Za-z0-9_-]*$/);
      assertEquals(decodeCursor(cursor, positions.length), positions);
      assertThrows(() => decodeCursor(cursor, positions.length + 1), ValidationError);
    }),
  );
});

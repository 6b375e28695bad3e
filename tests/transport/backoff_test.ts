import fc from "fast-check";
import { assertEquals, assertGreaterOrEqual, assertLess } from "../assert.ts";
import { backoffDelay } from "../../lib/transport/backoff.ts";

Deno.test("the delay is a whole number in [0, min(cap, base * 2^(retry-1)))", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 100 }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      fc.integer({ min: 1, max: 1000 }),
      fc.integer({ min: 1, max: 100_000 }),
      (retry, r, base, cap) => {
        const delay = backoffDelay(retry, () => r, base, cap);
        assertEquals(Number.isInteger(delay), true);
        assertGreaterOrEqual(delay, 0);
        assertLess(delay, Math.min(cap, base * 2 ** (retry - 1)));
      },
    ),
  );
});

Deno.test("full jitter: random 0 waits nothing, the ceiling doubles from the base", () => {
  assertEquals(backoffDelay(5, () => 0, 50, 20_000), 0);
  const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) =>
    backoffDelay(n, () => 0.999999, 50, 20_000)
  );
  assertEquals(ceilings, [49, 99, 199, 399, 799, 1599, 3199, 6399, 12799, 19999]);
});

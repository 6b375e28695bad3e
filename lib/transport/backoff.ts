/**
 * How long to wait before a retry: exponential backoff with full jitter.
 *
 * This module is browser compatible.
 *
 * @module
 */

/**
 * The delay before retry number `retry` (1 for the first retry): a uniformly random time between 0 and
 * `min(capMs, baseMs * 2^(retry - 1))` ("full jitter"), so clients that failed together spread out.
 *
 * @param retry Which retry this is, from 1.
 * @param random A source of numbers in [0, 1), like `Math.random`.
 * @param baseMs The ceiling of the first delay.
 * @param capMs The largest ceiling.
 * @returns The delay in milliseconds.
 * @example
 * ```ts
 * import { backoffDelay } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(backoffDelay(1, () => 0.5, 50, 20_000), 25);
 * assertEquals(backoffDelay(4, () => 0.5, 50, 20_000), 200);
 * assertEquals(backoffDelay(30, () => 0.5, 50, 20_000), 10_000);
 * ```
 */
export function backoffDelay(
  retry: number,
  random: () => number,
  baseMs: number,
  capMs: number,
): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** Math.min(retry - 1, 30)));
}

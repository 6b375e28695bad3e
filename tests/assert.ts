/**
 * The `@std/assert` names this project uses, on top of `node:assert/strict`.
 *
 * JSR is not reachable from the machines we build on, so `@std/assert` cannot be imported. Tests import
 * from here, and deno.json maps `@std/assert` here for the JSDoc examples in lib/; moving to the real
 * `@std/assert` later is a change to that one line of deno.json (and this file's importers).
 *
 * @module
 */
import node from "node:assert/strict";

/** An error constructor, as `assertThrows` and `assertRejects` accept it. */
// deno-lint-ignore no-explicit-any
export type ErrorClass<E extends Error = Error> = abstract new (...args: any[]) => E;

/** Thrown when an assertion fails. */
export const AssertionError = node.AssertionError;

/** Asserts that `actual` is truthy. */
export function assertOk(actual: unknown, msg?: string): asserts actual {
  node.ok(actual, msg);
}

/** Asserts that `expr` is truthy (`@std/assert`'s `assert`). */
export function assert(expr: unknown, msg?: string): asserts expr {
  node.ok(expr, msg);
}

/** Asserts that `actual` is neither null nor undefined (the `@std/assert` name). */
export function assertExists<T>(actual: T, msg?: string): asserts actual is NonNullable<T> {
  node.ok(actual !== null && actual !== undefined, msg ?? `expected a value, found ${actual}`);
}

/** Asserts deep, strict equality (prototypes, Sets, Maps, typed arrays and bigints included). */
export function assertEquals<T>(actual: unknown, expected: T, msg?: string): asserts actual is T {
  node.deepStrictEqual(actual, expected, msg);
}

/** Asserts deep, strict inequality. */
export function assertNotEquals(actual: unknown, expected: unknown, msg?: string): void {
  node.notDeepStrictEqual(actual, expected, msg);
}

/** Asserts `Object.is` identity. */
export function assertStrictEquals<T>(
  actual: unknown,
  expected: T,
  msg?: string,
): asserts actual is T {
  node.strictEqual(actual, expected, msg);
}

/** Asserts that `actual` is an instance of `cls`. */
export function assertInstanceOf<E>(
  actual: unknown,
  // deno-lint-ignore no-explicit-any
  cls: abstract new (...args: any[]) => E,
  msg?: string,
): asserts actual is E {
  node.ok(
    actual instanceof cls,
    msg ?? `expected an instance of ${cls.name}, found ${describe(actual)}`,
  );
}

/** Asserts that `actual` contains `expected` as a substring. */
export function assertStringIncludes(actual: string, expected: string, msg?: string): void {
  node.ok(
    actual.includes(expected),
    msg ?? `expected ${JSON.stringify(actual)} to include ${JSON.stringify(expected)}`,
  );
}

/** Asserts that `actual` matches `expected`. */
export function assertMatch(actual: string, expected: RegExp, msg?: string): void {
  node.match(actual, expected, msg);
}

/** Asserts that `actual` does not match `expected`. */
export function assertNotMatch(actual: string, expected: RegExp, msg?: string): void {
  node.doesNotMatch(actual, expected, msg);
}

/** Asserts that `actual < expected` or `actual <= expected`, and the other comparisons. */
export function assertLess<T>(actual: T, expected: T, msg?: string): void {
  node.ok(actual < expected, msg ?? `expected ${actual} < ${expected}`);
}

/** Asserts that `actual > expected`. */
export function assertGreater<T>(actual: T, expected: T, msg?: string): void {
  node.ok(actual > expected, msg ?? `expected ${actual} > ${expected}`);
}

/** Asserts that `actual >= expected`. */
export function assertGreaterOrEqual<T>(actual: T, expected: T, msg?: string): void {
  node.ok(actual >= expected, msg ?? `expected ${actual} >= ${expected}`);
}

/** Asserts that `actual <= expected`. */
export function assertLessOrEqual<T>(actual: T, expected: T, msg?: string): void {
  node.ok(actual <= expected, msg ?? `expected ${actual} <= ${expected}`);
}

/** Asserts that `obj` has at least the properties of `subset`, deeply. */
export function assertObjectMatch(
  actual: Record<PropertyKey, unknown>,
  expected: Record<PropertyKey, unknown>,
  msg?: string,
): void {
  node.partialDeepStrictEqual(actual, expected, msg);
}

/** Fails the test with `msg`. */
export function fail(msg?: string): never {
  node.fail(msg ?? "failed");
}

/** Marks code as unreachable. */
export function unreachable(msg?: string): never {
  node.fail(msg ?? "unreachable");
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return value.constructor?.name ?? "object";
  return typeof value;
}

function check<E extends Error>(
  error: unknown,
  cls?: ErrorClass<E>,
  msgIncludes?: string,
  msg?: string,
): E {
  if (cls && !(error instanceof cls)) {
    const found = error instanceof Error ? `${error.name}: ${error.message}` : describe(error);
    node.fail(msg ?? `expected error to be an instance of ${cls.name}, found ${found}`);
  }
  if (msgIncludes !== undefined) {
    const message = error instanceof Error ? error.message : String(error);
    node.ok(
      message.includes(msgIncludes),
      msg ??
        `expected error message to include ${JSON.stringify(msgIncludes)}, found ${
          JSON.stringify(message)
        }`,
    );
  }
  return error as E;
}

/**
 * Asserts that `fn` throws; with `cls`, that the error is an instance of it; with `msgIncludes`, that its
 * message contains that text. Returns the error.
 */
export function assertThrows(fn: () => unknown, msg?: string): Error;
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  cls: ErrorClass<E>,
  msgIncludes?: string,
  msg?: string,
): E;
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  clsOrMsg?: ErrorClass<E> | string,
  msgIncludes?: string,
  msg?: string,
): E | Error {
  try {
    fn();
  } catch (error) {
    if (typeof clsOrMsg === "function") return check(error, clsOrMsg, msgIncludes, msg);
    return check(error, undefined, undefined, clsOrMsg) as Error;
  }
  node.fail(typeof clsOrMsg === "string" ? clsOrMsg : msg ?? "expected the function to throw");
}

/** Like `assertThrows`, for a function returning a promise (or a promise itself). */
export async function assertRejects(fn: () => PromiseLike<unknown>, msg?: string): Promise<Error>;
export async function assertRejects<E extends Error = Error>(
  fn: () => PromiseLike<unknown>,
  cls: ErrorClass<E>,
  msgIncludes?: string,
  msg?: string,
): Promise<E>;
export async function assertRejects<E extends Error = Error>(
  fn: () => PromiseLike<unknown>,
  clsOrMsg?: ErrorClass<E> | string,
  msgIncludes?: string,
  msg?: string,
): Promise<E | Error> {
  try {
    await fn();
  } catch (error) {
    if (typeof clsOrMsg === "function") return check(error, clsOrMsg, msgIncludes, msg);
    return check(error, undefined, undefined, clsOrMsg) as Error;
  }
  node.fail(typeof clsOrMsg === "string" ? clsOrMsg : msg ?? "expected the promise to reject");
}

/**
 * Deno neuters `Object.prototype.__proto__`, so prototype-pollution tests prove nothing under Deno alone
 * (see ../shared/FACTS.md): this runs `body` with the standard accessor restored, then puts Deno's back.
 *
 * @module
 */

/** Runs `body` with the standard `Object.prototype.__proto__` accessor installed. */
export async function withStandardProto<T>(body: () => T | Promise<T>): Promise<T> {
  const original = Object.getOwnPropertyDescriptor(Object.prototype, "__proto__");
  Object.defineProperty(Object.prototype, "__proto__", {
    configurable: true,
    get(this: object) {
      return Object.getPrototypeOf(this);
    },
    set(this: object, proto: unknown) {
      if (typeof proto === "object" || typeof proto === "function") {
        Object.setPrototypeOf(this, proto);
      }
    },
  });
  try {
    return await body();
  } finally {
    if (original) Object.defineProperty(Object.prototype, "__proto__", original);
    else delete (Object.prototype as Record<string, unknown>).__proto__;
  }
}

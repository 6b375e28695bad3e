/**
 * dynafetch: a small, exact DynamoDB client for Deno, Cloudflare Workers, Bun, Node and browsers, built on
 * `fetch` and WebCrypto with no dependencies.
 *
 * @module
 */
export * from "./lib/errors/mod.ts";
export * from "./lib/codec/mod.ts";
export * from "./lib/expressions/mod.ts";
export * from "./lib/sigv4/mod.ts";
export * from "./lib/client/mod.ts";
export * from "./lib/table/mod.ts";

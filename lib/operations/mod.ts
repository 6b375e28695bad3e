/**
 * Operations as data: the descriptor table, the wire shapes of every operation's input and output, and the
 * pure functions that build requests and parse responses.
 *
 * @module
 */
export * from "./shapes.ts";
export * from "./item_operations.ts";
export * from "./table_operations.ts";
export * from "./statement_operations.ts";
export * from "./operations.ts";
export * from "./errors.ts";
export { buildRequest } from "./request.ts";
export type { BuiltRequest } from "./request.ts";
export { parseResponse } from "./response.ts";

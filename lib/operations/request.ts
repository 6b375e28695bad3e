/**
 * Building a request: the pure step from an operation name and its input to the `x-amz-target` header and
 * the JSON body, with the input checked before anything is sent.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { invalid } from "../errors.ts";
import { describe } from "../codec/_fault.ts";
import { isRecord } from "./_record.ts";
import { REQUIRED } from "./_required.ts";

/** The parts of a DynamoDB request that depend on the operation and its input. */
export type BuiltRequest = {
  /** The `x-amz-target` header, like `DynamoDB_20120810.PutItem`. */
  target: string;
  /** The JSON body. */
  body: string;
};

/**
 * Builds the target header and JSON body of a request.
 *
 * @param operation The API's operation name, like `PutItem`.
 * @param input The operation's input in wire form.
 * @returns The target and body.
 * @throws {ValidationError} When the name is not an operation name, the input is not an object, a
 * required field is missing or the input cannot be written as JSON.
 * @example
 * ```ts
 * import { buildRequest } from "@dynafetch/dynafetch";
 * import { assertEquals, assertThrows } from "@std/assert";
 *
 * const request = buildRequest("GetItem", { TableName: "t", Key: { id: { S: "1" } } });
 * assertEquals(request.target, "DynamoDB_20120810.GetItem");
 * assertEquals(request.body, '{"TableName":"t","Key":{"id":{"S":"1"}}}');
 * assertThrows(() => buildRequest("GetItem", { TableName: "t" }), Error, "Key");
 * ```
 */
export function buildRequest(operation: string, input: unknown): BuiltRequest {
  if (!/^[A-Z][A-Za-z0-9]{0,63}$/.test(operation)) {
    throw invalid("operation", "bad name", JSON.stringify(operation), "an operation like PutItem");
  }
  if (!isRecord(input)) {
    throw invalid("", `${operation} input must be an object`, describe(input), "a plain object");
  }
  for (const field of REQUIRED.get(operation) ?? []) {
    if (input[field] == null) throw invalid(field, `${operation} needs it`, "nothing", "a value");
  }
  let body: string;
  try {
    body = JSON.stringify(input);
  } catch (cause) {
    throw invalid(
      "",
      `${operation} input cannot be written as JSON`,
      String(cause),
      "plain data",
      cause,
    );
  }
  return { target: "DynamoDB_20120810." + operation, body };
}

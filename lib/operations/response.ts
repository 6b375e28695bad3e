/**
 * Parsing a response: the pure step from status and body text to the operation's output or a typed error.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { ResponseParseError, serviceError } from "./errors.ts";
import { isRecord } from "./_record.ts";

/**
 * Parses a DynamoDB response body.
 *
 * @param statusCode The HTTP status.
 * @param text The body as text.
 * @param requestId The `x-amzn-requestid` header, if any.
 * @returns The output object of a 2xx response.
 * @throws {DynamoDBError} The subclass for the error an error response carries.
 * @throws {ResponseParseError} When the body is not a JSON object.
 * @example
 * ```ts
 * import { ConditionalCheckFailedError, parseResponse } from "@dynafetch/dynafetch";
 * import { assertEquals, assertThrows } from "@std/assert";
 *
 * assertEquals(parseResponse(200, '{"Item":{"id":{"S":"1"}}}'), { Item: { id: { S: "1" } } });
 * assertThrows(
 *   () => parseResponse(400, '{"__type":"x#ConditionalCheckFailedException","message":"no"}'),
 *   ConditionalCheckFailedError,
 * );
 * ```
 */
export function parseResponse(
  statusCode: number,
  text: string,
  requestId?: string,
): Record<string, unknown> {
  const ok = statusCode >= 200 && statusCode < 300;
  // TagResource and UntagResource answer with no body (dynalite: the JSON string "").
  if (ok && (text === "" || text === '""')) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ResponseParseError(statusCode, text, requestId);
  }
  if (!isRecord(body)) throw new ResponseParseError(statusCode, text, requestId);
  if (ok) return body;
  throw serviceError(statusCode, body, requestId);
}

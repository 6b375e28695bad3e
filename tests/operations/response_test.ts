import fc from "fast-check";
import { assertEquals, assertInstanceOf, assertThrows } from "../assert.ts";
import { parseResponse } from "../../lib/operations/response.ts";
import {
  ConditionalCheckFailedError,
  DynamoDBError,
  ResponseParseError,
  TransactionCanceledError,
} from "../../lib/operations/errors.ts";

Deno.test("a 2xx JSON object is the output", () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (output) => {
      const text = JSON.stringify(output);
      // Compared as text: JSON has no -0, and "__proto__" keys differ between literals and parses.
      assertEquals(JSON.stringify(parseResponse(200, text)), text);
    }),
  );
});

Deno.test("an empty 2xx body (TagResource) is an empty output", () => {
  assertEquals(parseResponse(200, ""), {});
  assertEquals(parseResponse(200, '""'), {});
});

Deno.test("an error body becomes the subclass with code, status and request id", () => {
  const error = assertThrows(
    () =>
      parseResponse(
        400,
        JSON.stringify({
          __type: "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
          message: "The conditional request failed",
          Item: { id: { S: "1" }, n: { N: "2" } },
        }),
        "REQ1",
      ),
    ConditionalCheckFailedError,
  );
  assertEquals(error.code, "ConditionalCheckFailedException");
  assertEquals(error.statusCode, 400);
  assertEquals(error.requestId, "REQ1");
  assertEquals(error.item, { id: { S: "1" }, n: { N: "2" } });
  assertEquals(error.message, "ConditionalCheckFailedException: The conditional request failed");
});

Deno.test("a TransactionCanceledException carries its CancellationReasons", () => {
  const error = assertThrows(
    () =>
      parseResponse(
        400,
        JSON.stringify({
          __type: "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
          Message:
            "Transaction cancelled, please refer cancellation reasons for specific reasons " +
            "[None, ConditionalCheckFailed]",
          CancellationReasons: [
            { Code: "None" },
            {
              Code: "ConditionalCheckFailed",
              Message: "The conditional request failed",
              Item: { id: { S: "2" } },
            },
          ],
        }),
      ),
    TransactionCanceledError,
  );
  assertEquals(error.cancellationReasons, [
    { Code: "None" },
    {
      Code: "ConditionalCheckFailed",
      Message: "The conditional request failed",
      Item: { id: { S: "2" } },
    },
  ]);
});

Deno.test("a body that is not JSON, or not an object, is a ResponseParseError", () => {
  for (
    const [status, text] of [
      [502, "<html><head><title>502 Bad Gateway</title></head></html>"],
      [200, '{"Items":[{"id":{"S":"1"}},'],
      [200, "[1,2]"],
      [200, "null"],
      [400, "42"],
      [500, ""],
    ] as const
  ) {
    const error = assertThrows(() => parseResponse(status, text, "R"), ResponseParseError);
    assertEquals(error.statusCode, status);
    assertEquals(error.excerpt, text.slice(0, 200));
    assertEquals(error.requestId, "R");
  }
});

Deno.test("a long body is cut to a 200-character excerpt", () => {
  const error = assertThrows(() => parseResponse(503, "x".repeat(10_000)), ResponseParseError);
  assertEquals(error.excerpt.length, 200);
  assertEquals(error.retryable, true);
});

Deno.test("an error body without __type is a DynamoDBError named after the status", () => {
  const error = assertThrows(() => parseResponse(403, '{"message":"denied"}'), DynamoDBError);
  assertEquals(error.code, "HTTP403");
  assertEquals(error.message, "HTTP403: denied");
  assertInstanceOf(error, DynamoDBError);
});

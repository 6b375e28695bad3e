import { assertEquals, assertInstanceOf, assertOk } from "../assert.ts";
import {
  ConditionalCheckFailedError,
  DynamoDBError,
  ExpiredTokenError,
  isThrottlingCode,
  ItemCollectionSizeLimitExceededError,
  ProvisionedThroughputExceededError,
  ResourceInUseError,
  ResourceNotFoundError,
  ResponseParseError,
  serviceError,
  ServiceValidationError,
  ThrottlingError,
  TransactionCanceledError,
} from "../../lib/operations/errors.ts";
import { DynafetchError } from "../../lib/errors.ts";

const body = (code: string, extra: object = {}) => ({
  __type: `com.amazonaws.dynamodb.v20120810#${code}`,
  message: "m",
  ...extra,
});

Deno.test("each handled code maps to its class; others to DynamoDBError", () => {
  const cases = [
    ["ConditionalCheckFailedException", ConditionalCheckFailedError, false],
    ["TransactionCanceledException", TransactionCanceledError, false],
    ["ProvisionedThroughputExceededException", ProvisionedThroughputExceededError, true],
    ["ThrottlingException", ThrottlingError, true],
    ["RequestLimitExceeded", ThrottlingError, true],
    ["ResourceNotFoundException", ResourceNotFoundError, false],
    ["ResourceInUseException", ResourceInUseError, false],
    ["ValidationException", ServiceValidationError, false],
    ["ItemCollectionSizeLimitExceededException", ItemCollectionSizeLimitExceededError, false],
    ["ExpiredTokenException", ExpiredTokenError, false],
    ["AccessDeniedException", DynamoDBError, false],
    ["TransactionConflictException", DynamoDBError, false],
    ["LimitExceededException", DynamoDBError, true],
    ["TransactionInProgressException", DynamoDBError, true],
  ] as const;
  for (const [code, cls, retryable] of cases) {
    const error = serviceError(400, body(code), "id");
    assertInstanceOf(error, cls);
    assertInstanceOf(error, DynafetchError);
    assertEquals(error.constructor, cls, code);
    assertEquals(error.code, code);
    assertEquals(error.retryable, retryable, code);
    assertEquals(error.name, cls.name);
  }
});

Deno.test("the short code is the part of __type after #, or all of it", () => {
  assertEquals(serviceError(400, body("ValidationException")).code, "ValidationException");
  assertEquals(
    serviceError(400, { __type: "com.amazon.coral.validate#ValidationException" }).code,
    "ValidationException",
  );
  assertEquals(
    serviceError(400, { __type: "UnrecognizedClientException" }).code,
    "UnrecognizedClientException",
  );
  assertEquals(
    serviceError(400, { __type: "ExpiredTokenException" }).constructor,
    ExpiredTokenError,
  );
});

Deno.test("5xx and 429 are retryable whatever the code", () => {
  assertOk(serviceError(500, body("InternalServerError")).retryable);
  assertOk(serviceError(503, { __type: "x#ServiceUnavailable" }).retryable);
  assertOk(serviceError(500, body("ValidationException")).retryable);
  assertOk(serviceError(429, body("SomethingNew")).retryable);
  assertOk(!serviceError(400, body("SomethingNew")).retryable);
});

Deno.test("isThrottlingCode covers throttling codes and nothing that only looks like them", () => {
  for (
    const code of [
      "ProvisionedThroughputExceededException",
      "ThrottlingException",
      "Throttling",
      "ThrottledException",
      "RequestLimitExceeded",
      "TooManyRequestsException",
    ]
  ) assertOk(isThrottlingCode(code), code);
  for (
    const code of [
      "ConditionalCheckFailedException",
      "ItemCollectionSizeLimitExceededException",
      "LimitExceededException",
      "ValidationException",
    ]
  ) assertOk(!isThrottlingCode(code), code);
});

Deno.test("fields a caller acts on are typed and malformed extras are ignored", () => {
  const error = serviceError(400, body("ConditionalCheckFailedException", { Item: "nope" }));
  assertInstanceOf(error, ConditionalCheckFailedError);
  assertEquals(error.item, undefined);
  const cancelled = serviceError(
    400,
    body("TransactionCanceledException", { CancellationReasons: 5 }),
  );
  assertInstanceOf(cancelled, TransactionCanceledError);
  assertEquals(cancelled.cancellationReasons, []);
});

Deno.test("messages carry no more than the service said", () => {
  const error = serviceError(400, { __type: "x#ValidationException" });
  assertEquals(error.message, "ValidationException: (no message)");
  const parse = new ResponseParseError(429, "slow down");
  assertOk(parse.retryable);
  assertOk(!new ResponseParseError(403, "<html/>").retryable);
});

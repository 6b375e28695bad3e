/**
 * What the service said when a request failed: `DynamoDBError` with a subclass for each error a caller
 * handles differently, and `ResponseParseError` for a body that is not the JSON the protocol promises.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { DynafetchError, nameErrors } from "../errors.ts";
import type { AttributeMap } from "../codec/mod.ts";
import type { CancellationReason } from "./item_operations.ts";
import { isRecord } from "./_record.ts";

/** What a `DynamoDBError` carries besides its code and message. */
export interface DynamoDBErrorDetails {
  /** The HTTP status of the response. */
  statusCode: number;
  /** The `x-amzn-requestid` header, for AWS support. */
  requestId?: string;
  /** The parsed error body, for the fields some errors carry (`Item`, `CancellationReasons`). */
  body?: Record<string, unknown>;
}

// Codes that mean "slow down": retried, and counted in throughputExceededEvents.
const THROTTLE =
  /^(ProvisionedThroughputExceeded|Throttl(ing|ed)|RequestLimitExceeded|TooManyRequests)/;
// Codes that are retried with backoff though not throttling.
const TRANSIENT = /^(TransactionInProgress|LimitExceeded|InternalServerError|ServiceUnavailable)/;

/**
 * True when `code` (a short `__type`) means the caller is being throttled.
 *
 * @param code The short error code, like `ThrottlingException`.
 * @returns Whether it is a throttling error.
 * @example
 * ```ts
 * import { isThrottlingCode } from "@dynafetch/dynafetch";
 * import { assert } from "@std/assert";
 *
 * assert(isThrottlingCode("ProvisionedThroughputExceededException"));
 * assert(!isThrottlingCode("ConditionalCheckFailedException"));
 * ```
 */
export function isThrottlingCode(code: string): boolean {
  return THROTTLE.test(code);
}

/**
 * An error response from DynamoDB. `code` is the short `__type` (like `ValidationException`);
 * `retryable` says whether the client retried it (throttling, 429, 5xx); `attempts` how many attempts were made.
 *
 * @example
 * ```ts
 * import { DynamoDBError } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const error = new DynamoDBError("ThrottlingException", "Rate exceeded", { statusCode: 400 });
 * assertEquals(error.retryable, true);
 * assertEquals(error.message, "ThrottlingException: Rate exceeded");
 * ```
 */
export class DynamoDBError extends DynafetchError {
  /** The short error code, like `ConditionalCheckFailedException`. */
  declare readonly code: string;
  /** The HTTP status of the response. */
  declare readonly statusCode: number;
  /** The request id DynamoDB assigned, when it sent one. */
  declare readonly requestId?: string;
  /** Whether this error is retried (throttling, transient and 5xx errors). */
  declare readonly retryable: boolean;
  /** How many attempts were made before this error was thrown. */
  declare attempts: number;

  /** Makes an error for a service response with `code` and the service's `message`. */
  constructor(code: string, message: string, { statusCode, requestId }: DynamoDBErrorDetails) {
    super(`${code}: ${message}`);
    // Assigned rather than initialized fields (less code); each property exists, set even to undefined.
    this.code = code;
    this.statusCode = statusCode;
    this.requestId = requestId;
    this.retryable = THROTTLE.test(code) || TRANSIENT.test(code) || retryableStatus(statusCode);
    this.attempts = 1;
  }
}

/**
 * A condition expression was false. `item` holds the item as it was when the write asked for it with
 * `ReturnValuesOnConditionCheckFailure: "ALL_OLD"`.
 *
 * @example
 * ```ts
 * import { ConditionalCheckFailedError } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const error = new ConditionalCheckFailedError("ConditionalCheckFailedException", "failed", {
 *   statusCode: 400,
 *   body: { Item: { id: { S: "a" } } },
 * });
 * assertEquals(error.item, { id: { S: "a" } });
 * ```
 */
export class ConditionalCheckFailedError extends DynamoDBError {
  /** The item as it was, when the request asked for it. */
  declare readonly item?: AttributeMap;

  /** Makes the error, taking `Item` from the response body. */
  constructor(code: string, message: string, details: DynamoDBErrorDetails) {
    super(code, message, details);
    this.item = attributeMap(details.body?.Item);
  }
}

/**
 * A transaction was cancelled; `cancellationReasons` has one entry per action, in order, with `Code`
 * `None` for the actions that did not cause it.
 *
 * @example
 * ```ts
 * import { TransactionCanceledError } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const error = new TransactionCanceledError("TransactionCanceledException", "cancelled", {
 *   statusCode: 400,
 *   body: { CancellationReasons: [{ Code: "None" }, { Code: "ConditionalCheckFailed" }] },
 * });
 * assertEquals(error.cancellationReasons[1].Code, "ConditionalCheckFailed");
 * ```
 */
export class TransactionCanceledError extends DynamoDBError {
  /** Why each action failed, in the order of the request's actions. */
  declare readonly cancellationReasons: CancellationReason[];

  /** Makes the error, taking `CancellationReasons` from the response body. */
  constructor(code: string, message: string, details: DynamoDBErrorDetails) {
    super(code, message, details);
    const reasons = details.body?.CancellationReasons;
    this.cancellationReasons = Array.isArray(reasons)
      ? reasons.filter(isRecord).map(({ Code, Message, Item }) => {
        const reason: CancellationReason = {};
        if (typeof Code == "string") reason.Code = Code;
        if (typeof Message == "string") reason.Message = Message;
        const map = attributeMap(Item);
        if (map) reason.Item = map;
        return reason;
      })
      : [];
  }
}

/**
 * Provisioned throughput was exceeded (retried with backoff before it reaches you).
 *
 * @example
 * ```ts
 * import { ProvisionedThroughputExceededError, serviceError } from "@dynafetch/dynafetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const error = serviceError(400, {
 *   __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
 *   message: "m",
 * });
 * assert(error instanceof ProvisionedThroughputExceededError);
 * assertEquals(error.code, "ProvisionedThroughputExceededException");
 * ```
 */
export class ProvisionedThroughputExceededError extends DynamoDBError {}

/**
 * The request rate was too high for the account or table (retried with backoff before it reaches you).
 *
 * @example
 * ```ts
 * import { serviceError, ThrottlingError } from "@dynafetch/dynafetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const error = serviceError(400, {
 *   __type: "com.amazonaws.dynamodb.v20120810#ThrottlingException",
 *   message: "m",
 * });
 * assert(error instanceof ThrottlingError);
 * assertEquals(error.code, "ThrottlingException");
 * ```
 */
export class ThrottlingError extends DynamoDBError {}

/**
 * The table or index does not exist, or is not ACTIVE yet.
 *
 * @example
 * ```ts
 * import { ResourceNotFoundError, serviceError } from "@dynafetch/dynafetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const error = serviceError(400, {
 *   __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
 *   message: "m",
 * });
 * assert(error instanceof ResourceNotFoundError);
 * assertEquals(error.code, "ResourceNotFoundException");
 * ```
 */
export class ResourceNotFoundError extends DynamoDBError {}

/**
 * The table is being created, updated or deleted, or already exists.
 *
 * @example
 * ```ts
 * import { ResourceInUseError, serviceError } from "@dynafetch/dynafetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const error = serviceError(400, {
 *   __type: "com.amazonaws.dynamodb.v20120810#ResourceInUseException",
 *   message: "m",
 * });
 * assert(error instanceof ResourceInUseError);
 * assertEquals(error.code, "ResourceInUseException");
 * ```
 */
export class ResourceInUseError extends DynamoDBError {}

/**
 * The service rejected the request as invalid (`ValidationException`).
 *
 * @example
 * ```ts
 * import { serviceError, ServiceValidationError } from "@dynafetch/dynafetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const error = serviceError(400, {
 *   __type: "com.amazonaws.dynamodb.v20120810#ValidationException",
 *   message: "m",
 * });
 * assert(error instanceof ServiceValidationError);
 * assertEquals(error.code, "ValidationException");
 * ```
 */
export class ServiceValidationError extends DynamoDBError {}

/**
 * An item collection (items sharing a partition key, with local indexes) passed 10 GB.
 *
 * @example
 * ```ts
 * import { ItemCollectionSizeLimitExceededError, serviceError } from "@dynafetch/dynafetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const error = serviceError(400, {
 *   __type: "com.amazonaws.dynamodb.v20120810#ItemCollectionSizeLimitExceededException",
 *   message: "m",
 * });
 * assert(error instanceof ItemCollectionSizeLimitExceededError);
 * assertEquals(error.code, "ItemCollectionSizeLimitExceededException");
 * ```
 */
export class ItemCollectionSizeLimitExceededError extends DynamoDBError {}

/**
 * The session token expired; the client refreshed the credentials once and it still failed.
 *
 * @example
 * ```ts
 * import { ExpiredTokenError, serviceError } from "@dynafetch/dynafetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const error = serviceError(400, {
 *   __type: "com.amazonaws.dynamodb.v20120810#ExpiredTokenException",
 *   message: "m",
 * });
 * assert(error instanceof ExpiredTokenError);
 * assertEquals(error.code, "ExpiredTokenException");
 * ```
 */
export class ExpiredTokenError extends DynamoDBError {}

// The short codes the subclasses stand for ("*" is "Exception"), and the subclass of each, in order;
// every other code is a plain DynamoDBError.
const CODES =
  "ConditionalCheckFailed* TransactionCanceled* ProvisionedThroughputExceeded* Throttling* " +
  "Throttling RequestLimitExceeded ResourceNotFound* ResourceInUse* Validation* " +
  "ItemCollectionSizeLimitExceeded* ExpiredToken*";
const CLASSES = [
  ConditionalCheckFailedError,
  TransactionCanceledError,
  ProvisionedThroughputExceededError,
  ThrottlingError,
  ThrottlingError,
  ThrottlingError,
  ResourceNotFoundError,
  ResourceInUseError,
  ServiceValidationError,
  ItemCollectionSizeLimitExceededError,
  ExpiredTokenError,
];

/**
 * Makes the `DynamoDBError` subclass for an error response body, like
 * `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"..."}`.
 *
 * @param statusCode The HTTP status.
 * @param body The parsed body.
 * @param requestId The `x-amzn-requestid` header, if any.
 * @returns The error (not thrown).
 * @example
 * ```ts
 * import { ResourceNotFoundError, serviceError } from "@dynafetch/dynafetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const error = serviceError(400, {
 *   __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
 *   message: "Requested resource not found",
 * });
 * assert(error instanceof ResourceNotFoundError);
 * assertEquals(error.code, "ResourceNotFoundException");
 * ```
 */
export function serviceError(
  statusCode: number,
  body: Record<string, unknown>,
  requestId?: string,
): DynamoDBError {
  const type = typeof body.__type === "string" ? body.__type : "";
  const code = type.slice(type.lastIndexOf("#") + 1) || `HTTP${statusCode}`;
  const text = body.message ?? body.Message;
  const message = typeof text === "string" ? text : "(no message)";
  const Class = CLASSES[CODES.replace(/\*/g, "Exception").split(" ").indexOf(code)] ??
    DynamoDBError;
  return new Class(code, message, { statusCode, requestId, body });
}

/**
 * The response body was not the JSON DynamoDB sends (an HTML page from a proxy, a truncated body): it
 * carries the HTTP status and a short excerpt of what came back.
 *
 * @example
 * ```ts
 * import { ResponseParseError } from "@dynafetch/dynafetch";
 * import { assertEquals, assertMatch } from "@std/assert";
 *
 * const error = new ResponseParseError(502, "<html>Bad Gateway</html>");
 * assertEquals(error.retryable, true);
 * assertMatch(error.message, /HTTP 502/);
 * ```
 */
export class ResponseParseError extends DynafetchError {
  /** The HTTP status of the response. */
  declare readonly statusCode: number;
  /** Up to 200 characters of the body. */
  declare readonly excerpt: string;
  /** The request id, when the response had one. */
  declare readonly requestId?: string;
  /** Whether this error is retried: for 5xx and 429 responses. */
  declare readonly retryable: boolean;
  /** How many attempts were made before this error was thrown. */
  declare attempts: number;

  /** Makes the error for a response with `statusCode` whose body starts with `body`. */
  constructor(statusCode: number, body: string, requestId?: string) {
    const excerpt = body.slice(0, 200).replace(/\s+/g, " ");
    super(`HTTP ${statusCode}, not DynamoDB JSON: ${JSON.stringify(excerpt)}`);
    this.statusCode = statusCode;
    this.excerpt = excerpt;
    this.requestId = requestId;
    this.retryable = retryableStatus(statusCode);
    this.attempts = 1;
  }
}

// A 5xx or 429 is retried whatever the body says.
function retryableStatus(status: number): boolean {
  return status > 499 || status == 429;
}

// The service's `Item`, when it is an object, as the AttributeMap the API documents: the entries that
// are objects.
function attributeMap(value: unknown): AttributeMap | undefined {
  if (!isRecord(value)) return;
  const map: AttributeMap = {};
  for (const key in value) {
    const av = value[key];
    if (isRecord(av)) Object.assign(map, { [key]: av });
  }
  return map;
}

nameErrors(
  "DynamoDBError ResponseParseError ConditionalCheckFailedError TransactionCanceledError " +
    "ProvisionedThroughputExceededError ThrottlingError ResourceNotFoundError ResourceInUseError " +
    "ServiceValidationError ItemCollectionSizeLimitExceededError ExpiredTokenError",
  DynamoDBError,
  ResponseParseError,
  // The subclasses, each once, in CLASSES' order.
  ...new Set(CLASSES),
);

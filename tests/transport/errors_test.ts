import { assertEquals, assertInstanceOf, assertOk } from "../assert.ts";
import {
  ChecksumError,
  NetworkError,
  TimeoutError,
  TransportError,
} from "../../lib/transport/errors.ts";
import { DynafetchError } from "../../lib/errors.ts";

Deno.test("transport errors are retryable DynafetchErrors with a cause and attempts", () => {
  const cause = new TypeError("reset");
  for (const error of [new NetworkError("n", { cause }), new TimeoutError("t", { cause })]) {
    assertInstanceOf(error, TransportError);
    assertInstanceOf(error, DynafetchError);
    assertOk(error.retryable);
    assertEquals(error.attempts, 1);
    assertEquals(error.cause, cause);
  }
  assertEquals(new TimeoutError("t").name, "TimeoutError");
});

Deno.test("ChecksumError says both checksums", () => {
  const error = new ChecksumError(1, 2);
  assertInstanceOf(error, TransportError);
  assertEquals(error.message, "body CRC-32 2, x-amz-crc32 1");
});

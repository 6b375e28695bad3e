import {
  assertEquals,
  assertInstanceOf,
  assertLess,
  assertRejects,
  assertStrictEquals,
  assertStringIncludes,
} from "../assert.ts";
import { send } from "../../lib/transport/send.ts";
import { fetchTransport } from "../../lib/transport/http.ts";
import type { ClientEvent, TransportConfig } from "../../lib/transport/send.ts";
import { ChecksumError, NetworkError, TimeoutError } from "../../lib/transport/errors.ts";
import {
  ConditionalCheckFailedError,
  DynamoDBError,
  ExpiredTokenError,
  ProvisionedThroughputExceededError,
  ResourceNotFoundError,
  ResponseParseError,
  ServiceValidationError,
  ThrottlingError,
} from "../../lib/operations/errors.ts";
import { ValidationError } from "../../lib/errors.ts";
import { errorBody, fakeFetch, type Reply } from "./_fake_fetch.ts";

const TIMEOUT = 1234;
const GET = { TableName: "t", Key: { id: { S: "1" } } };

function setup(replies: Reply[], overrides: Partial<TransportConfig> = {}) {
  const { fetch, seen } = fakeFetch(replies);
  const sleeps: number[] = [];
  let clock = 1_700_000_000_000;
  const config: TransportConfig = {
    url: "https://dynamodb.eu-west-1.amazonaws.com/",
    region: "eu-west-1",
    credentials: () => ({ accessKeyId: "AKID", secretAccessKey: "secret" }),
    refreshable: false,
    transport: fetchTransport(fetch),
    maxAttempts: 10,
    timeoutMs: 0,
    validateChecksums: true,
    baseDelayMs: 50,
    maxDelayMs: 20_000,
    now: () => (clock += 7),
    // Backoff sleeps are recorded and return at once; a timeout sleep lets a little real time pass.
    sleep: (ms, signal) => {
      if (ms === TIMEOUT) return new Promise((resolve) => setTimeout(resolve, 5));
      sleeps.push(ms);
      signal?.throwIfAborted();
      return Promise.resolve();
    },
    random: () => 0.5,
    ...overrides,
  };
  const counters = { throughputExceededEvents: 0 };
  return { config, counters, seen, sleeps };
}

Deno.test("send posts the signed JSON request and returns the parsed output", async () => {
  const { config, counters, seen } = setup([{ body: '{"Item":{"id":{"S":"1"}}}' }]);
  const output = await send(config, counters, "GetItem", GET);
  assertEquals(output, { Item: { id: { S: "1" } } });
  assertEquals(seen.length, 1);
  assertEquals(seen[0].url, "https://dynamodb.eu-west-1.amazonaws.com/");
  assertEquals(seen[0].json, GET);
  assertEquals(seen[0].headers["content-type"], "application/x-amz-json-1.0");
  assertEquals(seen[0].headers["x-amz-target"], "DynamoDB_20120810.GetItem");
  assertStringIncludes(seen[0].headers.authorization, "Credential=AKID/");
  assertStringIncludes(seen[0].headers.authorization, "/eu-west-1/dynamodb/aws4_request");
  assertEquals(seen[0].headers.host, undefined);
});

Deno.test("send signs with the injected clock's date", async () => {
  const { config, counters, seen } = setup([{}], { now: () => Date.UTC(2024, 0, 2, 3, 4, 5) });
  await send(config, counters, "ListTables", {});
  assertEquals(seen[0].headers["x-amz-date"], "20240102T030405Z");
});

Deno.test("bad input is a ValidationError and nothing is sent", async () => {
  const { config, counters, seen } = setup([{}]);
  await assertRejects(() => send(config, counters, "GetItem", { TableName: "t" }), ValidationError);
  await assertRejects(() => send(config, counters, "bad name", {}), ValidationError);
  assertEquals(seen.length, 0);
});

Deno.test("throttling is retried with full-jitter backoff and counted", async () => {
  const { config, counters, seen, sleeps } = setup([
    { status: 400, body: errorBody("ProvisionedThroughputExceededException") },
    { status: 400, body: errorBody("ThrottlingException") },
    { status: 400, body: errorBody("RequestLimitExceeded") },
    { body: "{}" },
  ]);
  assertEquals(await send(config, counters, "GetItem", GET), {});
  assertEquals(seen.length, 4);
  // random() = 0.5 of a ceiling that starts at 50 ms and doubles.
  assertEquals(sleeps, [25, 50, 100]);
  assertEquals(counters.throughputExceededEvents, 3);
});

Deno.test("5xx is retried until maxAttempts, then thrown with the attempt count", async () => {
  const { config, counters, seen, sleeps } = setup(
    [{ status: 500, body: errorBody("InternalServerError") }],
    { maxAttempts: 4 },
  );
  const error = await assertRejects(() => send(config, counters, "GetItem", GET), DynamoDBError);
  assertEquals(error.code, "InternalServerError");
  assertEquals(error.statusCode, 500);
  assertEquals(error.retryable, true);
  assertEquals(error.attempts, 4);
  assertEquals(error.requestId, "req-4");
  assertEquals(seen.length, 4);
  assertEquals(sleeps.length, 3);
  assertEquals(counters.throughputExceededEvents, 0);
});

Deno.test("the default ten attempts apply to persistent throttling", async () => {
  const { config, counters, seen } = setup([
    { status: 400, body: errorBody("ProvisionedThroughputExceededException") },
  ]);
  const error = await assertRejects(
    () => send(config, counters, "GetItem", GET),
    ProvisionedThroughputExceededError,
  );
  assertEquals(error.attempts, 10);
  assertEquals(seen.length, 10);
  assertEquals(counters.throughputExceededEvents, 10);
});

Deno.test("backoff delays stay under the cap", async () => {
  const { config, counters, sleeps } = setup(
    [{ status: 503, body: "{}" }],
    { maxAttempts: 12, random: () => 0.999999, maxDelayMs: 1000 },
  );
  await assertRejects(() => send(config, counters, "GetItem", GET), DynamoDBError);
  assertEquals(sleeps.length, 11);
  for (const ms of sleeps) assertLess(ms, 1000);
  assertEquals(sleeps.slice(0, 5), [49, 99, 199, 399, 799]);
  assertEquals(sleeps.at(-1), 999);
});

for (
  const [code, cls] of [
    ["ValidationException", ServiceValidationError],
    ["ConditionalCheckFailedException", ConditionalCheckFailedError],
    ["ResourceNotFoundException", ResourceNotFoundError],
  ] as const
) {
  Deno.test(`${code} is not retried`, async () => {
    const { config, counters, seen, sleeps } = setup([{ status: 400, body: errorBody(code) }]);
    const error = await assertRejects(() => send(config, counters, "GetItem", GET), cls);
    assertEquals(error.attempts, 1);
    assertEquals(error.retryable, false);
    assertEquals(seen.length, 1);
    assertEquals(sleeps, []);
  });
}

Deno.test("network errors are retried, then thrown as NetworkError with the cause", async () => {
  const cause = new TypeError("connection refused");
  const { config, counters, seen } = setup([cause], { maxAttempts: 3 });
  const error = await assertRejects(() => send(config, counters, "GetItem", GET), NetworkError);
  assertStrictEquals(error.cause, cause);
  assertEquals(error.attempts, 3);
  assertEquals(seen.length, 3);
  assertStringIncludes(error.message, "connection refused");
});

Deno.test("a network error then success returns the output", async () => {
  const { config, counters, seen } = setup([new TypeError("reset"), { body: '{"Count":1}' }]);
  assertEquals(await send(config, counters, "Scan", { TableName: "t" }), { Count: 1 });
  assertEquals(seen.length, 2);
});

Deno.test("an attempt past timeoutMs is aborted and retried", async () => {
  const { config, counters, seen } = setup(["hang", { body: '{"Count":2}' }], {
    timeoutMs: TIMEOUT,
  });
  assertEquals(await send(config, counters, "Scan", { TableName: "t" }), { Count: 2 });
  assertEquals(seen.length, 2);
});

Deno.test("timeouts on every attempt end in TimeoutError; call.timeoutMs overrides", async () => {
  const { config, counters, seen } = setup(["hang"], { maxAttempts: 2, timeoutMs: 0 });
  const error = await assertRejects(
    () => send(config, counters, "Scan", { TableName: "t" }, { timeoutMs: TIMEOUT }),
    TimeoutError,
  );
  assertEquals(error.attempts, 2);
  assertEquals(seen.length, 2);
  assertStringIncludes(error.message, `${TIMEOUT} ms`);
});

Deno.test("a CRC-32 mismatch is retried, then thrown as ChecksumError", async () => {
  const body = '{"Item":{"id":{"S":"1"}}}';
  const good = await send(
    ...args(setup([{ body, crc: 1 }, { body }]), "GetItem", GET),
  );
  assertEquals(good, { Item: { id: { S: "1" } } });
  const { config, counters, seen } = setup([{ body, crc: 1 }], { maxAttempts: 3 });
  const error = await assertRejects(() => send(config, counters, "GetItem", GET), ChecksumError);
  assertEquals(error.expected, 1);
  assertEquals(error.attempts, 3);
  assertEquals(seen.length, 3);
});

Deno.test("validateChecksums: false and compressed bodies skip the CRC-32 check", async () => {
  const off = setup([{ body: "{}", crc: 1 }], { validateChecksums: false });
  assertEquals(await send(off.config, off.counters, "GetItem", GET), {});
  const gz = setup([{ body: "{}", crc: 1, headers: { "content-encoding": "gzip" } }]);
  assertEquals(await send(gz.config, gz.counters, "GetItem", GET), {});
  const absent = setup([{ body: "{}", crc: false }]);
  assertEquals(await send(absent.config, absent.counters, "GetItem", GET), {});
});

Deno.test("an aborted signal rejects with its reason before anything is sent", async () => {
  const { config, counters, seen } = setup([{}]);
  const reason = new Error("stop");
  await assertRejects(
    () => send(config, counters, "GetItem", GET, { signal: AbortSignal.abort(reason) }),
    Error,
    "stop",
  );
  assertEquals(seen.length, 0);
});

Deno.test("aborting during fetch rejects with the reason and does not retry", async () => {
  const { config, counters, seen } = setup(["hang"]);
  const controller = new AbortController();
  const pending = send(config, counters, "GetItem", GET, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error("user cancelled")), 1);
  await assertRejects(() => pending, Error, "user cancelled");
  assertEquals(seen.length, 1);
});

Deno.test("aborting during a backoff wait rejects with the reason", async () => {
  const controller = new AbortController();
  const { config, counters, seen } = setup([{ status: 500, body: "{}" }], {
    sleep: (_ms, signal) => {
      controller.abort(new Error("gave up"));
      signal?.throwIfAborted();
      return Promise.resolve();
    },
  });
  await assertRejects(
    () => send(config, counters, "GetItem", GET, { signal: controller.signal }),
    Error,
    "gave up",
  );
  assertEquals(seen.length, 1);
});

Deno.test("aborting while the credentials provider works rejects at once", async () => {
  const controller = new AbortController();
  let release = () => {};
  const { config, counters, seen } = setup([{}], {
    credentials: () =>
      new Promise((resolve) => {
        release = () => resolve({ accessKeyId: "A", secretAccessKey: "s" });
      }),
  });
  const pending = send(config, counters, "GetItem", GET, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error("no wait")), 1);
  await assertRejects(() => pending, Error, "no wait");
  release();
  assertEquals(seen.length, 0);
});

Deno.test("an expired token refreshes the credentials and retries once", async () => {
  const calls: (boolean | undefined)[] = [];
  const credentials = (force: boolean) => {
    calls.push(force);
    return { accessKeyId: force ? "NEW" : "OLD", secretAccessKey: "s", sessionToken: "tok" };
  };
  const ok = setup([{ status: 400, body: errorBody("ExpiredTokenException") }, { body: "{}" }], {
    credentials,
    refreshable: true,
  });
  assertEquals(await send(ok.config, ok.counters, "GetItem", GET), {});
  assertEquals(calls, [false, true]);
  assertStringIncludes(ok.seen[1].headers.authorization, "Credential=NEW/");
  assertEquals(ok.sleeps, []);

  calls.length = 0;
  const bad = setup([{ status: 400, body: errorBody("ExpiredTokenException") }], {
    credentials,
    refreshable: true,
  });
  const error = await assertRejects(
    () => send(bad.config, bad.counters, "GetItem", GET),
    ExpiredTokenError,
  );
  assertEquals(calls, [false, true]);
  assertEquals(error.attempts, 2);
  assertEquals(bad.seen.length, 2);
});

Deno.test("an expired static token is not retried", async () => {
  const { config, counters, seen } = setup([
    { status: 400, body: errorBody("ExpiredTokenException") },
  ]);
  await assertRejects(() => send(config, counters, "GetItem", GET), ExpiredTokenError);
  assertEquals(seen.length, 1);
});

Deno.test("onEvent sees requests with secrets redacted, responses and retries", async () => {
  const events: ClientEvent[] = [];
  const { config, counters } = setup(
    [{ status: 400, body: errorBody("ThrottlingException") }, { body: "{}" }],
    {
      credentials: () => ({
        accessKeyId: "AKID",
        secretAccessKey: "SECRET",
        sessionToken: "TOKEN",
      }),
      onEvent: (event) => events.push(event),
    },
  );
  await send(config, counters, "GetItem", GET);
  assertEquals(events.map((e) => e.type), ["request", "response", "retry", "request", "response"]);
  const [request, response, retry] = events;
  if (request.type !== "request" || response.type !== "response" || retry.type !== "retry") {
    throw new Error("unexpected event order");
  }
  assertEquals(request.headers.authorization, "[redacted]");
  assertEquals(request.headers["x-amz-security-token"], "[redacted]");
  assertEquals(request.body, JSON.stringify(GET));
  const text = JSON.stringify(events);
  assertEquals(text.includes("SECRET") || text.includes("TOKEN"), false);
  assertEquals(response.statusCode, 400);
  assertEquals(response.requestId, "req-1");
  assertEquals(response.durationMs, 7);
  assertEquals(retry.delayMs, 25);
  assertInstanceOf(retry.error, ThrottlingError);
});

Deno.test("an HTML page from a proxy is a ResponseParseError, retried on 5xx", async () => {
  const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
  const { config, counters, seen } = setup([{ status: 502, body: html, crc: false }], {
    maxAttempts: 2,
  });
  const error = await assertRejects(
    () => send(config, counters, "GetItem", GET),
    ResponseParseError,
  );
  assertEquals(error.statusCode, 502);
  assertStringIncludes(error.excerpt, "502 Bad Gateway");
  assertEquals(error.attempts, 2);
  assertEquals(seen.length, 2);
});

Deno.test("truncated JSON on 200 is a ResponseParseError, not retried", async () => {
  const { config, counters, seen } = setup([{ body: '{"Item":{"id":', crc: false }]);
  const error = await assertRejects(
    () => send(config, counters, "GetItem", GET),
    ResponseParseError,
  );
  assertEquals(error.statusCode, 200);
  assertEquals(error.excerpt, '{"Item":{"id":');
  assertEquals(seen.length, 1);
});

Deno.test("a transient error then success returns the output and counts attempts", async () => {
  const { config, counters, seen } = setup([
    { status: 400, body: errorBody("LimitExceededException") },
    { status: 400, body: errorBody("TransactionInProgressException") },
    { body: "{}" },
  ]);
  await send(config, counters, "TransactWriteItems", { TransactItems: [] });
  assertEquals(seen.length, 3);
  assertEquals(counters.throughputExceededEvents, 0);
});

function args(
  s: ReturnType<typeof setup>,
  operation: string,
  input: object,
): Parameters<typeof send> {
  return [s.config, s.counters, operation, input];
}

Deno.test("a body that stalls after the headers is cut by the timeout and by the caller's signal", async () => {
  let stalled: ReadableStreamDefaultController<Uint8Array> | undefined;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"Items":['));
            stalled = controller; // never closed: the body stalls
          },
        }),
        { headers: { "content-type": "application/x-amz-json-1.0" } },
      ),
  );
  const url = `http://127.0.0.1:${server.addr.port}/`;
  try {
    const { config, counters } = setup([], {
      url,
      transport: fetchTransport(),
      sleep: (ms, signal) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, Math.min(ms, 50));
          signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        }),
      timeoutMs: 50,
      maxAttempts: 2,
    });
    const error = await assertRejects(
      () => send(config, counters, "Scan", { TableName: "t" }),
      TimeoutError,
    );
    assertEquals(error.attempts, 2);

    const controller = new AbortController();
    const pending = send({ ...config, timeoutMs: 0 }, counters, "Scan", { TableName: "t" }, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("caller gave up")), 30);
    await assertRejects(() => pending, Error, "caller gave up");
  } finally {
    stalled?.close();
    await server.shutdown();
  }
});

Deno.test("a transport's native SHA-256 signs the body under auto, taken once per call", async () => {
  const body = '{"Item":{"id":{"S":"1"}}}';
  // A wrong hash shows where it was used: it changes the signature.
  const signed = async (hashing: TransportConfig["hashing"], hash: string | undefined) => {
    const { config, counters, seen } = setup([{ status: 500, body: "{}" }, { body }], { hashing });
    const hashed: string[] = [];
    config.transport = Object.assign(config.transport, {
      sha256: (text: string) => (hashed.push(text), hash),
    });
    return { output: await send(config, counters, "GetItem", GET), seen, hashed };
  };
  const plain = await signed(undefined, undefined);
  assertEquals(plain.output, { Item: { id: { S: "1" } } });
  assertEquals(plain.hashed, [JSON.stringify(GET)]);
  const authorization = (s: { seen: { headers: Record<string, string> }[] }) =>
    s.seen.map((request) => request.headers.authorization.split("Signature=")[1]);
  // Under "auto" the hash is asked for once and used on both attempts.
  const wrong = await signed("auto", "0".repeat(64));
  assertEquals(wrong.hashed.length, 1);
  assertEquals(authorization(wrong).every((s, i) => s !== authorization(plain)[i]), true);
  // An explicit engine is never handed the transport's hash.
  for (const hashing of ["js", "webcrypto"] as const) {
    const forced = await signed(hashing, "0".repeat(64));
    assertEquals([forced.hashed, authorization(forced)], [[], authorization(plain)]);
  }
});

Deno.test("a transport's native CRC-32 checks the body; until it is ready, the built-in one does", async () => {
  const body = '{"Item":{"id":{"S":"1"}}}';
  const withCrc = (crc32: (bytes: Uint8Array) => number | undefined, maxAttempts = 1) => {
    const { config, counters } = setup([{ body }], { maxAttempts });
    config.transport = Object.assign(config.transport, { crc32 });
    return send(config, counters, "GetItem", GET);
  };
  const error = await assertRejects(() => withCrc(() => 7), ChecksumError);
  assertEquals(error.actual, 7);
  assertEquals(await withCrc(() => undefined), { Item: { id: { S: "1" } } });
});

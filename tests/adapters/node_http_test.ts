// The node:http transport: the client's operations against dynalite, connection reuse as onEvent
// reports it, and the faults a socket brings (reset mid-response, timeout, a pooled socket the server
// closed, refused connections, abort, a damaged body), each against a small node:http server of our own.
import {
  assertEquals,
  assertInstanceOf,
  assertRejects,
  assertStrictEquals,
  assertStringIncludes,
} from "../assert.ts";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { Socket } from "node:net";
import { type NodeHttpOptions, nodeHttpTransport } from "../../lib/adapters/node_http.ts";
import { DynamoDB } from "../../lib/client/dynamodb.ts";
import type { DynamoDBOptions } from "../../lib/client/options.ts";
import { crc32 } from "../../lib/transport/crc32.ts";
import { ChecksumError, NetworkError, TimeoutError } from "../../lib/transport/errors.ts";
import type { ClientEvent } from "../../lib/transport/send.ts";
import { startLocalDynamo } from "../../testing.ts";
import fc from "fast-check";
import { signRequest } from "../../lib/sigv4/mod.ts";
import { sha256Hex } from "../../lib/sigv4/_sha256.ts";
import type { HttpTransport } from "../../lib/transport/http.ts";
import { TEST_CERT, TEST_KEY } from "./_tls_fixture.ts";

const CREDENTIALS = { accessKeyId: "AKID", secretAccessKey: "secret" };

/**
 * A server of our own (https with the test certificate when `tls`): each request, read in full, goes
 * to `handle` with the index of its socket and how many requests that socket carried before.
 */
async function serve(
  handle: (
    req: IncomingMessage,
    res: ServerResponse,
    socket: number,
    earlier: number,
    body: string,
  ) => void,
  tls = false,
): Promise<{ url: string; sockets: Socket[]; requests: number; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const served = new Map<Socket, number>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    state.requests++;
    const earlier = served.get(req.socket) ?? 0;
    served.set(req.socket, earlier + 1);
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => body += chunk);
    req.on("end", () => handle(req, res, sockets.indexOf(req.socket), earlier, body));
  };
  const server = tls
    ? createTlsServer({ cert: TEST_CERT, key: TEST_KEY }, listener)
    : createServer(listener);
  server.on(tls ? "secureConnection" : "connection", (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const state = {
    url: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    sockets,
    requests: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return state;
}

/** Answers like DynamoDB: JSON with its CRC-32 (or `crc` when given). */
function answer(res: ServerResponse, body: string, crc?: number): void {
  const bytes = new TextEncoder().encode(body);
  res.writeHead(200, {
    "content-type": "application/x-amz-json-1.0",
    "content-length": String(bytes.length),
    "x-amz-crc32": String(crc ?? crc32(bytes)),
  });
  res.end(bytes);
}

/** A client of `url` over a fresh node:http transport, recording its events; close it after use. */
function client(url: string, options: DynamoDBOptions = {}, http: NodeHttpOptions = {}) {
  const transport = nodeHttpTransport(http);
  const events: ClientEvent[] = [];
  const db = new DynamoDB({
    endpoint: url,
    region: "us-east-1",
    credentials: CREDENTIALS,
    transport,
    retryBaseMs: 1,
    onEvent: (event) => events.push(event),
    ...options,
  });
  const of = (type: ClientEvent["type"]) => events.filter((e) => e.type === type);
  return { db, events, of, transport };
}

Deno.test("node:http: put, get, query and batch write against dynalite, sockets reused", async () => {
  const local = await startLocalDynamo();
  const { db, of, transport } = client(local.endpoint);
  try {
    await db.createTable({
      TableName: "things",
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, {
        AttributeName: "sk",
        KeyType: "RANGE",
      }],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "N" },
      ],
      BillingMode: "PAY_PER_REQUEST",
    });
    // Multi-byte text: the Content-Length must count bytes, or dynalite reads a cut body.
    const name = "Zoë ✓ 😀 ".repeat(50);
    await db.putItem({
      TableName: "things",
      Item: { pk: { S: "a" }, sk: { N: "0" }, name: { S: name } },
    });
    const { Item } = await db.getItem({
      TableName: "things",
      Key: { pk: { S: "a" }, sk: { N: "0" } },
    });
    assertEquals(Item?.name, { S: name });
    const puts = Array.from({ length: 25 }, (_, i) => ({
      PutRequest: { Item: { pk: { S: "a" }, sk: { N: String(i + 1) } } },
    }));
    const written = await db.batchWriteItem({ RequestItems: { things: puts } });
    assertEquals(written.UnprocessedItems, {});
    const page = await db.query({
      TableName: "things",
      KeyConditionExpression: "pk = :pk AND sk > :zero",
      ExpressionAttributeValues: { ":pk": { S: "a" }, ":zero": { N: "0" } },
      Limit: 20,
    });
    assertEquals(page.Items?.length, 20);
    assertEquals(page.LastEvaluatedKey, { pk: { S: "a" }, sk: { N: "20" } });
    const rest = await db.query({
      TableName: "things",
      KeyConditionExpression: "pk = :pk AND sk > :zero",
      ExpressionAttributeValues: { ":pk": { S: "a" }, ":zero": { N: "0" } },
      ExclusiveStartKey: page.LastEvaluatedKey,
    });
    assertEquals(
      rest.Items?.map((item) => item.sk),
      [21, 22, 23, 24, 25].map((n) => ({ N: `${n}` })),
    );
    // One socket for the sequential calls: the first opened it, each later one reused it.
    const reused = of("response").map((e) => e.type === "response" && e.reusedConnection);
    assertEquals(reused, [false, true, true, true, true, true]);
    assertEquals(of("retry"), []);
  } finally {
    transport.close();
    await local.close();
  }
});

Deno.test("node:http: a reset mid-response is a NetworkError, retried on a new socket", async () => {
  let resets = 1;
  const server = await serve((_req, res) => {
    if (resets-- > 0) {
      res.writeHead(200, { "content-length": "100" });
      res.write('{"Items":[');
      setTimeout(() => res.socket?.destroy(), 5);
    } else answer(res, '{"Count":0}');
  });
  const { db, of, transport } = client(server.url);
  const once = client(server.url, { maxAttempts: 1 });
  try {
    assertEquals(await db.scan({ TableName: "t" }), { Count: 0 });
    const retries = of("retry");
    assertEquals(retries.length, 1);
    assertInstanceOf(retries[0].type === "retry" && retries[0].error, NetworkError);
    assertEquals(server.sockets.length, 2);

    resets = 1;
    const error = await assertRejects(() => once.db.scan({ TableName: "t" }), NetworkError);
    assertEquals(error.attempts, 1);
  } finally {
    transport.close();
    once.transport.close();
    await server.close();
  }
});

Deno.test("node:http: an attempt past timeoutMs is destroyed and retried, then a TimeoutError", async () => {
  const closed: number[] = [];
  const server = await serve((req, _res, socket) => {
    req.socket.on("close", () => closed.push(socket));
  });
  const { db, of, transport } = client(server.url, { timeoutMs: 50, maxAttempts: 2 });
  try {
    const error = await assertRejects(() => db.getItem({ TableName: "t", Key: {} }), TimeoutError);
    assertEquals(error.attempts, 2);
    assertEquals(of("request").length, 2);
    // The client gave up on each socket: the server saw both close.
    await waitFor(() => closed.length === 2);
    assertEquals(closed.sort(), [0, 1]);
  } finally {
    transport.close();
    await server.close();
  }
});

Deno.test("node:http: the transport keeps timeoutMs itself, so the client gives it no signal of its own", async () => {
  const server = await serve((req, res) => {
    // The second request is answered; the first never is.
    if (server.requests > 1) answer(res, "{}");
    else req.socket.on("close", () => {});
  });
  const transport = nodeHttpTransport();
  try {
    assertEquals(transport.timeouts, true);
    const silent = transport({
      url: server.url,
      method: "POST",
      headers: {},
      body: "",
      timeoutMs: 40,
    });
    const error = await assertRejects(() => silent, Error);
    assertEquals([error.name, error.message], ["TimeoutError", "no response within 40 ms"]);
    // The deadline does not outlive the exchange: a call answered in time resolves, then no timer fires.
    const ok = await transport({
      url: server.url,
      method: "POST",
      headers: {},
      body: "",
      timeoutMs: 5000,
    });
    assertEquals(ok.status, 200);

    const seen: { signal?: AbortSignal; timeoutMs?: number }[] = [];
    const spy = Object.assign(
      (request: Parameters<typeof transport>[0]) => {
        seen.push({ signal: request.signal, timeoutMs: request.timeoutMs });
        return transport(request);
      },
      { timeouts: true },
    );
    const db = new DynamoDB({
      endpoint: server.url,
      region: "us-east-1",
      credentials: CREDENTIALS,
      transport: spy,
      timeoutMs: 5000,
    });
    await db.listTables({});
    const controller = new AbortController();
    await db.listTables({}, { signal: controller.signal, timeoutMs: 6000 });
    // No attempt controller: the caller's own signal (or none) and the deadline go to the transport.
    assertEquals(seen, [{ signal: undefined, timeoutMs: 5000 }, {
      signal: controller.signal,
      timeoutMs: 6000,
    }]);
  } finally {
    transport.close();
    await server.close();
  }
});

Deno.test("node:http: a transport without timeouts still gets the attempt's signal, which times out", async () => {
  const server = await serve(() => {});
  const transport = nodeHttpTransport();
  const signals: (AbortSignal | undefined)[] = [];
  const plain = (request: Parameters<typeof transport>[0]) => {
    signals.push(request.signal);
    return transport(request);
  };
  const db = new DynamoDB({
    endpoint: server.url,
    region: "us-east-1",
    credentials: CREDENTIALS,
    transport: plain,
    timeoutMs: 30,
    maxAttempts: 1,
  });
  try {
    await assertRejects(() => db.listTables({}), TimeoutError);
    assertEquals(signals.length, 1);
    assertEquals(signals[0]?.aborted, true);
  } finally {
    transport.close();
    await server.close();
  }
});

Deno.test("node:http: sockets the server closed while idle cost no attempt and no error", async () => {
  // First the server closes its idle keep-alive socket between two calls; then it drops a pooled socket
  // as the next request arrives on it (the race a server closing idle sockets leaves). Either way the
  // call succeeds on a new socket, with one attempt and no retry the client can see.
  let dropReused = false;
  const server = await serve((_req, res, _socket, earlier) => {
    if (dropReused && earlier > 0) res.socket?.destroy();
    else answer(res, "{}");
  });
  const { db, of, transport } = client(server.url, { maxAttempts: 1 });
  try {
    await db.deleteItem({ TableName: "t", Key: {} });
    server.sockets[0].destroy();
    await waitFor(() => server.sockets[0].destroyed);
    await db.deleteItem({ TableName: "t", Key: {} });
    assertEquals(server.sockets.length, 2);

    dropReused = true;
    await db.deleteItem({ TableName: "t", Key: {} });
    assertEquals(server.requests, 4);
    assertEquals(server.sockets.length, 3);
    assertEquals(of("retry"), []);
    const reused = of("response").map((e) => e.type === "response" && e.reusedConnection);
    assertEquals(reused, [false, false, false]);
  } finally {
    transport.close();
    await server.close();
  }
});

Deno.test("node:http: a refused connection is a NetworkError after every attempt", async () => {
  const server = await serve((_req, res) => answer(res, "{}"));
  const url = server.url;
  await server.close();
  const { db, of, transport } = client(url, { maxAttempts: 3 });
  try {
    const error = await assertRejects(() => db.listTables(), NetworkError);
    assertEquals(error.attempts, 3);
    assertEquals(of("retry").length, 2);
    assertStringIncludes(error.message, "ECONNREFUSED");
  } finally {
    transport.close();
  }
});

Deno.test("node:http: abort before the call sends nothing; abort during it ends the request", async () => {
  let arrived = () => {};
  let socketClosed = () => {};
  const closed = new Promise<void>((resolve) => socketClosed = resolve);
  const server = await serve((req) => {
    req.socket.on("close", () => socketClosed());
    arrived();
  });
  const { db, of, transport } = client(server.url);
  try {
    const reason = new Error("stop");
    const before = await db.listTables({}, { signal: AbortSignal.abort(reason) }).catch((e) => e);
    assertStrictEquals(before, reason);
    assertEquals(server.requests, 0);

    const controller = new AbortController();
    const seen = new Promise<void>((resolve) => arrived = resolve);
    const pending = db.listTables({}, { signal: controller.signal });
    await seen;
    controller.abort(reason);
    assertStrictEquals(await pending.catch((e) => e), reason);
    await closed;
    assertEquals(server.requests, 1);
    assertEquals(of("retry"), []);
  } finally {
    transport.close();
    await server.close();
  }
});

Deno.test("node:http: the CRC-32 is checked on the bytes received", async () => {
  const body = '{"Item":{"name":{"S":"Zoë ✓"}}}';
  let crc: number | undefined = 1;
  const server = await serve((_req, res) => answer(res, body, crc));
  const { db, transport } = client(server.url, { maxAttempts: 2 });
  try {
    const error = await assertRejects(
      () => db.getItem({ TableName: "t", Key: {} }),
      ChecksumError,
    );
    assertEquals(error.actual, crc32(new TextEncoder().encode(body)));
    assertEquals(error.attempts, 2);
    crc = undefined;
    assertEquals(await db.getItem({ TableName: "t", Key: {} }), { Item: { name: { S: "Zoë ✓" } } });
  } finally {
    transport.close();
    await server.close();
  }
});

Deno.test("node:http: https with the TLS options; an untrusted certificate is a NetworkError", async () => {
  const server = await serve((_req, res) => answer(res, '{"TableNames":[]}'), true);
  const untrusting = client(server.url, { maxAttempts: 2 });
  const trusting = client(server.url, {}, { tls: { ca: TEST_CERT } });
  const bytes = client(server.url, {}, { tls: { ca: [new TextEncoder().encode(TEST_CERT)] } });
  const lax = client(server.url, {}, { tls: { rejectUnauthorized: false } });
  try {
    const error = await assertRejects(() => untrusting.db.listTables(), NetworkError);
    assertEquals(error.attempts, 2);
    assertStringIncludes(error.message, "self");
    for (const { db, of } of [trusting, bytes, lax]) {
      assertEquals(await db.listTables(), { TableNames: [] });
      assertEquals(await db.listTables(), { TableNames: [] });
      assertEquals(of("response").map((e) => e.type === "response" && e.reusedConnection), [
        false,
        true,
      ]);
    }
  } finally {
    for (const { transport } of [untrusting, trusting, bytes, lax]) transport.close();
    await server.close();
  }
});

Deno.test("node:http: maxSockets caps the connections; close() ends the pooled ones", async () => {
  const server = await serve((_req, res) => setTimeout(() => answer(res, "{}"), 20));
  const { db, transport } = client(server.url, {}, { maxSockets: 2 });
  try {
    const calls = Array.from({ length: 6 }, () => db.deleteItem({ TableName: "t", Key: {} }));
    assertEquals(await Promise.all(calls), Array(6).fill({}));
    assertEquals([server.requests, server.sockets.length], [6, 2]);
    assertEquals(server.sockets.some((socket) => socket.destroyed), false);
    transport.close();
    await waitFor(() => server.sockets.every((socket) => socket.destroyed));
  } finally {
    transport.close();
    await server.close();
  }
});

Deno.test("node:http: a socket idle for keepAliveMs is closed; the next call opens another", async () => {
  const server = await serve((_req, res) => answer(res, "{}"));
  const { db, of, transport } = client(server.url, {}, { keepAliveMs: 150 });
  try {
    await db.deleteItem({ TableName: "t", Key: {} });
    await db.deleteItem({ TableName: "t", Key: {} });
    await waitFor(() => server.sockets[0].destroyed);
    await db.deleteItem({ TableName: "t", Key: {} });
    assertEquals(server.sockets.length, 2);
    const reused = of("response").map((e) => e.type === "response" && e.reusedConnection);
    assertEquals(reused, [false, true, false]);
  } finally {
    transport.close();
    await server.close();
  }
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > 200) throw new Error("condition not met within 2 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The transport's native hashes, once they have loaded (a big enough input starts the loading). */
async function natives(transport: HttpTransport) {
  const big = "x".repeat(5000);
  for (
    let i = 0;
    transport.sha256?.(big) === undefined || transport.crc32?.(BIG) === undefined;
    i++
  ) {
    if (i > 200) throw new Error("the native hashes did not load");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { sha256: transport.sha256!, crc32: transport.crc32! };
}
const BIG = new Uint8Array(5000);

Deno.test("node:http: its native SHA-256 and CRC-32 give the signer's and the client's answers", async () => {
  const transport = nodeHttpTransport();
  const native = await natives(transport);
  fc.assert(
    fc.property(
      fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.string()),
      (text) => {
        // Short bodies stay with the pure code (it is the faster there); long ones match it.
        if (text.length < 256) assertEquals(native.sha256(text), undefined);
        const long = text.repeat(Math.ceil(256 / (text.length || 1))) || "x".repeat(256);
        assertEquals(native.sha256(long), sha256Hex(long));
      },
    ),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 9000 }), (bytes) => {
      assertEquals(native.crc32(bytes), crc32(bytes));
    }),
    { numRuns: 300 },
  );
  transport.close();
});

Deno.test("node:http: a 20 KB BatchWriteItem signed with the native hash carries signRequest's signature", async () => {
  const received: { headers: Record<string, string>; body: string }[] = [];
  const server = await serve((req, res, _socket, _earlier, body) => {
    received.push({ headers: req.headers as Record<string, string>, body });
    answer(res, '{"UnprocessedItems":{}}');
  });
  const { db, transport } = client(server.url);
  try {
    await natives(transport);
    const items = Array.from({ length: 25 }, (_, i) => ({
      PutRequest: { Item: { pk: { S: `é${i}` }, data: { S: "✓".repeat(400) } } },
    }));
    await db.batchWriteItem({ RequestItems: { t: items } });
    const [{ headers, body }] = received;
    assertEquals(body.length > 8192, true);
    const date = headers["x-amz-date"].replace(
      /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/,
      "$1-$2-$3T$4:$5:$6Z",
    );
    const expected = await signRequest(
      {
        method: "POST",
        url: server.url + "/",
        headers: {
          "content-type": headers["content-type"],
          "x-amz-target": headers["x-amz-target"],
        },
        body,
      },
      { credentials: CREDENTIALS, region: "us-east-1", service: "dynamodb", date: new Date(date) },
    );
    assertEquals(headers.authorization, expected.headers.authorization);
  } finally {
    transport.close();
    await server.close();
  }
});

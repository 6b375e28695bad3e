import { assertEquals, assertInstanceOf, assertRejects, assertStrictEquals } from "../assert.ts";
import { fetchTransport, type HttpRequest } from "../../lib/transport/http.ts";

const REQUEST: HttpRequest = {
  url: "https://dynamodb.eu-west-1.amazonaws.com/",
  method: "POST",
  headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810.X" },
  body: '{"name":"Zoë"}',
};

Deno.test("fetchTransport passes the request to fetch and reads the body as bytes", async () => {
  const signal = new AbortController().signal;
  let seen: unknown[] = [];
  const transport = fetchTransport((url, init) => {
    seen = [url, init];
    return Promise.resolve(
      new Response("ünïcode ✓", { status: 400, headers: { "x-amz-crc32": "42" } }),
    );
  });
  const response = await transport({ ...REQUEST, signal });
  assertEquals(seen, [REQUEST.url, {
    method: "POST",
    headers: REQUEST.headers,
    body: REQUEST.body,
    signal,
  }]);
  assertEquals(response.status, 400);
  assertEquals(response.headers.get("X-Amz-Crc32"), "42");
  assertEquals(response.headers.get("x-amzn-requestid"), null);
  assertInstanceOf(response.body, Uint8Array);
  assertEquals(response.body, new TextEncoder().encode("ünïcode ✓"));
  assertEquals("reusedConnection" in response, false);
});

Deno.test("fetchTransport without a fetch uses the global one at each call; rejections pass", async () => {
  const transport = fetchTransport();
  const original = globalThis.fetch;
  const failure = new TypeError("connection refused");
  globalThis.fetch = () => Promise.reject(failure);
  try {
    assertStrictEquals(await transport(REQUEST).catch((e) => e), failure);
    globalThis.fetch = () => Promise.resolve(new Response(null, { status: 204 }));
    const response = await transport(REQUEST);
    assertEquals([response.status, response.body.length], [204, 0]);
  } finally {
    globalThis.fetch = original;
  }
  await assertRejects(
    () => fetchTransport(() => Promise.reject(new Error("x")))(REQUEST),
    Error,
    "x",
  );
});

// The client's options and what no server produces on demand (throttling, expired tokens, the transport
// choice), through an in-memory fetch. The operations dynalite lacks (transactions, PartiQL,
// UpdateTimeToLive, DescribeLimits) are tested for real on DynamoDB Local in dynamodb_test.ts.
import {
  assertEquals,
  assertInstanceOf,
  assertRejects,
  assertStringIncludes,
  assertThrows,
} from "../assert.ts";
import { DynamoDB } from "../../lib/client/dynamodb.ts";
import type { DynamoDBOptions } from "../../lib/client/options.ts";
import { ThrottlingError } from "../../lib/operations/errors.ts";
import { DynafetchError, ValidationError } from "../../lib/errors.ts";
import { errorBody, fakeFetch, type Reply } from "../transport/_fake_fetch.ts";
import { fetchTransport, type HttpRequest, type HttpTransport } from "../../lib/transport/http.ts";
import type { ClientEvent } from "../../lib/transport/send.ts";

function client(replies: Reply[], options: DynamoDBOptions = {}) {
  const { fetch, seen } = fakeFetch(replies);
  const db = new DynamoDB({
    region: "us-west-2",
    credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
    fetch,
    sleep: () => Promise.resolve(),
    timeoutMs: 0, // the injected sleep also times attempts: no timeouts unless a test asks
    ...options,
  });
  return { db, seen };
}

const account = (id: string) => ({ id: { S: id } });

Deno.test("the endpoint comes from the region, .com.cn in China, or the endpoint option", async () => {
  for (
    const [options, url] of [
      [{ region: "eu-north-1" }, "https://dynamodb.eu-north-1.amazonaws.com/"],
      [{ region: "cn-north-1" }, "https://dynamodb.cn-north-1.amazonaws.com.cn/"],
      [{ region: "eu-north-1", endpoint: "http://localhost:8000" }, "http://localhost:8000/"],
      [
        { region: "eu-north-1", endpoint: "http://10.1.2.3:8000", allowHttp: true },
        "http://10.1.2.3:8000/",
      ],
    ] as const
  ) {
    const { db, seen } = client([{}], options);
    await db.listTables();
    assertEquals(seen[0].url, url);
    assertStringIncludes(seen[0].headers.authorization, `/${options.region}/dynamodb/`);
  }
});

Deno.test("bad options are ValidationErrors at construction", () => {
  assertThrows(() => new DynamoDB({ endpoint: "http://db.example.com" }), ValidationError);
  assertThrows(() => new DynamoDB({ region: "nowhere" }), ValidationError);
  assertThrows(() => new DynamoDB({ maxAttempts: 0 }), ValidationError, "maxAttempts");
  assertThrows(() => new DynamoDB({ timeoutMs: -1 }), ValidationError, "timeoutMs");
  assertThrows(() => new DynamoDB({ retryBaseMs: NaN }), ValidationError, "retryBaseMs");
});

Deno.test("a credentials provider is asked for every request and refreshed on ExpiredToken", async () => {
  const asked: unknown[] = [];
  const { db, seen } = client(
    [{}, {
      status: 400,
      body: errorBody(
        "ExpiredTokenException",
        "The security token included in the request is expired",
      ),
    }, {}],
    {
      credentials: (options) => {
        asked.push(options);
        return Promise.resolve({ accessKeyId: `K${asked.length}`, secretAccessKey: "s" });
      },
    },
  );
  await db.listTables();
  await db.listTables();
  assertEquals(asked, [undefined, undefined, { forceRefresh: true }]);
  assertStringIncludes(seen[2].headers.authorization, "Credential=K3/");
});

Deno.test("without credentials and region the client reads the environment lazily", async () => {
  const names = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION"];
  // The default chain also reads the profile files and instance metadata: point them at nothing.
  const isolated = {
    AWS_CONFIG_FILE: "/nonexistent/dynafetch/config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/dynafetch/credentials",
    AWS_EC2_METADATA_DISABLED: "true",
  };
  const cleared = [
    "AWS_DEFAULT_REGION",
    "AWS_PROFILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  ];
  names.push(...Object.keys(isolated), ...cleared);
  const saved = names.map((n) => Deno.env.get(n));
  try {
    for (const n of names) Deno.env.delete(n);
    for (const [n, v] of Object.entries(isolated)) Deno.env.set(n, v);
    const { fetch, seen } = fakeFetch([{}]);
    const db = new DynamoDB({ fetch });
    await assertRejects(() => db.listTables(), ValidationError, "region");
    Deno.env.set("AWS_REGION", "ap-south-1");
    // The failed start is not cached: the same client now finds the region, then lacks credentials.
    await assertRejects(() => db.listTables(), DynafetchError, "AWS_ACCESS_KEY_ID");
    Deno.env.set("AWS_ACCESS_KEY_ID", "ENVKEY");
    Deno.env.set("AWS_SECRET_ACCESS_KEY", "ENVSECRET");
    Deno.env.set("AWS_SESSION_TOKEN", "ENVTOKEN");
    await new DynamoDB({ fetch }).listTables();
    assertEquals(seen.length, 1);
    assertEquals(seen[0].url, "https://dynamodb.ap-south-1.amazonaws.com/");
    assertStringIncludes(seen[0].headers.authorization, "Credential=ENVKEY/");
    assertEquals(seen[0].headers["x-amz-security-token"], "ENVTOKEN");
  } finally {
    names.forEach((n, i) =>
      saved[i] === undefined ? Deno.env.delete(n) : Deno.env.set(n, saved[i]!)
    );
  }
});

Deno.test("throughputExceededEvents counts throttling responses across calls", async () => {
  const { db } = client([
    { status: 400, body: errorBody("ProvisionedThroughputExceededException") },
    {},
    { status: 400, body: errorBody("ThrottlingException") },
  ], { maxAttempts: 2 });
  await db.getItem({ TableName: "t", Key: account("a") });
  assertEquals(db.throughputExceededEvents, 1);
  const error = await assertRejects(
    () => db.getItem({ TableName: "t", Key: account("a") }),
    ThrottlingError,
  );
  assertEquals(error.attempts, 2);
  assertEquals(db.throughputExceededEvents, 3);
});

Deno.test("request reaches operations without a method; methods default their input", async () => {
  const { db, seen } = client([{ body: '{"ContinuousBackupsDescription":{}}' }, {}]);
  const out = await db.request("DescribeContinuousBackups", { TableName: "t" });
  assertEquals(out, { ContinuousBackupsDescription: {} });
  assertEquals(seen[0].headers["x-amz-target"], "DynamoDB_20120810.DescribeContinuousBackups");
  await db.listTables();
  assertEquals(seen[1].body, "{}");
  assertInstanceOf(db, DynamoDB);
});

Deno.test("a per-call timeout and signal reach the transport", async () => {
  const { db, seen } = client(["hang"], {
    maxAttempts: 1,
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (ms === 5) return setTimeout(resolve, 1);
        signal?.addEventListener("abort", () => reject(signal.reason));
      }),
  });
  const controller = new AbortController();
  const cancelled = db.listTables({}, { signal: controller.signal, timeoutMs: 60_000 });
  setTimeout(() => controller.abort(new Error("stopped")), 1);
  await assertRejects(() => cancelled, Error, "stopped");
  await assertRejects(() => db.listTables({}, { timeoutMs: 5 }), DynafetchError, "5 ms");
  assertEquals(seen.length, 2);
});

Deno.test("transport wins over fetch, fetch over the default; reusedConnection reaches onEvent", async () => {
  const { fetch, seen } = fakeFetch([{ body: '{"TableNames":["a"]}' }]);
  const requests: HttpRequest[] = [];
  const events: ClientEvent[] = [];
  const transport: HttpTransport = (request) => {
    requests.push(request);
    return fetchTransport(fetch)(request).then((r) => ({ ...r, reusedConnection: true }));
  };
  // client() passes a fetch too: the transport wins, and that fetch sees nothing.
  const { db, seen: bypassed } = client([], { transport, onEvent: (event) => events.push(event) });
  assertEquals(await db.listTables(), { TableNames: ["a"] });
  assertEquals([requests.length, bypassed.length], [1, 0]);
  assertEquals(requests[0].method, "POST");
  assertEquals(requests[0].url, "https://dynamodb.us-west-2.amazonaws.com/");
  assertEquals(requests[0].headers["x-amz-target"], "DynamoDB_20120810.ListTables");
  const response = events.find((e) => e.type === "response");
  assertEquals(response?.type === "response" && response.reusedConnection, true);

  // With fetch alone, fetch sends; a response from fetch says nothing of connection reuse.
  const plain = client([{}], { onEvent: (event) => events.push(event) });
  await plain.db.listTables();
  assertEquals(plain.seen.length, 1);
  const last = events.findLast((e) => e.type === "response");
  assertEquals(last?.type === "response" && "reusedConnection" in last, false);
  assertEquals(seen.length, 1);
});

Deno.test("with neither transport nor fetch, the client sends through the global fetch", async () => {
  const original = globalThis.fetch;
  const urls: string[] = [];
  globalThis.fetch = (input: RequestInfo | URL) => {
    urls.push(String(input));
    return Promise.resolve(new Response('{"TableNames":[]}'));
  };
  try {
    const db = new DynamoDB({
      region: "eu-north-1",
      credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
    });
    assertEquals(await db.listTables(), { TableNames: [] });
    assertEquals(urls, ["https://dynamodb.eu-north-1.amazonaws.com/"]);
  } finally {
    globalThis.fetch = original;
  }
});

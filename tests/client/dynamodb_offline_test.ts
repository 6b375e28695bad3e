// The operations dynalite lacks (transactions, PartiQL, UpdateTimeToLive, DescribeLimits) and the client's
// options, through an in-memory fetch answering with the response shapes the API reference documents.
import {
  assertEquals,
  assertInstanceOf,
  assertRejects,
  assertStringIncludes,
  assertThrows,
  fail,
} from "../assert.ts";
import { DynamoDB } from "../../lib/client/dynamodb.ts";
import type { DynamoDBOptions } from "../../lib/client/options.ts";
import {
  ConditionalCheckFailedError,
  ThrottlingError,
  TransactionCanceledError,
} from "../../lib/operations/errors.ts";
import { DynafetchError, ValidationError } from "../../lib/errors.ts";
import { errorBody, fakeFetch, type Reply } from "../transport/_fake_fetch.ts";
import { fetchTransport, type HttpRequest, type HttpTransport } from "../../lib/transport/http.ts";
import type { ClientEvent } from "../../lib/transport/send.ts";

// Request members as the API reference's "Request Syntax" lists them: `true` for a leaf, a nested spec
// for a structure, `[spec]` for a list of structures. Names ending in "!" are required.
type Spec = { [member: string]: true | Spec | [Spec] };

const KEYED = {
  "TableName!": true,
  "Key!": true,
  ConditionExpression: true,
  ExpressionAttributeNames: true,
  ExpressionAttributeValues: true,
  ReturnValuesOnConditionCheckFailure: true,
} as const;
const STATEMENT = {
  "Statement!": true,
  Parameters: true,
  ReturnValuesOnConditionCheckFailure: true,
} as const;
const API: Record<string, Spec> = {
  TransactWriteItems: {
    "TransactItems!": [{
      ConditionCheck: { ...KEYED, "ConditionExpression!": true },
      Put: { ...KEYED, "Key!": undefined as never, "Item!": true },
      Delete: KEYED,
      Update: { ...KEYED, "UpdateExpression!": true },
    }],
    ClientRequestToken: true,
    ReturnConsumedCapacity: true,
    ReturnItemCollectionMetrics: true,
  },
  TransactGetItems: {
    "TransactItems!": [{
      "Get!": {
        "TableName!": true,
        "Key!": true,
        ProjectionExpression: true,
        ExpressionAttributeNames: true,
      },
    }],
    ReturnConsumedCapacity: true,
  },
  ExecuteStatement: {
    ...STATEMENT,
    ConsistentRead: true,
    NextToken: true,
    ReturnConsumedCapacity: true,
    Limit: true,
  },
  BatchExecuteStatement: {
    "Statements!": [{ ...STATEMENT, ConsistentRead: true }],
    ReturnConsumedCapacity: true,
  },
  ExecuteTransaction: {
    "TransactStatements!": [STATEMENT],
    ClientRequestToken: true,
    ReturnConsumedCapacity: true,
  },
  UpdateTimeToLive: {
    "TableName!": true,
    "TimeToLiveSpecification!": { "AttributeName!": true, "Enabled!": true },
  },
  DescribeLimits: {},
};

// Checks that `value` has only documented members and every required one.
function conforms(value: unknown, spec: Spec, path: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(`${path} is not a structure`);
  }
  const members = new Map<string, true | Spec | [Spec]>();
  for (const [name, member] of Object.entries(spec)) {
    if (member === undefined) continue;
    const plain = name.replace(/!$/, "");
    members.set(plain, member);
    if (name.endsWith("!") && !(plain in value)) fail(`${path}.${plain} is required`);
  }
  for (const [name, child] of Object.entries(value)) {
    const member = members.get(name);
    if (member === undefined) fail(`${path}.${name} is not in the API reference`);
    if (member === true) continue;
    if (Array.isArray(member)) {
      if (!Array.isArray(child)) fail(`${path}.${name} is not a list`);
      child.forEach((element, i) => conforms(element, member[0], `${path}.${name}[${i}]`));
    } else conforms(child, member, `${path}.${name}`);
  }
}

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
  const sent = (i = 0) => {
    const request = seen[i];
    const operation = request.headers["x-amz-target"].replace("DynamoDB_20120810.", "");
    conforms(request.json, API[operation], operation);
    return request.json;
  };
  return { db, seen, sent };
}

const account = (id: string) => ({ id: { S: id } });

Deno.test("transactWriteItems sends the documented shape and returns ConsumedCapacity", async () => {
  const { db, sent } = client([{
    body: JSON.stringify({
      ConsumedCapacity: [{ TableName: "accounts", CapacityUnits: 8, WriteCapacityUnits: 8 }],
    }),
  }]);
  const input = {
    TransactItems: [
      {
        Put: {
          TableName: "accounts",
          Item: { ...account("c"), balance: { N: "0" } },
          ConditionExpression: "attribute_not_exists(id)",
        },
      },
      {
        Update: {
          TableName: "accounts",
          Key: account("a"),
          UpdateExpression: "SET balance = balance - :amount",
          ConditionExpression: "balance >= :amount",
          ExpressionAttributeValues: { ":amount": { N: "10" } },
        },
      },
      {
        ConditionCheck: {
          TableName: "accounts",
          Key: account("b"),
          ConditionExpression: "attribute_exists(id)",
        },
      },
      { Delete: { TableName: "accounts", Key: account("d") } },
    ],
    ClientRequestToken: "transfer-1",
    ReturnConsumedCapacity: "TOTAL" as const,
  };
  const output = await db.transactWriteItems(input);
  assertEquals(sent(), input);
  assertEquals(output.ConsumedCapacity?.[0].CapacityUnits, 8);
});

Deno.test("a cancelled transaction is a TransactionCanceledError with its reasons", async () => {
  const { db } = client([{
    status: 400,
    body: errorBody(
      "TransactionCanceledException",
      "Transaction cancelled, please refer cancellation reasons for specific reasons " +
        "[None, ConditionalCheckFailed]",
      {
        CancellationReasons: [
          { Code: "None" },
          {
            Code: "ConditionalCheckFailed",
            Message: "The conditional request failed",
            Item: { ...account("a"), balance: { N: "5" } },
          },
        ],
      },
    ),
  }]);
  const error = await assertRejects(
    () =>
      db.transactWriteItems({
        TransactItems: [
          { Delete: { TableName: "accounts", Key: account("x") } },
          {
            Update: {
              TableName: "accounts",
              Key: account("a"),
              UpdateExpression: "SET balance = balance - :a",
              ConditionExpression: "balance >= :a",
              ExpressionAttributeValues: { ":a": { N: "10" } },
              ReturnValuesOnConditionCheckFailure: "ALL_OLD",
            },
          },
        ],
      }),
    TransactionCanceledError,
  );
  assertEquals(error.attempts, 1);
  assertEquals(error.cancellationReasons.map((r) => r.Code), ["None", "ConditionalCheckFailed"]);
  assertEquals(error.cancellationReasons[1].Item?.balance, { N: "5" });
});

Deno.test("transactGetItems returns one response per read, empty for a missing item", async () => {
  const { db, sent } = client([{
    body: JSON.stringify({ Responses: [{ Item: { ...account("a"), balance: { N: "90" } } }, {}] }),
  }]);
  const input = {
    TransactItems: [
      { Get: { TableName: "accounts", Key: account("a"), ProjectionExpression: "id, balance" } },
      { Get: { TableName: "accounts", Key: account("zz") } },
    ],
  };
  const { Responses } = await db.transactGetItems(input);
  assertEquals(sent(), input);
  assertEquals(Responses?.[0].Item?.balance, { N: "90" });
  assertEquals(Responses?.[1].Item, undefined);
});

Deno.test("executeStatement sends a parameterized statement and returns Items and NextToken", async () => {
  const { db, sent } = client([
    { body: JSON.stringify({ Items: [account("a")], NextToken: "page-2" }) },
    { body: JSON.stringify({ Items: [account("b")] }) },
  ]);
  const first = await db.executeStatement({
    Statement: 'SELECT * FROM "accounts" WHERE id >= ?',
    Parameters: [{ S: "a" }],
    Limit: 1,
  });
  assertEquals(first.NextToken, "page-2");
  const second = await db.executeStatement({
    Statement: 'SELECT * FROM "accounts" WHERE id >= ?',
    Parameters: [{ S: "a" }],
    NextToken: first.NextToken,
  });
  assertEquals(sent(0), {
    Statement: 'SELECT * FROM "accounts" WHERE id >= ?',
    Parameters: [{ S: "a" }],
    Limit: 1,
  });
  assertEquals(sent(1), {
    Statement: 'SELECT * FROM "accounts" WHERE id >= ?',
    Parameters: [{ S: "a" }],
    NextToken: "page-2",
  });
  assertEquals([...(first.Items ?? []), ...(second.Items ?? [])], [account("a"), account("b")]);
});

Deno.test("a failed PartiQL condition is a ConditionalCheckFailedError with the item", async () => {
  const { db } = client([{
    status: 400,
    body: errorBody("ConditionalCheckFailedException", "The conditional request failed", {
      Item: account("a"),
    }),
  }]);
  const error = await assertRejects(
    () =>
      db.executeStatement({
        Statement: "UPDATE accounts SET v = 1 WHERE id = 'a' AND v = 0",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    ConditionalCheckFailedError,
  );
  assertEquals(error.item, account("a"));
});

Deno.test("batchExecuteStatement returns per-statement items and errors in order", async () => {
  const { db, sent } = client([{
    body: JSON.stringify({
      Responses: [
        { TableName: "accounts", Item: account("a") },
        {
          TableName: "accounts",
          Error: { Code: "ConditionalCheckFailed", Message: "The conditional request failed" },
        },
      ],
    }),
  }]);
  const input = {
    Statements: [
      {
        Statement: "SELECT * FROM accounts WHERE id = ?",
        Parameters: [{ S: "a" }],
        ConsistentRead: true,
      },
      { Statement: "INSERT INTO accounts VALUE {'id': ?}", Parameters: [{ S: "a" }] },
    ],
  };
  const { Responses } = await db.batchExecuteStatement(input);
  assertEquals(sent(), input);
  assertEquals(Responses?.[0].Item, account("a"));
  assertEquals(Responses?.[1].Error?.Code, "ConditionalCheckFailed");
});

Deno.test("executeTransaction sends TransactStatements and returns Responses", async () => {
  const { db, sent } = client([{ body: JSON.stringify({ Responses: [{ Item: account("a") }] }) }]);
  const input = {
    TransactStatements: [{
      Statement: "SELECT * FROM accounts WHERE id = ?",
      Parameters: [{ S: "a" }],
    }],
    ClientRequestToken: "read-1",
  };
  const { Responses } = await db.executeTransaction(input);
  assertEquals(sent(), input);
  assertEquals(Responses, [{ Item: account("a") }]);
});

Deno.test("updateTimeToLive sends the specification and returns it", async () => {
  const spec = { Enabled: true, AttributeName: "expiresAt" };
  const { db, sent } = client([{ body: JSON.stringify({ TimeToLiveSpecification: spec }) }]);
  const output = await db.updateTimeToLive({
    TableName: "sessions",
    TimeToLiveSpecification: spec,
  });
  assertEquals(sent(), { TableName: "sessions", TimeToLiveSpecification: spec });
  assertEquals(output.TimeToLiveSpecification, spec);
});

Deno.test("describeLimits sends {} and returns the four limits", async () => {
  const limits = {
    AccountMaxReadCapacityUnits: 80000,
    AccountMaxWriteCapacityUnits: 80000,
    TableMaxReadCapacityUnits: 40000,
    TableMaxWriteCapacityUnits: 40000,
  };
  const { db, sent, seen } = client([{ body: JSON.stringify(limits) }]);
  assertEquals(await db.describeLimits(), limits);
  assertEquals(sent(), {});
  assertEquals(seen[0].body, "{}");
});

Deno.test("the API checker itself rejects undocumented and missing members", () => {
  assertThrows(
    () => conforms({ Statement: "x", Bogus: 1 }, API.ExecuteStatement, "E"),
    Error,
    "Bogus",
  );
  assertThrows(() => conforms({ Limit: 1 }, API.ExecuteStatement, "E"), Error, "Statement");
  assertThrows(
    () => conforms({ TransactItems: [{ Put: { TableName: "t" } }] }, API.TransactWriteItems, "T"),
    Error,
    "Item",
  );
});

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

import {
  assertEquals,
  assertInstanceOf,
  assertMatch,
  assertNotEquals,
  assertRejects,
} from "./assert.ts";
import { startLocalDynamo } from "../testing.ts";
import { DynamoDB } from "../lib/client/dynamodb.ts";
import { NetworkError } from "../lib/transport/errors.ts";

const table = {
  TableName: "things",
  KeySchema: [{ AttributeName: "id", KeyType: "HASH" as const }],
  AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" as const }],
  BillingMode: "PAY_PER_REQUEST" as const,
};

Deno.test("startLocalDynamo serves on a free 127.0.0.1 port with immediate table states", async () => {
  const local = await startLocalDynamo();
  try {
    assertMatch(local.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    const db = local.client();
    assertInstanceOf(db, DynamoDB);
    await db.createTable(table);
    // createTableMs 0: ACTIVE on the next turn, not after dynalite's default 500 ms.
    const started = performance.now();
    while ((await db.describeTable({ TableName: "things" })).Table?.TableStatus !== "ACTIVE") {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    assertEquals(performance.now() - started < 400, true);
  } finally {
    await local.close();
  }
});

Deno.test("two servers are independent and close() does not wait for keep-alive sockets", async () => {
  const [a, b] = await Promise.all([startLocalDynamo(), startLocalDynamo()]);
  assertNotEquals(a.endpoint, b.endpoint);
  try {
    await a.client().createTable(table);
    assertEquals((await a.client().listTables()).TableNames, ["things"]);
    assertEquals((await b.client().listTables()).TableNames, []);
  } finally {
    const started = performance.now();
    await Promise.all([a.close(), b.close()]);
    // dynalite alone waits for idle keep-alive connections (minutes): this must be quick.
    assertEquals(performance.now() - started < 2000, true);
  }
  await a.close();
  const after = a.client({ maxAttempts: 1 });
  await assertRejects(() => after.listTables(), NetworkError);
});

Deno.test("client options override the defaults", async () => {
  const local = await startLocalDynamo();
  try {
    const seen: string[] = [];
    const db = local.client({
      region: "eu-west-3",
      onEvent: (event) => {
        if (event.type === "request") seen.push(event.headers.authorization);
      },
    });
    await db.listTables();
    assertEquals(seen, ["[redacted]"]);
  } finally {
    await local.close();
  }
});

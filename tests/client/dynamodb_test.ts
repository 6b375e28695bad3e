// Integration tests: every operation dynalite serves, over HTTP, through the real client and signer.
import {
  assertEquals,
  assertExists,
  assertGreater,
  assertInstanceOf,
  assertRejects,
  assertStringIncludes,
} from "../assert.ts";
import { startLocalDynamo } from "../../testing.ts";
import type { DynamoDB } from "../../lib/client/dynamodb.ts";
import type { AttributeMap } from "../../lib/codec/mod.ts";
import {
  ConditionalCheckFailedError,
  ResourceInUseError,
  ResourceNotFoundError,
  ServiceValidationError,
} from "../../lib/operations/errors.ts";
import type { ClientEvent } from "../../lib/transport/send.ts";
import { crc32 } from "../../lib/transport/crc32.ts";
import { ChecksumError } from "../../lib/transport/errors.ts";

const TABLE = "orders";

async function withServer(fn: (db: DynamoDB) => Promise<void>): Promise<void> {
  const local = await startLocalDynamo();
  try {
    await fn(local.client());
  } finally {
    await local.close();
  }
}

async function createOrders(db: DynamoDB): Promise<void> {
  await db.createTable({
    TableName: TABLE,
    KeySchema: [{ AttributeName: "customer", KeyType: "HASH" }, {
      AttributeName: "order",
      KeyType: "RANGE",
    }],
    AttributeDefinitions: [
      { AttributeName: "customer", AttributeType: "S" },
      { AttributeName: "order", AttributeType: "N" },
    ],
    BillingMode: "PAY_PER_REQUEST",
  });
  await waitActive(db, TABLE);
}

// dynalite makes a table ACTIVE on a timer even with createTableMs 0, like DynamoDB after a while.
async function waitActive(db: DynamoDB, name: string): Promise<void> {
  while ((await db.describeTable({ TableName: name })).Table?.TableStatus !== "ACTIVE") {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

const key = (customer: string, order: number) => ({
  customer: { S: customer },
  order: { N: String(order) },
});

Deno.test("createTable, describeTable, listTables, updateTable, deleteTable", async () => {
  await withServer(async (db) => {
    const created = await db.createTable({
      TableName: TABLE,
      KeySchema: [{ AttributeName: "customer", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "customer", AttributeType: "S" }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    });
    assertEquals(created.TableDescription?.TableName, TABLE);
    await assertRejects(
      () =>
        db.createTable({
          TableName: TABLE,
          KeySchema: [{ AttributeName: "customer", KeyType: "HASH" }],
          AttributeDefinitions: [{ AttributeName: "customer", AttributeType: "S" }],
          BillingMode: "PAY_PER_REQUEST",
        }),
      ResourceInUseError,
    );
    const { Table } = await db.describeTable({ TableName: TABLE });
    assertEquals(Table?.TableStatus, "ACTIVE");
    assertEquals(Table?.KeySchema, [{ AttributeName: "customer", KeyType: "HASH" }]);
    assertEquals(Table?.ProvisionedThroughput?.ReadCapacityUnits, 5);
    assertEquals((await db.listTables()).TableNames, [TABLE]);
    const updated = await db.updateTable({
      TableName: TABLE,
      ProvisionedThroughput: { ReadCapacityUnits: 7, WriteCapacityUnits: 5 },
    });
    assertEquals(updated.TableDescription?.TableName, TABLE);
    await waitActive(db, TABLE);
    const after = await db.describeTable({ TableName: TABLE });
    assertEquals(after.Table?.ProvisionedThroughput?.ReadCapacityUnits, 7);
    const deleted = await db.deleteTable({ TableName: TABLE });
    assertEquals(deleted.TableDescription?.TableName, TABLE);
    assertEquals(deleted.TableDescription?.TableStatus, "DELETING");
    // The table is gone once DELETING ends (a timer in dynalite, even at deleteTableMs 0).
    for (let i = 0; i < 1000; i++) {
      const found = await db.describeTable({ TableName: TABLE }).catch((e) => e);
      if (found instanceof ResourceNotFoundError) break;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await assertRejects(() => db.describeTable({ TableName: TABLE }), ResourceNotFoundError);
    assertEquals((await db.listTables({})).TableNames, []);
  });
});

Deno.test("listTables pages with Limit and ExclusiveStartTableName", async () => {
  await withServer(async (db) => {
    for (const name of ["aaa", "bbb", "ccc"]) {
      await db.createTable({
        TableName: name,
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      });
    }
    const first = await db.listTables({ Limit: 2 });
    assertEquals(first.TableNames, ["aaa", "bbb"]);
    assertEquals(first.LastEvaluatedTableName, "bbb");
    const second = await db.listTables({ ExclusiveStartTableName: "bbb" });
    assertEquals(second.TableNames, ["ccc"]);
  });
});

Deno.test("putItem, getItem, updateItem, deleteItem with ReturnValues", async () => {
  await withServer(async (db) => {
    await createOrders(db);
    const item = { ...key("ann", 1), total: { N: "12.5" }, tags: { SS: ["a", "b"] } };
    const put = await db.putItem({ TableName: TABLE, Item: item, ReturnValues: "ALL_OLD" });
    assertEquals(put.Attributes, undefined);
    assertEquals((await db.getItem({ TableName: TABLE, Key: key("ann", 1) })).Item, item);
    assertEquals(
      (await db.getItem({ TableName: TABLE, Key: key("ann", 2), ConsistentRead: true })).Item,
      undefined,
    );
    const updated = await db.updateItem({
      TableName: TABLE,
      Key: key("ann", 1),
      UpdateExpression: "SET #t = #t + :d",
      ExpressionAttributeNames: { "#t": "total" },
      ExpressionAttributeValues: { ":d": { N: "1.5" } },
      ReturnValues: "UPDATED_NEW",
    });
    assertEquals(updated.Attributes, { total: { N: "14" } });
    const projected = await db.getItem({
      TableName: TABLE,
      Key: key("ann", 1),
      ProjectionExpression: "#t",
      ExpressionAttributeNames: { "#t": "total" },
    });
    assertEquals(projected.Item, { total: { N: "14" } });
    const deleted = await db.deleteItem({
      TableName: TABLE,
      Key: key("ann", 1),
      ReturnValues: "ALL_OLD",
    });
    assertEquals(deleted.Attributes?.total, { N: "14" });
    assertEquals((await db.getItem({ TableName: TABLE, Key: key("ann", 1) })).Item, undefined);
  });
});

Deno.test("a failed condition is a ConditionalCheckFailedError, not retried", async () => {
  await withServer(async (db) => {
    await createOrders(db);
    await db.putItem({ TableName: TABLE, Item: key("bob", 1) });
    const error = await assertRejects(
      () =>
        db.putItem({
          TableName: TABLE,
          Item: key("bob", 1),
          ConditionExpression: "attribute_not_exists(customer)",
        }),
      ConditionalCheckFailedError,
    );
    assertEquals(error.code, "ConditionalCheckFailedException");
    assertEquals(error.statusCode, 400);
    assertEquals(error.attempts, 1);
    assertEquals(error.retryable, false);
    assertExists(error.requestId);
  });
});

Deno.test("a server-side validation failure is a ServiceValidationError", async () => {
  await withServer(async (db) => {
    await createOrders(db);
    const error = await assertRejects(
      () => db.putItem({ TableName: TABLE, Item: { customer: { S: "x" } } }),
      ServiceValidationError,
    );
    assertStringIncludes(error.message, "ValidationException");
    await assertRejects(
      () => db.getItem({ TableName: "missing", Key: { id: { S: "1" } } }),
      ResourceNotFoundError,
    );
  });
});

Deno.test("query pages through a partition with Limit and ExclusiveStartKey", async () => {
  await withServer(async (db) => {
    await createOrders(db);
    for (let order = 1; order <= 7; order++) {
      await db.putItem({
        TableName: TABLE,
        Item: { ...key("cat", order), n: { N: String(order) } },
      });
    }
    await db.putItem({ TableName: TABLE, Item: key("dan", 1) });
    const orders: string[] = [];
    let start: AttributeMap | undefined;
    let pages = 0;
    do {
      const page = await db.query({
        TableName: TABLE,
        KeyConditionExpression: "customer = :c AND #o >= :min",
        ExpressionAttributeNames: { "#o": "order" },
        ExpressionAttributeValues: { ":c": { S: "cat" }, ":min": { N: "2" } },
        ScanIndexForward: false,
        Limit: 4,
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      pages++;
      for (const item of page.Items ?? []) {
        const order = item.order;
        if ("N" in order) orders.push(order.N);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    assertEquals(orders, ["7", "6", "5", "4", "3", "2"]);
    assertEquals(pages, 2);
    const counted = await db.query({
      TableName: TABLE,
      KeyConditionExpression: "customer = :c",
      FilterExpression: "n > :three",
      ExpressionAttributeValues: { ":c": { S: "cat" }, ":three": { N: "3" } },
      Select: "COUNT",
    });
    assertEquals(counted.Count, 4);
    assertEquals(counted.ScannedCount, 7);
  });
});

Deno.test("boto-era legacy parameters are typed and reach the server", async () => {
  await withServer(async (db) => {
    await createOrders(db);
    await db.putItem({
      TableName: TABLE,
      Item: { ...key("hal", 1), n: { N: "1" } },
      Expected: { customer: { Exists: false } },
    });
    await assertRejects(
      () =>
        db.putItem({
          TableName: TABLE,
          Item: key("hal", 1),
          Expected: { customer: { Exists: false } },
        }),
      ConditionalCheckFailedError,
    );
    await db.updateItem({
      TableName: TABLE,
      Key: key("hal", 1),
      AttributeUpdates: { n: { Action: "ADD", Value: { N: "4" } } },
    });
    await db.putItem({ TableName: TABLE, Item: { ...key("hal", 2), n: { N: "9" } } });
    const { Items } = await db.query({
      TableName: TABLE,
      KeyConditions: { customer: { ComparisonOperator: "EQ", AttributeValueList: [{ S: "hal" }] } },
      QueryFilter: { n: { ComparisonOperator: "LT", AttributeValueList: [{ N: "9" }] } },
      AttributesToGet: ["n"],
    });
    assertEquals(Items, [{ n: { N: "5" } }]);
    const scanned = await db.scan({
      TableName: TABLE,
      ScanFilter: { n: { ComparisonOperator: "GE", AttributeValueList: [{ N: "9" }] } },
    });
    assertEquals(scanned.Count, 1);
  });
});

Deno.test("scan with segments covers the table once", async () => {
  await withServer(async (db) => {
    await createOrders(db);
    for (let i = 0; i < 20; i++) await db.putItem({ TableName: TABLE, Item: key(`c${i}`, i) });
    const seen: string[] = [];
    for (let segment = 0; segment < 3; segment++) {
      const page = await db.scan({ TableName: TABLE, Segment: segment, TotalSegments: 3 });
      for (const item of page.Items ?? []) {
        if ("S" in item.customer) seen.push(item.customer.S);
      }
    }
    assertEquals(seen.sort(), Array.from({ length: 20 }, (_, i) => `c${i}`).sort());
  });
});

Deno.test("batchWriteItem and batchGetItem", async () => {
  await withServer(async (db) => {
    await createOrders(db);
    const written = await db.batchWriteItem({
      RequestItems: {
        [TABLE]: [
          { PutRequest: { Item: { ...key("eve", 1), v: { S: "one" } } } },
          { PutRequest: { Item: { ...key("eve", 2), v: { S: "two" } } } },
          { PutRequest: { Item: key("eve", 3) } },
        ],
      },
    });
    assertEquals(written.UnprocessedItems, {});
    await db.batchWriteItem({
      RequestItems: { [TABLE]: [{ DeleteRequest: { Key: key("eve", 3) } }] },
    });
    const read = await db.batchGetItem({
      RequestItems: {
        [TABLE]: { Keys: [key("eve", 1), key("eve", 2), key("eve", 3)], ProjectionExpression: "v" },
      },
    });
    const values = (read.Responses?.[TABLE] ?? []).map((item) => item.v);
    assertEquals(
      values.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      [{ S: "one" }, { S: "two" }],
    );
  });
});

Deno.test("describeTimeToLive and the tag operations", async () => {
  await withServer(async (db) => {
    await createOrders(db);
    const ttl = await db.describeTimeToLive({ TableName: TABLE });
    assertEquals(ttl.TimeToLiveDescription?.TimeToLiveStatus, "DISABLED");
    const arn = (await db.describeTable({ TableName: TABLE })).Table?.TableArn;
    assertExists(arn);
    await db.tagResource({
      ResourceArn: arn,
      Tags: [{ Key: "team", Value: "core" }, { Key: "env", Value: "test" }],
    });
    const tags = await db.listTagsOfResource({ ResourceArn: arn });
    assertEquals(
      tags.Tags?.sort((a, b) => a.Key.localeCompare(b.Key)),
      [{ Key: "env", Value: "test" }, { Key: "team", Value: "core" }],
    );
    await db.untagResource({ ResourceArn: arn, TagKeys: ["env"] });
    assertEquals((await db.listTagsOfResource({ ResourceArn: arn })).Tags, [
      { Key: "team", Value: "core" },
    ]);
  });
});

Deno.test("request reaches an operation by name and the checksum of real responses holds", async () => {
  await withServer(async (db) => {
    await createOrders(db);
    const events: ClientEvent[] = [];
    const local = await startLocalDynamo();
    try {
      const watched = local.client({ onEvent: (event) => events.push(event) });
      const out = await watched.request("ListTables", {});
      assertEquals(out, { TableNames: [] });
      const raw = await watched.request("DescribeEndpoints", {});
      assertInstanceOf(raw, Object);
    } catch (error) {
      // dynalite does not serve DescribeEndpoints: it must fail as a typed service error.
      assertInstanceOf(error, Error);
    } finally {
      await local.close();
    }
    const response = events.find((e) => e.type === "response");
    assertEquals(response?.type, "response");
    const direct = await db.request("DescribeTable", { TableName: TABLE });
    assertEquals(direct.Table?.TableName, TABLE);
  });
});

Deno.test("dynalite's x-amz-crc32 matches our CRC-32 of every body, and a damaged body fails", async () => {
  const local = await startLocalDynamo();
  try {
    const checked: boolean[] = [];
    const db = local.client({
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        const bytes = new Uint8Array(await response.arrayBuffer());
        const header = response.headers.get("x-amz-crc32");
        checked.push(header !== null && Number(header) === crc32(bytes));
        return new Response(bytes, { status: response.status, headers: response.headers });
      },
    });
    await createOrders(db);
    await db.putItem({ TableName: TABLE, Item: { ...key("gus", 1), text: { S: "naïve ☃ 𝄞" } } });
    await db.getItem({ TableName: TABLE, Key: key("gus", 1) });
    assertGreater(checked.length, 3);
    assertEquals(checked.every(Boolean), true);

    const damaged = local.client({
      maxAttempts: 2,
      timeoutMs: 0, // the injected sleep also times attempts: no timeouts here
      sleep: () => Promise.resolve(),
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        const text = (await response.text()).replace("gus", "guz");
        return new Response(text, { status: response.status, headers: response.headers });
      },
    });
    const error = await assertRejects(
      () => damaged.getItem({ TableName: TABLE, Key: key("gus", 1) }),
      ChecksumError,
    );
    assertEquals(error.attempts, 2);
    const trusting = local.client({
      validateChecksums: false,
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        const text = (await response.text()).replace("gus", "guz");
        return new Response(text, { status: response.status, headers: response.headers });
      },
    });
    const { Item } = await trusting.getItem({ TableName: TABLE, Key: key("gus", 1) });
    assertEquals(Item?.customer, { S: "guz" });
  } finally {
    await local.close();
  }
});

Deno.test("many concurrent calls over keep-alive connections all succeed", async () => {
  await withServer(async (db) => {
    await createOrders(db);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => db.putItem({ TableName: TABLE, Item: key("fay", i) })),
    );
    const { Count } = await db.query({
      TableName: TABLE,
      KeyConditionExpression: "customer = :c",
      ExpressionAttributeValues: { ":c": { S: "fay" } },
      Select: "COUNT",
    });
    assertEquals(Count, 50);
    assertGreater(Count ?? 0, 0);
  });
});

// Integration tests, once per engine (dynalite and AWS's DynamoDB Local, tests/_engines.ts), and on
// dynalite once more through the node:http transport: every operation over HTTP through the real client
// and signer; transactions, PartiQL, UpdateTimeToLive and
// DescribeLimits on DynamoDB Local, and on dynalite, which lacks them, the error it gives.
import {
  assertEquals,
  assertExists,
  assertGreater,
  assertRejects,
  assertStringIncludes,
} from "../assert.ts";
import { type EngineSuite, forEachEngine } from "../_engines.ts";
import { nodeHttpTransport } from "../../lib/adapters/node_http.ts";
import type { DynamoDB } from "../../lib/client/dynamodb.ts";
import type { AttributeMap } from "../../lib/codec/mod.ts";
import {
  ConditionalCheckFailedError,
  DynamoDBError,
  ResourceInUseError,
  ResourceNotFoundError,
  ServiceValidationError,
  TransactionCanceledError,
} from "../../lib/operations/errors.ts";
import type { ClientEvent } from "../../lib/transport/send.ts";
import type { HttpTransport } from "../../lib/transport/http.ts";
import { crc32 } from "../../lib/transport/crc32.ts";
import { ChecksumError } from "../../lib/transport/errors.ts";

const TABLE = "orders";

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

// dynalite makes a table ACTIVE on a timer even with createTableMs 0, like DynamoDB after a while;
// DynamoDB Local answers ACTIVE at once.
async function waitActive(db: DynamoDB, name: string): Promise<void> {
  while ((await db.describeTable({ TableName: name })).Table?.TableStatus !== "ACTIVE") {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

const key = (customer: string, order: number) => ({
  customer: { S: customer },
  order: { N: String(order) },
});

const suite = ({ engine, local, test }: EngineSuite) => {
  test("createTable, describeTable, listTables, updateTable, deleteTable", async () => {
    const db = local.client();
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
    // Divergence: DynamoDB Local deletes at once and describes the table as it was (ACTIVE); dynalite,
    // like DynamoDB, answers DELETING.
    assertEquals(
      deleted.TableDescription?.TableStatus,
      engine === "dynamodb-local" ? "ACTIVE" : "DELETING",
    );
    // The table is gone once DELETING ends (a timer in dynalite, even at deleteTableMs 0).
    for (let i = 0; i < 1000; i++) {
      const found = await db.describeTable({ TableName: TABLE }).catch((e) => e);
      if (found instanceof ResourceNotFoundError) break;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await assertRejects(() => db.describeTable({ TableName: TABLE }), ResourceNotFoundError);
    assertEquals((await db.listTables({})).TableNames, []);
  });

  test("listTables pages with Limit and ExclusiveStartTableName", async () => {
    const db = local.client();
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

  test("putItem, getItem, updateItem, deleteItem with ReturnValues", async () => {
    const db = local.client();
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
    // Divergence: DynamoDB Local returns the sum of 12.5 and 1.5 as "14.0", dynalite as "14".
    assertEquals(updated.Attributes, {
      total: { N: engine === "dynamodb-local" ? "14.0" : "14" },
    });
    const projected = await db.getItem({
      TableName: TABLE,
      Key: key("ann", 1),
      ProjectionExpression: "#t",
      ExpressionAttributeNames: { "#t": "total" },
    });
    assertEquals(Number((projected.Item?.total as { N: string }).N), 14);
    const deleted = await db.deleteItem({
      TableName: TABLE,
      Key: key("ann", 1),
      ReturnValues: "ALL_OLD",
    });
    assertEquals(deleted.Attributes?.total, updated.Attributes?.total);
    assertEquals((await db.getItem({ TableName: TABLE, Key: key("ann", 1) })).Item, undefined);
  });

  test("a failed condition is a ConditionalCheckFailedError, not retried", async () => {
    const db = local.client();
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

  test("a server-side validation failure is a ServiceValidationError", async () => {
    const db = local.client();
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

  test("query pages through a partition with Limit and ExclusiveStartKey", async () => {
    const db = local.client();
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

  test("boto-era legacy parameters are typed and reach the server", async () => {
    const db = local.client();
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
      KeyConditions: {
        customer: { ComparisonOperator: "EQ", AttributeValueList: [{ S: "hal" }] },
      },
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

  test("scan with segments covers the table once", async () => {
    const db = local.client();
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

  test("batchWriteItem and batchGetItem", async () => {
    const db = local.client();
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
        [TABLE]: {
          Keys: [key("eve", 1), key("eve", 2), key("eve", 3)],
          ProjectionExpression: "v",
        },
      },
    });
    const values = (read.Responses?.[TABLE] ?? []).map((item) => item.v);
    assertEquals(
      values.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      [{ S: "one" }, { S: "two" }],
    );
  });

  test("bodies over 8 KiB, signed on the signer's general path, are accepted", async () => {
    // With hashing "auto", a body over 8 KiB is hashed by WebCrypto through the general signer, which
    // loads on first use: a second code path, run here on every engine and (tests/runtimes) under Node.
    for (const hashing of ["auto", "js", "webcrypto"] as const) {
      const db = local.client({ hashing });
      if (hashing === "auto") await createOrders(db);
      // Multi-byte characters: the body's length on the wire is its UTF-8 byte count.
      const note = { S: hashing.repeat(12_000 / hashing.length) + "é🙂".repeat(500) };
      await db.putItem({ TableName: TABLE, Item: { ...key("big", 0), note } });
      const puts = Array.from({ length: 25 }, (_, i) => ({
        PutRequest: { Item: { ...key(hashing, i), pad: { S: "x".repeat(600) } } },
      }));
      const written = await db.batchWriteItem({ RequestItems: { [TABLE]: puts } });
      assertEquals(written.UnprocessedItems, {});
      assertEquals((await db.getItem({ TableName: TABLE, Key: key("big", 0) })).Item?.note, note);
      const page = await db.query({
        TableName: TABLE,
        KeyConditionExpression: "customer = :c",
        ExpressionAttributeValues: { ":c": { S: hashing } },
      });
      assertEquals(page.Count, 25);
    }
  });

  test("describeTimeToLive and the tag operations", async () => {
    const db = local.client();
    await createOrders(db);
    const ttl = await db.describeTimeToLive({ TableName: TABLE });
    assertEquals(ttl.TimeToLiveDescription?.TimeToLiveStatus, "DISABLED");
    const arn = (await db.describeTable({ TableName: TABLE })).Table?.TableArn;
    assertExists(arn);
    if (engine === "dynamodb-local") {
      // Divergence: DynamoDB Local 1.25.1 has no tagging; dynalite has.
      const error = await assertRejects(
        () => db.tagResource({ ResourceArn: arn, Tags: [{ Key: "team", Value: "core" }] }),
        DynamoDBError,
        "Tagging is not currently supported",
      );
      assertEquals(error.code, "UnknownOperationException");
      return;
    }
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

  test("request reaches an operation by name; one neither engine serves is a DynamoDBError", async () => {
    const events: ClientEvent[] = [];
    const watched = local.client({ onEvent: (event) => events.push(event) });
    assertEquals(await watched.request("ListTables", {}), { TableNames: [] });
    const error = await assertRejects(
      () => watched.request("DescribeEndpoints", {}),
      DynamoDBError,
    );
    assertEquals(error.code, "UnknownOperationException");
    assertEquals(events.filter((e) => e.type === "response").length, 2);
    await createOrders(watched);
    const direct = await watched.request("DescribeTable", { TableName: TABLE });
    assertEquals(direct.Table?.TableName, TABLE);
  });

  test("x-amz-crc32 matches our CRC-32 of every body, and a damaged body fails", async () => {
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
    assertGreater(checked.length, 2);
    assertEquals(checked.every(Boolean), true);

    const damaging = async (url: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(url, init);
      const text = (await response.text()).replace("gus", "guz");
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const damaged = local.client({
      maxAttempts: 2,
      timeoutMs: 0, // the injected sleep also times attempts: no timeouts here
      sleep: () => Promise.resolve(),
      fetch: damaging,
    });
    const error = await assertRejects(
      () => damaged.getItem({ TableName: TABLE, Key: key("gus", 1) }),
      ChecksumError,
    );
    assertEquals(error.attempts, 2);
    const trusting = local.client({ validateChecksums: false, fetch: damaging });
    const { Item } = await trusting.getItem({ TableName: TABLE, Key: key("gus", 1) });
    assertEquals(Item?.customer, { S: "guz" });
  });
  test("many concurrent calls over keep-alive connections all succeed", async () => {
    const db = local.client();
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

  const accounts = async (db: DynamoDB, balances: Record<string, number>) => {
    await db.createTable({
      TableName: "accounts",
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    });
    await waitActive(db, "accounts");
    for (const [id, balance] of Object.entries(balances)) {
      await db.putItem({ TableName: "accounts", Item: account(id, balance) });
    }
  };
  const account = (id: string, balance: number) => ({
    id: { S: id },
    balance: { N: `${balance}` },
  });
  const balances = async (db: DynamoDB) =>
    Object.fromEntries(
      ((await db.scan({ TableName: "accounts", ConsistentRead: true })).Items ?? [])
        .map((i) => [JSON.stringify(i.id), "N" in i.balance ? Number(i.balance.N) : NaN])
        .map(([id, n]) => [JSON.parse(String(id)).S, n]),
    );

  if (engine === "dynalite") {
    test("dynalite lacks transactions, PartiQL, UpdateTimeToLive and DescribeLimits", async () => {
      const db = local.client();
      await accounts(db, { a: 1 });
      const calls = [
        () =>
          db.transactWriteItems({
            TransactItems: [{ Delete: { TableName: "accounts", Key: { id: { S: "a" } } } }],
          }),
        () =>
          db.transactGetItems({
            TransactItems: [{ Get: { TableName: "accounts", Key: { id: { S: "a" } } } }],
          }),
        () => db.executeStatement({ Statement: 'SELECT * FROM "accounts"' }),
        () => db.batchExecuteStatement({ Statements: [{ Statement: 'SELECT * FROM "accounts"' }] }),
        () =>
          db.executeTransaction({
            TransactStatements: [{ Statement: 'SELECT * FROM "accounts"' }],
          }),
        () =>
          db.updateTimeToLive({
            TableName: "accounts",
            TimeToLiveSpecification: { AttributeName: "expires", Enabled: true },
          }),
        () => db.describeLimits(),
      ];
      for (const call of calls) {
        const error = await assertRejects(call, DynamoDBError);
        assertEquals(error.code, "UnknownOperationException");
      }
    });
    return;
  }

  test("transactWriteItems applies put, update, condition check and delete together", async () => {
    const db = local.client();
    await accounts(db, { a: 100, b: 0, d: 1 });
    const input = {
      TransactItems: [
        {
          Put: {
            TableName: "accounts",
            Item: account("c", 0),
            ConditionExpression: "attribute_not_exists(id)",
          },
        },
        {
          Update: {
            TableName: "accounts",
            Key: { id: { S: "a" } },
            UpdateExpression: "SET balance = balance - :amount",
            ConditionExpression: "balance >= :amount",
            ExpressionAttributeValues: { ":amount": { N: "10" } },
          },
        },
        {
          ConditionCheck: {
            TableName: "accounts",
            Key: { id: { S: "b" } },
            ConditionExpression: "attribute_exists(id)",
          },
        },
        { Delete: { TableName: "accounts", Key: { id: { S: "d" } } } },
      ],
      ClientRequestToken: "transfer-1",
      ReturnConsumedCapacity: "TOTAL" as const,
    };
    const output = await db.transactWriteItems(input);
    assertEquals(output.ConsumedCapacity?.[0].TableName, "accounts");
    assertGreater(output.ConsumedCapacity?.[0].CapacityUnits ?? 0, 0);
    assertEquals(await balances(db), { a: 90, b: 0, c: 0 });
  });

  test("a cancelled transaction is a TransactionCanceledError with a reason per entry", async () => {
    const db = local.client();
    await accounts(db, { a: 5, x: 1 });
    const error = await assertRejects(
      () =>
        db.transactWriteItems({
          TransactItems: [
            { Delete: { TableName: "accounts", Key: { id: { S: "x" } } } },
            {
              Update: {
                TableName: "accounts",
                Key: { id: { S: "a" } },
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
    assertEquals(error.code, "TransactionCanceledException");
    assertEquals(error.attempts, 1);
    assertEquals(error.cancellationReasons.map((r) => r.Code), ["None", "ConditionalCheckFailed"]);
    assertEquals(error.cancellationReasons[1].Item, account("a", 5));
    // Nothing was applied: x is still there.
    assertEquals(await balances(db), { a: 5, x: 1 });
  });

  test("transactGetItems returns one response per read, empty for a missing item", async () => {
    const db = local.client();
    await accounts(db, { a: 90 });
    const { Responses } = await db.transactGetItems({
      TransactItems: [
        {
          Get: { TableName: "accounts", Key: { id: { S: "a" } }, ProjectionExpression: "balance" },
        },
        { Get: { TableName: "accounts", Key: { id: { S: "zz" } } } },
      ],
    });
    assertEquals(Responses?.length, 2);
    assertEquals(Responses?.[0].Item, { balance: { N: "90" } });
    assertEquals(Responses?.[1].Item, undefined);
  });

  test("executeStatement: INSERT, SELECT with parameters and NextToken, a failed condition", async () => {
    const db = local.client();
    await accounts(db, {});
    for (let i = 0; i < 5; i++) {
      await db.executeStatement({
        Statement: "INSERT INTO accounts VALUE {'id': ?, 'balance': ?}",
        Parameters: [{ S: `k${i}` }, { N: `${i}` }],
      });
    }
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await db.executeStatement({
        Statement: 'SELECT id FROM "accounts" WHERE balance >= ?',
        Parameters: [{ N: "1" }],
        Limit: 2,
        ...(NextToken ? { NextToken } : {}),
      });
      for (const item of page.Items ?? []) if ("S" in item.id) seen.push(item.id.S);
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    assertEquals(seen.sort(), ["k1", "k2", "k3", "k4"]);
    assertGreater(pages, 1);
    await assertRejects(
      () =>
        db.executeStatement({
          Statement: "UPDATE accounts SET balance = 7 WHERE id = 'k0' AND balance = 3",
        }),
      ConditionalCheckFailedError,
    );
    await assertRejects(
      () => db.executeStatement({ Statement: "INSERT INTO accounts VALUE {'id': 'k1'}" }),
      DynamoDBError,
      "DuplicateItem",
    );
  });

  test("batchExecuteStatement answers per statement, errors in place; executeTransaction", async () => {
    const db = local.client();
    await accounts(db, { a: 1 });
    const written = await db.batchExecuteStatement({
      Statements: [
        { Statement: "INSERT INTO accounts VALUE {'id': ?}", Parameters: [{ S: "a" }] },
        { Statement: "INSERT INTO accounts VALUE {'id': ?}", Parameters: [{ S: "b" }] },
      ],
    });
    assertEquals(written.Responses?.map((r) => r.Error?.Code), ["DuplicateItem", undefined]);
    const read = await db.batchExecuteStatement({
      Statements: [
        { Statement: "SELECT * FROM accounts WHERE id = ?", Parameters: [{ S: "a" }] },
        { Statement: "SELECT * FROM accounts WHERE id = ?", Parameters: [{ S: "c" }] },
      ],
    });
    assertEquals(read.Responses?.map((r) => r.Item), [account("a", 1), undefined]);
    // Reads and writes cannot share a batch (as in DynamoDB).
    await assertRejects(
      () =>
        db.batchExecuteStatement({
          Statements: [
            { Statement: "SELECT * FROM accounts WHERE id = 'a'" },
            { Statement: "INSERT INTO accounts VALUE {'id': 'd'}" },
          ],
        }),
      ServiceValidationError,
    );
    const done = await db.executeTransaction({
      TransactStatements: [
        { Statement: "UPDATE accounts SET balance = 2 WHERE id = ?", Parameters: [{ S: "b" }] },
        { Statement: "DELETE FROM accounts WHERE id = ?", Parameters: [{ S: "a" }] },
      ],
    });
    assertEquals(done.Responses ?? [], []);
    assertEquals(await balances(db), { b: 2 });
    const got = await db.executeTransaction({
      TransactStatements: [
        { Statement: "SELECT * FROM accounts WHERE id = ?", Parameters: [{ S: "b" }] },
        { Statement: "SELECT * FROM accounts WHERE id = ?", Parameters: [{ S: "a" }] },
      ],
    });
    assertEquals(got.Responses?.map((r) => r.Item), [account("b", 2), undefined]);
    const error = await assertRejects(
      () =>
        db.executeTransaction({
          TransactStatements: [
            { Statement: "DELETE FROM accounts WHERE id = 'b'" },
            { Statement: "INSERT INTO accounts VALUE {'id': 'c', 'balance': 1}" },
            { Statement: "UPDATE accounts SET balance = 3 WHERE id = 'e' AND balance = 9" },
          ],
        }),
      TransactionCanceledError,
    );
    assertEquals(error.cancellationReasons.map((r) => r.Code), [
      "None",
      "None",
      "ConditionalCheckFailed",
    ]);
    assertEquals(await balances(db), { b: 2 });
  });

  test("updateTimeToLive enables TTL; describeTimeToLive and describeLimits", async () => {
    const db = local.client();
    await accounts(db, {});
    const spec = { AttributeName: "expires", Enabled: true };
    const out = await db.updateTimeToLive({ TableName: "accounts", TimeToLiveSpecification: spec });
    assertEquals(out.TimeToLiveSpecification, spec);
    const described = await db.describeTimeToLive({ TableName: "accounts" });
    assertEquals(described.TimeToLiveDescription?.AttributeName, "expires");
    assertEquals(described.TimeToLiveDescription?.TimeToLiveStatus, "ENABLED");
    await assertRejects(
      () => db.updateTimeToLive({ TableName: "accounts", TimeToLiveSpecification: spec }),
      ServiceValidationError,
      "already enabled",
    );
    const limits = await db.describeLimits();
    assertEquals(Object.keys(limits).sort(), [
      "AccountMaxReadCapacityUnits",
      "AccountMaxWriteCapacityUnits",
      "TableMaxReadCapacityUnits",
      "TableMaxWriteCapacityUnits",
    ]);
    assertGreater(limits.TableMaxReadCapacityUnits ?? 0, 0);
  });
};

await forEachEngine(suite);

// The same suite on dynalite through the node:http transport (each test with a keep-alive pool of its
// own, closed after it); a test that brings its own fetch or transport keeps it.
await forEachEngine(({ engine, local, test }) => {
  let transport: HttpTransport | undefined;
  let given = 0;
  return suite({
    engine,
    local: {
      ...local,
      client: (options = {}) => {
        if (options.fetch || options.transport) return local.client(options);
        given++;
        return local.client({ ...options, transport });
      },
    },
    test: (name, fn) =>
      test(name, async () => {
        const pool = nodeHttpTransport();
        let sent = 0;
        given = 0;
        transport = (request) => (sent++, pool(request));
        try {
          await fn();
        } finally {
          pool.close();
        }
        // Every client the test made without a fetch of its own sent through node:http.
        if (given > 0) assertGreater(sent, 0, "the test went through the node:http transport");
      }),
  });
}, { engines: ["dynalite"], label: "node:http" });

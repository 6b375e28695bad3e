// Transactions of the high-level API, for real on DynamoDB Local (dynalite has none: there it is
// UnknownOperationException): request bodies as the API reference gives them, idempotency tokens,
// validation before sending, cancellation reasons per entry, reads decoded per table.
import { assertEquals, assertMatch, assertRejects } from "../assert.ts";
import { ValidationError } from "../../lib/errors.ts";
import { Attr, update } from "../../lib/expressions/mod.ts";
import { DynamoDBError, TransactionCanceledError } from "../../lib/operations/errors.ts";
import type { Database } from "../../lib/table/database.ts";
import { forEachEngine } from "../_engines.ts";
import { database, recordingDatabase } from "./_local.ts";

async function tables(db: Database) {
  const accounts = await db.createTable<{ id: string; balance: number; n?: number }>({
    name: "accounts",
    partitionKey: ["id", "S"],
  });
  const log = await db.createTable({
    name: "audit_log",
    partitionKey: ["day", "S"],
    sortKey: ["seq", "N"],
  });
  await db.createTable({ name: "limits", partitionKey: ["id", "S"] });
  return { accounts, log };
}

await forEachEngine(({ engine, local, test }) => {
  if (engine === "dynalite") {
    test("dynalite has no transactions: UnknownOperationException", async () => {
      const db = database(local);
      const { accounts } = await tables(db);
      for (
        const call of [
          () => db.transactWrite([{ table: accounts, put: { id: "a", balance: 1 } }]),
          () => db.transactGet([{ table: accounts, key: "a" }]),
        ]
      ) {
        const error = await assertRejects(call, DynamoDBError);
        assertEquals(error.code, "UnknownOperationException");
      }
    });
    return;
  }

  test("transactWrite: put, update, delete and condition check from builders and native values", async () => {
    const { db, seen } = recordingDatabase(local);
    const { accounts, log } = await tables(db);
    await accounts.put({ id: "a", balance: 10 });
    await accounts.put({ id: "b", balance: 0 });
    await db.table("limits", { partitionKey: ["id", "S"] }).put({ id: "a" });
    await log.put({ day: "2023-12-31", seq: 9, done: true });
    seen.length = 0;
    await db.transactWrite([
      {
        table: accounts,
        update: update().add("balance", -5),
        key: "a",
        condition: Attr("balance").gte(5),
      },
      { table: accounts, update: update().add("balance", 5), key: { id: "b" } },
      { table: log, put: { day: "2024-01-01", seq: 1, amount: 5 }, expected: { seq: false } },
      { table: "limits", check: { id: "a" }, condition: Attr("frozen").notExists() },
      {
        table: "audit_log",
        delete: ["2023-12-31", 9],
        returnValuesOnConditionCheckFailure: "ALL_OLD",
        expected: { done: true },
      },
    ]);
    assertEquals(seen.length, 1);
    assertEquals(seen[0].operation, "TransactWriteItems");
    const { TransactItems, ClientRequestToken } = seen[0].body as {
      TransactItems: unknown[];
      ClientRequestToken: string;
    };
    assertMatch(ClientRequestToken, /^[0-9a-f-]{36}$/);
    assertEquals(TransactItems, [
      {
        Update: {
          TableName: "accounts",
          Key: { id: { S: "a" } },
          ConditionExpression: "#n0 >= :v0",
          UpdateExpression: "ADD #n0 :v1",
          ExpressionAttributeNames: { "#n0": "balance" },
          ExpressionAttributeValues: { ":v0": { N: "5" }, ":v1": { N: "-5" } },
        },
      },
      {
        Update: {
          TableName: "accounts",
          Key: { id: { S: "b" } },
          UpdateExpression: "ADD #n0 :v0",
          ExpressionAttributeNames: { "#n0": "balance" },
          ExpressionAttributeValues: { ":v0": { N: "5" } },
        },
      },
      {
        Put: {
          TableName: "audit_log",
          Item: { day: { S: "2024-01-01" }, seq: { N: "1" }, amount: { N: "5" } },
          ConditionExpression: "attribute_not_exists(#n0)",
          ExpressionAttributeNames: { "#n0": "seq" },
        },
      },
      {
        ConditionCheck: {
          TableName: "limits",
          Key: { id: { S: "a" } },
          ConditionExpression: "attribute_not_exists(#n0)",
          ExpressionAttributeNames: { "#n0": "frozen" },
        },
      },
      {
        Delete: {
          TableName: "audit_log",
          Key: { day: { S: "2023-12-31" }, seq: { N: "9" } },
          ConditionExpression: "attribute_exists(#n0)",
          ExpressionAttributeNames: { "#n0": "done" },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        },
      },
    ]);
    // Applied, all of it.
    assertEquals(await accounts.get("a"), { id: "a", balance: 5 });
    assertEquals(await accounts.get("b"), { id: "b", balance: 5 });
    assertEquals(await log.get(["2024-01-01", 1]), { day: "2024-01-01", seq: 1, amount: 5 });
    assertEquals(await log.get(["2023-12-31", 9]), undefined);

    seen.length = 0;
    await db.transactWrite([{ table: accounts, delete: "z" }], { clientRequestToken: "token-1" });
    assertEquals(seen[0].body.ClientRequestToken, "token-1");
    await db.transactWrite([{ table: accounts, delete: "z" }]);
    assertEquals(seen[1].body.ClientRequestToken === ClientRequestToken, false);
    // Without crypto.randomUUID (a browser page served over plain http), 128 random bits in hex.
    const randomUUID = crypto.randomUUID;
    try {
      Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
      await db.transactWrite([{ table: accounts, delete: "z" }]);
    } finally {
      Object.defineProperty(crypto, "randomUUID", { value: randomUUID, configurable: true });
    }
    assertMatch(String(seen[2].body.ClientRequestToken), /^[0-9a-f]{32}$/);
  });

  test("transactWrite validates before sending", async () => {
    const { db, seen } = recordingDatabase(local);
    const t = db.table("accounts", { partitionKey: ["id", "S"] });
    const bad = [
      () => db.transactWrite([]),
      () =>
        db.transactWrite(Array.from({ length: 101 }, (_, i) => ({ table: t, delete: `k${i}` }))),
      () => db.transactWrite([{ table: t, check: "a" }]),
      () => db.transactWrite([{ table: t, update: update(), key: "a" }]),
      () => db.transactWrite([{ table: t, delete: 1 }]),
      () => db.transactWrite([{ table: "unknown_table", delete: "a" }]),
      () => db.transactWrite([{ table: "ab", delete: { id: "a" } }]),
      () => db.transactWrite([{ table: t, put: { name: "no key" } }]),
    ];
    for (const call of bad) await assertRejects(call, ValidationError);
    assertEquals(seen.length, 0);
  });

  test("a cancelled transaction throws TransactionCanceledError with a reason per entry", async () => {
    const db = database(local);
    const { accounts } = await tables(db);
    await accounts.put({ id: "b", balance: 1 });
    const error = await assertRejects(
      () =>
        db.transactWrite([
          { table: accounts, put: { id: "a", balance: 0 } },
          {
            table: accounts,
            delete: "b",
            condition: Attr("x").exists(),
            returnValuesOnConditionCheckFailure: "ALL_OLD",
          },
        ]),
      TransactionCanceledError,
    );
    assertEquals(error.cancellationReasons.map((r) => r.Code), ["None", "ConditionalCheckFailed"]);
    assertEquals(error.cancellationReasons[1].Item, { id: { S: "b" }, balance: { N: "1" } });
    // Nothing applied.
    assertEquals(await accounts.get("a"), undefined);
    assertEquals(await accounts.get("b"), { id: "b", balance: 1 });
  });

  test("transactGet returns items in entry order, undefined where missing, decoded per table", async () => {
    const { db, seen } = recordingDatabase(local);
    const { log } = await tables(db);
    const accounts = db.table("accounts", { partitionKey: ["id", "S"] }, {
      codec: { numbers: "bigint" },
    });
    await accounts.put({ id: "a", balance: 1, n: 10 });
    await log.put({ day: "d", seq: 2 });
    seen.length = 0;
    const got = await db.transactGet([
      { table: accounts, key: "a", projection: ["n"] },
      { table: accounts, key: "b" },
      { table: "audit_log", key: ["d", 2] },
    ]);
    assertEquals(got, [{ n: 10n }, undefined, { day: "d", seq: 2 }]);
    assertEquals(seen[0].body, {
      TransactItems: [
        {
          Get: {
            TableName: "accounts",
            Key: { id: { S: "a" } },
            ProjectionExpression: "#n0",
            ExpressionAttributeNames: { "#n0": "n" },
          },
        },
        { Get: { TableName: "accounts", Key: { id: { S: "b" } } } },
        { Get: { TableName: "audit_log", Key: { day: { S: "d" }, seq: { N: "2" } } } },
      ],
    });
  });
});

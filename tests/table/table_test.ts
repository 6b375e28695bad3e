// Table handles against both engines: life cycle, single-item reads and writes, TTL, key and name
// validation, codec options; request shapes through the fake transport.
import {
  assertEquals,
  assertExists,
  assertInstanceOf,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "../assert.ts";
import { startLocalDynamo } from "../../testing.ts";
import { ValidationError } from "../../lib/errors.ts";
import { Attr, update } from "../../lib/expressions/mod.ts";
import {
  ConditionalCheckFailedError,
  DynamoDBError,
  ResourceNotFoundError,
} from "../../lib/operations/errors.ts";
import { Database } from "../../lib/table/database.ts";
import { DynamoNumber } from "../../lib/codec/mod.ts";
import { database, fakeDatabase, recordingDatabase } from "./_local.ts";
import { forEachEngine } from "../_engines.ts";

type Event = { user: string; ts: number; kind?: string; n?: number; tags?: Set<string> };

// dynalite only: its createTableMs holds a table CREATING; DynamoDB Local makes tables ACTIVE at once.
Deno.test("createTable with wait: false returns at once; waitUntilActive polls with backoff", async () => {
  // 1 s: long enough that three polls (50 + 100 + 200 ms) fit even on a loaded machine.
  const local = await startLocalDynamo({ createTableMs: 1000 });
  try {
    const sleeps: number[] = [];
    const db = new Database({
      client: local.client(),
      sleep: (ms) => (sleeps.push(ms), new Promise((r) => setTimeout(r, ms))),
    });
    const t = await db.createTable({ name: "slow", partitionKey: ["id", "S"] }, { wait: false });
    assertEquals(t.status, "CREATING");
    await t.waitUntilActive();
    assertEquals(t.status, "ACTIVE");
    assertEquals(sleeps.slice(0, 3), [50, 100, 200]);
    const t2 = await db.createTable({ name: "slow2", partitionKey: ["id", "S"] });
    assertEquals(t2.status, "ACTIVE");
    await assertRejects(
      () => db.createTable({ name: "slow3", partitionKey: ["id", "S"] }, { maxWaitMs: 100 }),
      Error,
      "not ACTIVE after",
    );
  } finally {
    await local.close();
  }
});

Deno.test("keys are checked against the schema before anything is sent", async () => {
  const { db, seen } = fakeDatabase(() => ({}));
  const t = db.table<Event>("events", { partitionKey: ["user", "S"], sortKey: ["ts", "N"] });
  const h = db.table("hashonly", { partitionKey: ["id", "B"] });
  const bad: [() => Promise<unknown>, string, string, string][] = [
    [() => t.get(["ann", "1"]), "ts", "S", "N"],
    [() => t.get([1, 1]), "user", "N", "S"],
    [() => t.get({ user: "ann" }), "ts", "nothing", "N"],
    [() => t.get("ann"), "ts", "a single value", "[user, ts] or { user, ts }"],
    [() => t.get(["", 1]), "user", "an empty value", "a non-empty string or binary"],
    [() => t.put({ user: "ann", ts: 1n as unknown as number, kind: "x" }), "sent", "", ""],
    [() => t.put({ user: "ann" } as Event), "ts", "nothing", "N"],
    [() => t.delete({ user: "ann", ts: null } as never), "ts", "NULL", "N"],
    [() => h.get(new Uint8Array()), "id", "an empty value", "a non-empty string or binary"],
    [() => h.get("abc"), "id", "S", "B"],
    [() => h.get(["a", "b"]), "", "2 values", "the value of id, or { id }"],
  ];
  for (const [call, path, found, allowed] of bad) {
    if (path === "sent") {
      await call(); // a bigint is a valid N: this one is sent
      continue;
    }
    const error = await assertRejects(call, ValidationError);
    assertEquals([error.path, error.found, error.allowed], [path, found, allowed]);
  }
  assertEquals(seen.length, 1);
  assertEquals(seen[0].body.Item, { user: { S: "ann" }, ts: { N: "1" }, kind: { S: "x" } });
  await h.get(new Uint8Array([1, 2]));
  assertEquals(seen[1].body.Key, { id: { B: "AQI=" } });
});

Deno.test("table and index names are checked: 3 to 255 of A-Z a-z 0-9 _ . -", async () => {
  const { db } = fakeDatabase(() => ({}));
  for (const name of ["ab", "a b", "x".repeat(256), "tä", ""]) {
    const error = assertThrows(
      () => db.table(name, { partitionKey: ["id", "S"] }),
      ValidationError,
    );
    assertEquals(error.path, "name");
  }
  db.table("a_b.c-1", { partitionKey: ["id", "S"] });
  db.table("x".repeat(255), { partitionKey: ["id", "S"] });
  assertThrows(
    () =>
      db.table("good", {
        partitionKey: ["id", "S"],
        indexes: { "b!": { partitionKey: ["x", "S"] } },
      }),
    ValidationError,
  );
  const t = db.table("good", { partitionKey: ["id", "S"] });
  assertThrows(() => t.scan({ index: "no" }), ValidationError, "index");
  await assertRejects(
    () =>
      db.createTable({
        name: "good",
        partitionKey: ["id", "S"],
        globalIndexes: [{ name: "x", partitionKey: ["a", "S"] }],
      }),
    ValidationError,
  );
});

Deno.test("waitUntilActive waits for global indexes too; a table being deleted is an error", async () => {
  let polls = 0;
  const { db } = fakeDatabase(() => ({
    Table: {
      TableStatus: "ACTIVE",
      GlobalSecondaryIndexes: [{
        IndexName: "gsi",
        IndexStatus: ++polls < 3 ? "CREATING" : "ACTIVE",
      }],
    },
  }));
  await db.table("ttt", { partitionKey: ["id", "S"] }).waitUntilActive();
  assertEquals(polls, 3);
  const deleting = fakeDatabase(() => ({ Table: { TableStatus: "DELETING" } })).db;
  await assertRejects(
    () => deleting.table("ttt", { partitionKey: ["id", "S"] }).waitUntilActive(),
    Error,
    "being deleted",
  );
  let describes = 0;
  const going =
    fakeDatabase(() =>
      ++describes < 3 ? { Table: { TableStatus: "DELETING" } } : new Response(
        JSON.stringify({
          __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
          message: "gone",
        }),
        { status: 400 },
      )
    ).db;
  await going.table("ttt", { partitionKey: ["id", "S"] }).waitUntilDeleted();
  assertEquals(describes, 3);
});

await forEachEngine(({ engine, local, test }) => {
  test("a table handle makes no call; requests carry exactly the fields asked for", async () => {
    const { db, seen } = recordingDatabase(local);
    await db.createTable({ name: "users", partitionKey: ["id", "S"] });
    await db.table("users", { partitionKey: ["id", "S"] }).put({ id: "a", x: 1 });
    seen.length = 0;
    const t = db.table("users", { partitionKey: ["id", "S"] });
    assertEquals(seen.length, 0);
    await t.get("a");
    await t.get("a", { consistentRead: true, projection: ["name", "address.city"] });
    await t.has("a");
    await t.put({ id: "a" });
    await t.update("a", update().set("x", 1), { returnValues: "ALL_NEW" });
    await t.delete("a", { expected: { x: true }, returnValuesOnConditionCheckFailure: "ALL_OLD" });
    assertEquals(seen.map((r) => r.body), [
      { TableName: "users", Key: { id: { S: "a" } } },
      {
        TableName: "users",
        Key: { id: { S: "a" } },
        ConsistentRead: true,
        ProjectionExpression: "#n0, #n1.#n2",
        ExpressionAttributeNames: { "#n0": "name", "#n1": "address", "#n2": "city" },
      },
      {
        TableName: "users",
        Key: { id: { S: "a" } },
        ProjectionExpression: "#n0",
        ExpressionAttributeNames: { "#n0": "id" },
      },
      { TableName: "users", Item: { id: { S: "a" } } },
      {
        TableName: "users",
        Key: { id: { S: "a" } },
        UpdateExpression: "SET #n0 = :v0",
        ExpressionAttributeNames: { "#n0": "x" },
        ExpressionAttributeValues: { ":v0": { N: "1" } },
        ReturnValues: "ALL_NEW",
      },
      {
        TableName: "users",
        Key: { id: { S: "a" } },
        ConditionExpression: "attribute_exists(#n0)",
        ExpressionAttributeNames: { "#n0": "x" },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      },
    ]);
  });

  test("one options object shared by reads and writes: each operation sends only its own", async () => {
    const { db, seen } = recordingDatabase(local);
    await db.createTable({ name: "shared", partitionKey: ["id", "S"] });
    const t = db.table<{ id: string; x?: number }>("shared", { partitionKey: ["id", "S"] });
    seen.length = 0;
    const options = {
      consistentRead: true,
      projection: ["x"],
      condition: Attr("x").notExists(),
      returnValues: "ALL_OLD" as const,
    };
    await t.put({ id: "a" }, options);
    await t.get("a", options);
    // A JavaScript caller's null or empty return values are left out, as when they are not given.
    const unset = { returnValues: null, returnValuesOnConditionCheckFailure: "" } as unknown as {
      returnValues: "NONE";
    };
    await t.delete("a", unset);
    assertEquals(seen.map((r) => r.body), [
      {
        TableName: "shared",
        Item: { id: { S: "a" } },
        ConditionExpression: "attribute_not_exists(#n0)",
        ExpressionAttributeNames: { "#n0": "x" },
        ReturnValues: "ALL_OLD",
      },
      {
        TableName: "shared",
        Key: { id: { S: "a" } },
        ConsistentRead: true,
        ProjectionExpression: "#n0",
        ExpressionAttributeNames: { "#n0": "x" },
      },
      { TableName: "shared", Key: { id: { S: "a" } } },
    ]);
  });

  test("createTable waits for ACTIVE and returns a table with the schema, indexes included", async () => {
    const db = database(local);
    const events = await db.createTable<Event>({
      name: "events",
      partitionKey: ["user", "S"],
      sortKey: ["ts", "N"],
      billing: { read: 5, write: 5 },
      globalIndexes: [{ name: "byKind", partitionKey: ["kind", "S"], sortKey: ["ts", "N"] }],
      localIndexes: [{ name: "byN", sortKey: ["n", "N"], projection: "keys" }],
    });
    assertEquals(events.status, "ACTIVE");
    assertEquals(events.schema, {
      partitionKey: ["user", "S"],
      sortKey: ["ts", "N"],
      indexes: {
        byKind: { partitionKey: ["kind", "S"], sortKey: ["ts", "N"] },
        byN: { partitionKey: ["user", "S"], sortKey: ["n", "N"] },
      },
    });
    assertEquals(events.readUnits, 5);
    const again = await db.getTable<Event>("events");
    assertEquals(again.schema, events.schema);
    assertEquals(again.itemCount, 0);
    assertInstanceOf(again.createdAt, Date);
    await events.updateThroughput({ read: 7, write: 6 });
    await events.waitUntilActive();
    assertEquals((await events.refresh()).writeUnits, 6);
    assertEquals(events.readUnits, 7);
    assertEquals(await db.listTableNames(), ["events"]);
    await events.deleteTable();
    await events.waitUntilDeleted();
    await assertRejects(() => events.describe(), ResourceNotFoundError);
  });

  test("get, has, put, update, delete with conditions, expected values and return values", async () => {
    const db = database(local);
    const t = await db.createTable<Event>({
      name: "events",
      partitionKey: ["user", "S"],
      sortKey: ["ts", "N"],
    });
    assertEquals(await t.put({ user: "ann", ts: 1, kind: "a", n: 1 }), undefined);
    assertEquals(await t.get(["ann", 1]), { user: "ann", ts: 1, kind: "a", n: 1 });
    assertEquals(
      await t.get({ user: "ann", ts: 1 }, { projection: ["kind"], consistentRead: true }),
      { kind: "a" },
    );
    assertEquals(await t.get(["ann", 2]), undefined);
    assertStrictEquals(await t.has(["ann", 1]), true);
    assertStrictEquals(await t.has(["ann", 2]), false);
    const old = await t.put({ user: "ann", ts: 1, kind: "b" }, { returnValues: "ALL_OLD" });
    assertEquals(old, { user: "ann", ts: 1, kind: "a", n: 1 });
    await assertRejects(
      () => t.put({ user: "ann", ts: 1 }, { condition: Attr("user").notExists() }),
      ConditionalCheckFailedError,
    );
    await assertRejects(
      () => t.put({ user: "ann", ts: 1 }, { expected: { kind: "a" } }),
      ConditionalCheckFailedError,
    );
    await t.put({ user: "ann", ts: 1, kind: "c" }, { expected: { kind: "b", n: false } });
    const updated = await t.update(["ann", 1], update().set("n", 5).add("tags", new Set(["x"])), {
      returnValues: "UPDATED_NEW",
      condition: Attr("kind").eq("c"),
    });
    assertEquals(updated, { n: 5, tags: new Set(["x"]) });
    await assertRejects(
      () => t.update(["ann", 1], update().set("n", 6), { expected: { n: 4 } }),
      ConditionalCheckFailedError,
    );
    await assertRejects(
      () => t.delete(["ann", 1], { condition: Attr("n").gt(10) }),
      ConditionalCheckFailedError,
    );
    const gone = await t.delete(["ann", 1], {
      returnValues: "ALL_OLD",
      condition: Attr("n").eq(5),
    });
    assertEquals(gone?.kind, "c");
    assertEquals(await t.get(["ann", 1]), undefined);
  });

  test("codec options apply from the database and the table, the table's winning", async () => {
    const db = database(local, { codec: { numbers: "bigint" } });
    const t = await db.createTable({ name: "nums", partitionKey: ["id", "N"] });
    await t.put({ id: 1, big: 12345678901234567890n, at: 1 });
    assertEquals(await t.get(1), { id: 1n, big: 12345678901234567890n, at: 1n });
    const exact = db.table("nums", t.schema, { codec: { numbers: "exact" } });
    const got = await exact.get(1);
    assertExists(got);
    assertInstanceOf(got.big, DynamoNumber);
    assertEquals(String(got.big), "12345678901234567890");
    const dates = db.table("nums", t.schema, { codec: { dates: "iso" } });
    await dates.put({ id: 2, at: new Date(0) });
    assertEquals((await dates.get(2))?.at, "1970-01-01T00:00:00.000Z");
  });

  test("createTable enables TTL after ACTIVE, sends tags, stream and on-demand billing", async () => {
    const { db, seen } = recordingDatabase(local);
    const definition = {
      name: "t1x",
      partitionKey: ["id", "S"],
      ttl: "expires",
      tags: { team: "a" },
      stream: "NEW_IMAGE",
    } as const;
    await assertRejects(
      () => db.createTable({ name: "t2x", partitionKey: ["id", "S"], ttl: "x" }, { wait: false }),
      ValidationError,
    );
    let sent = seen;
    if (engine === "dynalite") {
      // dynalite has no UpdateTimeToLive: the table is made, enabling TTL fails.
      const error = await assertRejects(() => db.createTable(definition), DynamoDBError);
      assertEquals(error.code, "UnknownOperationException");
    } else {
      const t = await db.createTable(definition);
      assertEquals(t.status, "ACTIVE");
      sent = seen.slice();
      const ttl = await db.client.describeTimeToLive({ TableName: "t1x" });
      assertEquals(ttl.TimeToLiveDescription?.TimeToLiveStatus, "ENABLED");
      assertEquals(ttl.TimeToLiveDescription?.AttributeName, "expires");
      const { Table } = await db.client.describeTable({ TableName: "t1x" });
      assertEquals(Table?.StreamSpecification, {
        StreamEnabled: true,
        StreamViewType: "NEW_IMAGE",
      });
      assertEquals(Table?.BillingModeSummary?.BillingMode, "PAY_PER_REQUEST");
    }
    const ops = sent.map((r) => r.operation);
    assertEquals(ops.slice(0, 2), ["CreateTable", "DescribeTable"]);
    assertEquals(ops.filter((op) => op !== "DescribeTable").at(-1), "UpdateTimeToLive");
    assertEquals(sent[0].body.BillingMode, "PAY_PER_REQUEST");
    assertEquals(sent[0].body.Tags, [{ Key: "team", Value: "a" }]);
    assertEquals(sent[0].body.StreamSpecification, {
      StreamEnabled: true,
      StreamViewType: "NEW_IMAGE",
    });
    assertEquals(sent.at(-1)?.body, {
      TableName: "t1x",
      TimeToLiveSpecification: { Enabled: true, AttributeName: "expires" },
    });
  });
});

Deno.test("query and scan hand the client the caller's own signal, or none, for one segment", async () => {
  const signals: (AbortSignal | undefined)[] = [];
  const db = new Database({
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    timeoutMs: 0,
    validateChecksums: false,
    transport: ({ signal }) => {
      signals.push(signal);
      const body = new TextEncoder().encode('{"Items":[],"Count":0}');
      return Promise.resolve({ status: 200, headers: new Headers(), body });
    },
  });
  const t = db.table("rows", { partitionKey: ["id", "S"] });
  const caller = new AbortController().signal;
  await t.query("a").all();
  await t.query("a", { signal: caller }).all();
  await t.scan({ signal: caller }).all();
  assertEquals(signals, [undefined, caller, caller]);
  // Parallel segments: the caller's signal and the paginator's, combined.
  signals.length = 0;
  await t.scan({ signal: caller, segments: 2 }).all();
  assertEquals(signals.length, 2);
  assertEquals(signals.some((s) => s === caller || s === undefined), false);
});

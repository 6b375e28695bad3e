// batchGetAll, table.batchGet and db.batchGet: chunks of 100, duplicate keys, unprocessed keys retried with
// backoff, results in the order of the keys; against a fake sender and against both engines.
import { assertEquals, assertRejects } from "../assert.ts";
import type { AttributeMap } from "../../lib/codec/mod.ts";
import { ValidationError } from "../../lib/errors.ts";
import type { BatchGetItemInput, BatchGetItemOutput } from "../../lib/operations/mod.ts";
import { batchGetAll } from "../../lib/table/batch_get.ts";
import { BatchGetError } from "../../lib/table/batch_errors.ts";
import { Database } from "../../lib/table/database.ts";
import { database, fakeDatabase } from "./_local.ts";
import { forEachEngine } from "../_engines.ts";

const key = (id: number): AttributeMap => ({ id: { N: String(id) } });

Deno.test("chunks of 100 over tables, duplicates dropped, unprocessed keys retried first with backoff", async () => {
  const sizes: number[] = [];
  const delays: number[] = [];
  let round = 0;
  const send = (input: BatchGetItemInput): Promise<BatchGetItemOutput> => {
    const all = Object.entries(input.RequestItems).flatMap(([t, r]) =>
      r.Keys.map((k) => [t, k] as const)
    );
    sizes.push(all.length);
    // The first answer leaves ten keys of t1 unprocessed.
    const unprocessed = round++ === 0 ? input.RequestItems.t1.Keys.slice(0, 10) : [];
    const responses: Record<string, AttributeMap[]> = {};
    for (const [t, k] of all) if (!unprocessed.includes(k)) (responses[t] ??= []).push(k);
    return Promise.resolve({
      Responses: responses,
      ...(unprocessed.length &&
        { UnprocessedKeys: { t1: { Keys: unprocessed, ConsistentRead: true } } }),
    });
  };
  const found = await batchGetAll(send, {
    t1: {
      Keys: [...Array.from({ length: 150 }, (_, i) => key(i)), key(3), key(3)],
      ConsistentRead: true,
    },
    t2: { Keys: Array.from({ length: 30 }, (_, i) => key(i)) },
  }, { sleep: (ms) => (delays.push(ms), Promise.resolve()), random: () => 0.5 });
  assertEquals(sizes, [100, 90]);
  assertEquals(delays, [25]);
  assertEquals(found.t1.length, 150);
  assertEquals(found.t2.length, 30);
});

Deno.test("when attempts run out, BatchGetError has the unread keys and the items read", async () => {
  const send = (input: BatchGetItemInput): Promise<BatchGetItemOutput> => {
    const keys = input.RequestItems.t1.Keys;
    return Promise.resolve({
      Responses: { t1: keys.filter((k) => k.id && "N" in k.id && k.id.N !== "7") },
      UnprocessedKeys: keys.some((k) => "N" in k.id && k.id.N === "7")
        ? { t1: { Keys: [key(7)] } }
        : undefined,
    });
  };
  const error = await assertRejects(
    () =>
      batchGetAll(send, { t1: { Keys: Array.from({ length: 10 }, (_, i) => key(i)) } }, {
        maxAttempts: 4,
        sleep: () => Promise.resolve(),
      }),
    BatchGetError,
  );
  assertEquals(error.unprocessedKeys, { t1: [{ id: 7 }] });
  assertEquals(error.items.t1.length, 9);
});

Deno.test("db.batchGet sends one request per 100 keys with each table's options", async () => {
  const { db, seen } = fakeDatabase(({ body }) => ({
    Responses: Object.fromEntries(
      Object.entries(body.RequestItems as Record<string, { Keys: unknown[] }>).map((
        [t, r],
      ) => [t, r.Keys]),
    ),
  }));
  db.table("ttt", { partitionKey: ["id", "N"] });
  const got = await db.batchGet({
    ttt: { keys: Array.from({ length: 120 }, (_, i) => i), consistentRead: true },
  });
  assertEquals(got.ttt.length, 120);
  assertEquals(
    seen.map((r) =>
      (r.body.RequestItems as Record<string, { Keys: unknown[]; ConsistentRead: boolean }>).ttt.Keys
        .length
    ),
    [100, 20],
  );
  assertEquals(
    (seen[0].body.RequestItems as Record<string, { ConsistentRead: boolean }>).ttt.ConsistentRead,
    true,
  );
});

await forEachEngine(({ local, test }) => {
  test("table.batchGet against a server: 250 keys, results in key order, missing as undefined", async () => {
    const db = database(local);
    const t = await db.createTable<{ g: string; n: number; v?: string; w?: number }>({
      name: "bget",
      partitionKey: ["g", "S"],
      sortKey: ["n", "N"],
    });
    await t.batchWrite({
      puts: Array.from(
        { length: 300 },
        (_, n) => ({ g: n % 2 ? "odd" : "even", n, v: `v${n}`, w: n }),
      ),
    });
    const keys: [string, number][] = Array.from(
      { length: 250 },
      (_, i) => [i % 2 ? "odd" : "even", 299 - i],
    );
    keys.push(["even", 1], ["odd", 3], ["odd", 3]); // missing, present, duplicate
    const got = await t.batchGet(keys, { consistentRead: true });
    assertEquals(got.length, 253);
    assertEquals(
      got.slice(0, 250).map((r) => r?.n),
      Array.from({ length: 250 }, (_, i) => 299 - i).map((
        n,
        i,
      ) => (n % 2 === i % 2 ? n : undefined)),
    );
    assertEquals(got.slice(250).map((r) => r?.v), [undefined, "v3", "v3"]);
    const projected = await t.batchGet([["odd", 5], { g: "even", n: 4 }], { projection: ["v"] });
    assertEquals(projected, [{ g: "odd", n: 5, v: "v5" }, { g: "even", n: 4, v: "v4" }]);
  });

  test("db.batchGet over several tables: handles know their schema; others take object keys", async () => {
    const db = database(local);
    const a = await db.createTable({ name: "aaa", partitionKey: ["id", "N"] });
    await db.createTable({ name: "bbb", partitionKey: ["k", "S"], sortKey: ["s", "N"] });
    await a.batchWrite({ puts: [{ id: 1, x: 1 }, { id: 2, x: 2 }] });
    await db.client.putItem({
      TableName: "bbb",
      Item: { k: { S: "z" }, s: { N: "1" }, y: { BOOL: true } },
    });
    const fresh = new Database({ client: db.client }); // knows no table: keys must be objects
    const got = await fresh.batchGet({
      aaa: [{ id: 2 }, { id: 9 }],
      bbb: { keys: [{ s: 1, k: "z" }], projection: ["y"] },
    });
    assertEquals(got, { aaa: [{ id: 2, x: 2 }, undefined], bbb: [{ k: "z", s: 1, y: true }] });
    assertEquals(await db.batchGet({ aaa: [1] }), { aaa: [{ id: 1, x: 1 }] });
    await assertRejects(() => fresh.batchGet({ aaa: [1] }), ValidationError, "must be an object");
  });
});

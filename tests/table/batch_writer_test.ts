// The batch writer: flush at 25, flush(), close(), duplicates, failures; and the property that any sequence
// of puts and deletes through it leaves a table (on both engines) as the same sequence sent one request
// at a time, even when the service leaves random parts of each batch unprocessed.
import fc from "fast-check";
import { assertEquals, assertRejects } from "../assert.ts";
import { forEachEngine } from "../_engines.ts";
import { ValidationError } from "../../lib/errors.ts";
import type { FetchLike } from "../../lib/transport/mod.ts";
import { BatchWriteError } from "../../lib/table/batch_errors.ts";
import { Database } from "../../lib/table/database.ts";
import { fakeDatabase, recordingDatabase } from "./_local.ts";

const batchSizes = (seen: { operation: string; body: Record<string, unknown> }[]) =>
  seen.filter((r) => r.operation === "BatchWriteItem")
    .map((r) => Object.values(r.body.RequestItems as Record<string, unknown[]>)[0].length);

Deno.test("after a failed batch nothing more is sent; close() lists every write not applied", async () => {
  let calls = 0;
  const { db } = fakeDatabase(({ body }) => {
    calls++;
    return { UnprocessedItems: body.RequestItems };
  });
  const writer = db.table("ttt", { partitionKey: ["id", "N"] }).batchWriter({ maxAttempts: 2 });
  for (let id = 0; id < 24; id++) await writer.put({ id });
  const first = await assertRejects(() => writer.put({ id: 24 }), BatchWriteError);
  assertEquals(first.unprocessed.length, 25);
  assertEquals(calls, 2);
  for (let id = 25; id < 49; id++) await writer.put({ id });
  await assertRejects(() => writer.delete(0), BatchWriteError);
  await writer.put({ id: 99 });
  const last = await assertRejects(() => writer.close(), BatchWriteError);
  assertEquals(calls, 2);
  assertEquals(last.unprocessed.length, 51);
  assertEquals(last.unprocessed.at(-1), { table: "ttt", put: { id: 99 } });
});

Deno.test("writes not awaited still go out in order, one batch after another", async () => {
  const order: number[] = [];
  const { db } = fakeDatabase(({ body }) => {
    for (
      const r
        of (body.RequestItems as Record<string, { PutRequest: { Item: { id: { N: string } } } }[]>)
          .ttt
    ) {
      order.push(Number(r.PutRequest.Item.id.N));
    }
    return {};
  });
  const writer = db.table("ttt", { partitionKey: ["id", "N"] }).batchWriter();
  const pending = Array.from({ length: 80 }, (_, id) => writer.put({ id }));
  await Promise.all(pending);
  await writer.close();
  assertEquals(order, Array.from({ length: 80 }, (_, i) => i));
});

// A fetch in front of the server that leaves a random part of each BatchWriteItem unprocessed: only the
// rest is forwarded, and the held-back requests come back as UnprocessedItems.
function lossyFetch(endpoint: string, random: () => number): FetchLike {
  return async (url, init) => {
    if (!init.headers["x-amz-target"]?.endsWith("BatchWriteItem")) return fetch(url, init);
    const body = JSON.parse(init.body) as { RequestItems: Record<string, unknown[]> };
    const [[table, requests]] = Object.entries(body.RequestItems);
    const keep = requests.filter(() => random() < 0.6);
    const held = requests.filter((r) => !keep.includes(r));
    if (keep.length) {
      const forwarded = JSON.stringify({ RequestItems: { [table]: keep } });
      await (await fetch(endpoint, { ...init, body: forwarded })).arrayBuffer();
    }
    return new Response(JSON.stringify(held.length ? { UnprocessedItems: { [table]: held } } : {}));
  };
}

await forEachEngine(({ local, test }) => {
  test("duplicates in one buffer: last write wins by default, or rejected", async () => {
    const { db, seen } = recordingDatabase(local);
    await db.createTable({ name: "ttt", partitionKey: ["id", "N"] });
    seen.length = 0;
    const t = db.table("ttt", { partitionKey: ["id", "N"] });
    const writer = t.batchWriter();
    await writer.put({ id: 1, v: "a" });
    await writer.delete(1);
    await writer.put({ id: 2 });
    await writer.close();
    assertEquals((seen[0].body.RequestItems as Record<string, unknown>).ttt, [
      { DeleteRequest: { Key: { id: { N: "1" } } } },
      { PutRequest: { Item: { id: { N: "2" } } } },
    ]);
    assertEquals(await t.scan().all(), [{ id: 2 }]);
    const strict = t.batchWriter({ duplicates: "reject" });
    await strict.put({ id: 1 });
    await assertRejects(() => strict.put({ id: 1 }), ValidationError, "duplicate key");
    await assertRejects(() => strict.put({ v: 1 }), ValidationError);
    assertEquals(strict.pending, 1);
  });

  test("flushes at 25, on flush() and on close(); writes after close are rejected", async () => {
    const { db, seen } = recordingDatabase(local);
    await db.createTable({ name: "ttt", partitionKey: ["id", "N"] });
    seen.length = 0;
    const writer = db.table("ttt", { partitionKey: ["id", "N"] }).batchWriter();
    for (let id = 0; id < 60; id++) await writer.put({ id });
    assertEquals(batchSizes(seen), [25, 25]);
    assertEquals(writer.pending, 10);
    await writer.flush();
    assertEquals(batchSizes(seen), [25, 25, 10]);
    await writer.flush();
    assertEquals(batchSizes(seen), [25, 25, 10]);
    await writer.delete(1);
    await writer.close();
    assertEquals(batchSizes(seen), [25, 25, 10, 1]);
    assertEquals(
      await db.table("ttt", { partitionKey: ["id", "N"] }).scan({ count: true }).total(),
      59,
    );
    await assertRejects(() => writer.put({ id: 1 }), ValidationError, "closed");
  });

  test("property: batchWriter leaves the table as the same puts and deletes sent one at a time", async () => {
    const seeded =
      (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const direct = new Database({ client: local.client() });
    const schema = { partitionKey: ["id", "N"], sortKey: ["s", "S"] } as const;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            op: fc.constantFrom("put", "delete"),
            id: fc.integer({ min: 0, max: 6 }),
            s: fc.constantFrom("a", "b"),
            v: fc.integer({ min: 0, max: 9 }),
          }),
          { maxLength: 70 },
        ),
        fc.integer({ min: 1, max: 2 ** 30 }),
        async (ops, seed) => {
          run++;
          const one = await direct.createTable({ name: `one${run}`, ...schema });
          const db = new Database({
            client: local.client({
              fetch: lossyFetch(local.endpoint, seeded(seed)),
              validateChecksums: false,
            }),
            sleep: () => Promise.resolve(),
          });
          const batched = db.table(`bat${run}`, schema);
          await direct.createTable({ name: `bat${run}`, ...schema });
          const writer = batched.batchWriter({ maxAttempts: 50 });
          for (const { op, id, s, v } of ops) {
            if (op === "put") {
              await one.put({ id, s, v });
              await writer.put({ id, s, v });
            } else {
              await one.delete([id, s]);
              await writer.delete({ id, s });
            }
          }
          await writer.close();
          const state = async (name: string) =>
            (await direct.table(name, schema).scan().all()).map((r) =>
              JSON.stringify([r.id, r.s, r.v])
            ).sort();
          assertEquals(await state(`bat${run}`), await state(`one${run}`));
        },
      ),
      { numRuns: 25 },
    );
  });
});

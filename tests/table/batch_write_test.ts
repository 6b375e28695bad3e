// batchWriteAll and table.batchWrite: chunking, retries of unprocessed items with backoff, the error that
// lists exactly what was not applied, duplicate handling; against a fake sender and both engines.
import { assertEquals, assertInstanceOf, assertRejects } from "../assert.ts";
import type { AttributeMap } from "../../lib/codec/mod.ts";
import { ValidationError } from "../../lib/errors.ts";
import type {
  BatchWriteItemInput,
  BatchWriteItemOutput,
  WriteRequest,
} from "../../lib/operations/mod.ts";
import { ServiceValidationError } from "../../lib/operations/errors.ts";
import { batchWriteAll } from "../../lib/table/batch_write.ts";
import { BatchWriteError, type TableWrite } from "../../lib/table/batch_errors.ts";
import { database, fakeDatabase } from "./_local.ts";
import { forEachEngine } from "../_engines.ts";

const put = (id: number, table = "t1"): TableWrite => ({
  table,
  request: { PutRequest: { Item: { id: { N: String(id) } } } },
});
const idOf = (m: AttributeMap) => "N" in m.id ? Number(m.id.N) : NaN;
const ids = (requests: WriteRequest[]) =>
  requests.map((r) => idOf("PutRequest" in r ? r.PutRequest.Item : r.DeleteRequest.Key));
const noWait = { sleep: () => Promise.resolve(), random: () => 0.5 };

Deno.test("chunks of 25, in order, over several tables", async () => {
  const sent: Record<string, number[]>[] = [];
  const writes = [...Array.from({ length: 30 }, (_, i) => put(i)), put(100, "t2"), put(101, "t2")];
  await batchWriteAll((input) => {
    sent.push(Object.fromEntries(Object.entries(input.RequestItems).map(([t, r]) => [t, ids(r)])));
    return Promise.resolve({});
  }, writes);
  assertEquals(sent, [
    { t1: Array.from({ length: 25 }, (_, i) => i) },
    { t1: [25, 26, 27, 28, 29], t2: [100, 101] },
  ]);
});

Deno.test("unprocessed items are retried with exponential backoff until applied", async () => {
  const sent: number[][] = [];
  const delays: number[] = [];
  let round = 0;
  await batchWriteAll(
    (input) => {
      const requests = input.RequestItems.t1;
      sent.push(ids(requests));
      // The first three answers leave all but one request unprocessed.
      return Promise.resolve(round++ < 3 ? { UnprocessedItems: { t1: requests.slice(1) } } : {});
    },
    Array.from({ length: 5 }, (_, i) => put(i)),
    {
      sleep: (ms) => (delays.push(ms), Promise.resolve()),
      random: () => 0.5,
    },
  );
  assertEquals(sent, [[0, 1, 2, 3, 4], [1, 2, 3, 4], [2, 3, 4], [3, 4]]);
  assertEquals(delays, [25, 50, 100]);
});

Deno.test("when attempts run out, BatchWriteError lists exactly the writes not applied", async () => {
  let calls = 0;
  const send = (input: BatchWriteItemInput): Promise<BatchWriteItemOutput> => {
    calls++;
    const requests = input.RequestItems.t1;
    // The first chunk: 0..4 are applied, 5..24 never are. Nothing after it is sent.
    return Promise.resolve({
      UnprocessedItems: { t1: requests.filter((_, i) => ids(requests)[i] >= 5) },
    });
  };
  const writes = Array.from({ length: 60 }, (_, i) => put(i));
  const error = await assertRejects(
    () => batchWriteAll(send, writes, { ...noWait, maxAttempts: 3 }),
    BatchWriteError,
  );
  assertEquals(calls, 4);
  assertEquals(
    error.unprocessed.map((w) => "put" in w ? w.put.id : undefined),
    Array.from({ length: 55 }, (_, i) => i + 5),
  );
  assertEquals(
    error.message,
    "55 of 60 batch write requests were not applied: unprocessed after all attempts",
  );
  assertEquals(error.unprocessed[0], { table: "t1", put: { id: 5 } });
});

Deno.test("a request that fails outright is reported with its writes and the cause", async () => {
  const cause = new ServiceValidationError("ValidationException", "bad", { statusCode: 400 });
  let calls = 0;
  const send = () => calls++ ? Promise.reject(cause) : Promise.resolve({});
  const error = await assertRejects(
    () => batchWriteAll(send, Array.from({ length: 30 }, (_, i) => put(i)), noWait),
    BatchWriteError,
  );
  assertEquals(error.cause, cause);
  assertEquals(error.unprocessed.length, 5);
});

Deno.test("concurrency sends several chunks at once and still lists every unapplied write", async () => {
  let inflight = 0, peak = 0;
  const send = async (input: BatchWriteItemInput): Promise<BatchWriteItemOutput> => {
    peak = Math.max(peak, ++inflight);
    await new Promise((r) => setTimeout(r, 2));
    inflight--;
    const requests = input.RequestItems.t1;
    return ids(requests).includes(60) ? { UnprocessedItems: { t1: requests } } : {};
  };
  const writes = Array.from({ length: 200 }, (_, i) => put(i));
  const error = await assertRejects(
    () => batchWriteAll(send, writes, { ...noWait, concurrency: 4, maxAttempts: 2 }),
    BatchWriteError,
  );
  assertEquals(peak, 4);
  const missing = error.unprocessed.map((w) => "put" in w ? Number(w.put.id) : -1).sort((a, b) =>
    a - b
  );
  // The chunk holding 60 (50..74) failed; chunks not yet started when it failed were not sent.
  assertEquals(missing.slice(0, 25), Array.from({ length: 25 }, (_, i) => 50 + i));
  assertEquals(missing.every((id) => id >= 50), true);
});

Deno.test("table.batchWrite: duplicates rejected before sending, or last write wins", async () => {
  const { db, seen } = fakeDatabase(() => ({}));
  const t = db.table("t1x", { partitionKey: ["id", "N"] });
  await assertRejects(
    () => t.batchWrite({ puts: [{ id: 1 }, { id: 2 }], deletes: [1] }, { duplicates: "reject" }),
    ValidationError,
    "duplicate key",
  );
  assertEquals(seen.length, 0);
  await t.batchWrite({ puts: [{ id: 1, v: "a" }, { id: 2 }, { id: 1, v: "b" }], deletes: [2, 3] });
  assertEquals(seen.length, 1);
  assertEquals(seen[0].body.RequestItems, {
    t1x: [
      { PutRequest: { Item: { id: { N: "1" }, v: { S: "b" } } } },
      { DeleteRequest: { Key: { id: { N: "2" } } } },
      { DeleteRequest: { Key: { id: { N: "3" } } } },
    ],
  });
  await assertRejects(() => t.batchWrite({ puts: [{ v: 1 }] }), ValidationError);
});

Deno.test("BatchWriteError is a DynafetchError with the decoded writes", () => {
  const key: AttributeMap = { id: { S: "a" } };
  const error = new BatchWriteError([{ table: "t", delete: { id: "a" } }], 1);
  assertInstanceOf(error, Error);
  assertEquals(error.unprocessed, [{ table: "t", delete: { id: "a" } }]);
  assertEquals(key.id, { S: "a" });
});

await forEachEngine(({ local, test }) => {
  test("table.batchWrite against a server: 1,000 puts then 400 deletes", async () => {
    const db = database(local);
    const t = await db.createTable<{ id: number; body: string }>({
      name: "bwt",
      partitionKey: ["id", "N"],
    });
    await t.batchWrite({
      puts: Array.from({ length: 1000 }, (_, id) => ({ id, body: "x".repeat(id % 100) })),
    });
    assertEquals(await t.scan({ count: true }).total(), 1000);
    await t.batchWrite({ deletes: Array.from({ length: 400 }, (_, i) => i * 2) });
    const left = (await t.scan().all()).map((r) => r.id).sort((a, b) => a - b);
    assertEquals(left, [
      ...Array.from({ length: 400 }, (_, i) => i * 2 + 1),
      ...Array.from({ length: 200 }, (_, i) => 800 + i),
    ]);
  });
});

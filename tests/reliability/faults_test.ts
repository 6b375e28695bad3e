// The high-level API under injected faults, against a real dynalite: throttling, 5xx, resets, timeouts,
// truncated bodies, CRC-32 mismatches and HTML error pages, before and after the server applied the
// request. Backoff is instant (the `sleep` option); the per-attempt timeout really waits.
import {
  assertEquals,
  assertGreater,
  assertGreaterOrEqual,
  assertInstanceOf,
  assertLess,
  assertRejects,
} from "../assert.ts";
import {
  Attr,
  type AttributeMap,
  BatchWriteError,
  ConditionalCheckFailedError,
  Database,
  type DynamoDB,
  encodeItem,
  NetworkError,
  type Table,
  update,
} from "../../mod.ts";
import { startLocalDynamo } from "../../testing.ts";
import {
  AFTER,
  ALL_FAULTS,
  contentsHash,
  type FaultKind,
  type FaultOptions,
  faultyFetch,
  instantBackoff,
  prng,
} from "./_faults.ts";

const N = 10_000;
// FAULT_SEED=n shifts every seed, to explore other fault sequences; the default is what CI runs.
const SEED = Number(Deno.env.get("FAULT_SEED") ?? 0);
// The attempt timeout of the bulk tests, where a spurious timeout on a loaded machine is one more retried
// fault; tests that count attempts use a longer one, so only the injected hangs time out.
const TIMEOUT_MS = 750;
const EXACT_TIMEOUT_MS = 2500;
const SCHEMA = { partitionKey: ["id", "S"] } as const;

interface Row {
  id: string;
  n: number;
  price: number;
  name: string;
  ok: boolean;
  tags: string[];
  meta: { seq: number; parts: (string | number)[] };
  bin: Uint8Array;
  /** Set by the write-token pattern. */
  token?: string;
}

// Items of every common type, different from each other in every attribute.
const ROWS: Row[] = Array.from({ length: N }, (_, i) => ({
  id: `item-${String(i).padStart(5, "0")}`,
  n: i,
  price: Number(`${i}.${i % 100}`),
  name: `name ${i} ${"é".repeat(i % 7)}`,
  ok: i % 3 === 0,
  tags: [`t${i % 11}`, `u${i % 13}`],
  meta: { seq: N - i, parts: [i, `p${i}`] },
  bin: new Uint8Array([i & 255, (i >> 8) & 255, 7]),
}));
const WIRE = ROWS.map((row) => encodeItem(row));
const KEYS = ROWS.map((row) => row.id);

// A dynalite with the table, a clean client, and a Database whose client goes through a fault fetch.
async function setup(faults: FaultOptions, timeoutMs: number) {
  const local = await startLocalDynamo();
  const clean = new Database({ client: local.client() });
  await clean.createTable({ name: "items", ...SCHEMA });
  const injector = faultyFetch(faults);
  const { sleep, delays } = instantBackoff(timeoutMs);
  const random = prng((faults.seed ?? 1) + 1);
  const faulty = new Database({
    client: local.client({ fetch: injector.fetch, sleep, random, timeoutMs }),
    sleep,
    random,
  });
  return {
    local,
    cleanClient: clean.client,
    cleanTable: clean.table<Row>("items", SCHEMA),
    table: faulty.table<Row>("items", SCHEMA),
    injector,
    delays,
  };
}

async function withSetup(
  faults: FaultOptions,
  fn: (s: Awaited<ReturnType<typeof setup>>) => Promise<void>,
  timeoutMs = faults.plan ? EXACT_TIMEOUT_MS : TIMEOUT_MS,
): Promise<void> {
  const s = await setup(faults, timeoutMs);
  try {
    await fn(s);
  } finally {
    await s.local.close();
  }
}

// Every item of the table, read through a client without faults, in wire form.
async function scanAll(client: DynamoDB): Promise<AttributeMap[]> {
  const items: AttributeMap[] = [];
  let start: AttributeMap | undefined;
  do {
    const page = await client.scan({ TableName: "items", ExclusiveStartKey: start });
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

// The injector's faults were many, of every kind, at about the rate asked for.
function assertFaultMix(injector: ReturnType<typeof faultyFetch>, operation: string): void {
  const requests = injector.log.filter((r) => r.operation === operation);
  const faulted = requests.filter((r) => r.fault).length;
  const share = faulted / requests.length;
  assertGreater(share, 0.2, `fault share ${share} of ${requests.length} ${operation} requests`);
  assertLess(share, 0.4, `fault share ${share}`);
  const counts = injector.faults();
  for (const kind of ALL_FAULTS) {
    assertGreaterOrEqual(counts[kind] ?? 0, 1, `no ${kind} fault in ${JSON.stringify(counts)}`);
  }
}

const expectedHash = contentsHash(WIRE);

Deno.test("a 10,000-item batch write at a 30% fault rate applies every item, checked by a scan and a checksum", async () => {
  await withSetup(
    { seed: SEED + 9, rate: 0.3 },
    async ({ table, cleanClient, injector, delays }) => {
      await table.batchWrite({ puts: ROWS });
      const stored = await scanAll(cleanClient);
      assertEquals(stored.length, N);
      assertEquals(new Set(stored.map((item) => JSON.stringify(item.id))).size, N);
      assertEquals(await contentsHash(stored), await expectedHash);
      assertFaultMix(injector, "BatchWriteItem");
      // Faults after the server applied a batch were among them: those batches were applied twice.
      assertGreater(injector.log.filter((r) => r.fault && AFTER.has(r.fault)).length, 10);
      assertGreater(delays.length, 100, "the client backed off between attempts");
    },
  );
});

Deno.test("a batch get of 10,000 keys under a 30% fault rate returns every item, in key order", async () => {
  await withSetup(
    { seed: SEED + 21, rate: 0.3, operations: ["BatchGetItem"] },
    async ({ table, cleanTable, injector }) => {
      await cleanTable.batchWrite({ puts: ROWS });
      const got = await table.batchGet(KEYS);
      assertEquals(got.length, N);
      assertEquals(got.map((item) => item?.id), KEYS);
      const wire = got.map((item) => item && encodeItem(item));
      assertEquals(await contentsHash(wire), await expectedHash);
      assertFaultMix(injector, "BatchGetItem");
    },
  );
});

Deno.test("a paginated scan under a 30% fault rate, in one segment and in four, returns each item exactly once", async () => {
  await withSetup(
    { seed: SEED + 33, rate: 0.3, operations: ["Scan"] },
    async ({ table, cleanTable, injector }) => {
      await cleanTable.batchWrite({ puts: ROWS });
      const paginator = table.scan({ limit: 97 });
      const seen = new Map<string, number>();
      const items: Row[] = [];
      for await (const item of paginator) {
        seen.set(item.id, (seen.get(item.id) ?? 0) + 1);
        items.push(item);
      }
      assertEquals(items.length, N);
      assertEquals([...seen.values()].filter((count) => count !== 1), []);
      assertEquals(paginator.count, N);
      assertEquals(paginator.cursor, undefined);
      assertEquals(await contentsHash(items.map((item) => encodeItem(item))), await expectedHash);
      const parallel = table.scan({ limit: 97, segments: 4 });
      const merged = await parallel.all();
      assertEquals(merged.length, N);
      assertEquals(new Set(merged.map((item) => item.id)).size, N);
      assertEquals(await contentsHash(merged.map((item) => encodeItem(item))), await expectedHash);
      const scans = injector.log.filter((r) => r.operation === "Scan").length;
      assertGreater(scans, 2 * Math.ceil(N / 97), "pages were fetched again after faults");
      assertFaultMix(injector, "Scan");
    },
  );
});

Deno.test("a batch writer under a 30% fault rate applies puts and deletes in order", async () => {
  await withSetup(
    { seed: SEED + 45, rate: 0.3, operations: ["BatchWriteItem"] },
    async ({ table, cleanClient, injector }) => {
      const rows = ROWS.slice(0, 1500);
      const expected = new Map(rows.map((row) => [row.id, row]));
      const writer = table.batchWriter();
      for (const row of rows) await writer.put(row);
      // Then, in later batches: a third deleted, a third put again with a new name.
      for (const [i, row] of rows.entries()) {
        if (i % 3 === 0) {
          await writer.delete(row.id);
          expected.delete(row.id);
        } else if (i % 3 === 1) {
          const again = { ...row, name: `v2 ${i}` };
          await writer.put(again);
          expected.set(row.id, again);
        }
      }
      await writer.close();
      const stored = await scanAll(cleanClient);
      assertEquals(stored.length, expected.size);
      const want = [...expected.values()].map((row) => encodeItem(row));
      assertEquals(await contentsHash(stored), await contentsHash(want));
      assertFaultMix(injector, "BatchWriteItem");
    },
  );
});

Deno.test("a caller's abort ends a hanging attempt at once with the caller's reason, without retrying", async () => {
  const local = await startLocalDynamo();
  try {
    const injector = faultyFetch({ plan: ["timeout"], rate: 0 });
    // The real timer: a 60 s attempt timeout that the abort must not wait for.
    const client = local.client({ fetch: injector.fetch, timeoutMs: 60_000 });
    const controller = new AbortController();
    const reason = new Error("cancelled by the caller");
    setTimeout(() => controller.abort(reason), 20);
    const error = await assertRejects(() => client.listTables({}, { signal: controller.signal }));
    assertEquals(error, reason);
    assertEquals(injector.log.length, 1);
  } finally {
    await local.close();
  }
});

Deno.test("when lost responses outlast the retries, BatchWriteError lists the batch as not applied, though the server applied it", async () => {
  await withSetup(
    { rate: 0 },
    async ({ local, cleanClient }) => {
      const injector = faultyFetch({ plan: ["resetAfter", "resetAfter"], rate: 0 });
      const table = new Database({
        // Not `sleep: async () => {}`: the client's sleep is also its attempt timer (see instantBackoff).
        client: local.client({
          fetch: injector.fetch,
          maxAttempts: 2,
          sleep: instantBackoff(EXACT_TIMEOUT_MS).sleep,
          timeoutMs: EXACT_TIMEOUT_MS,
        }),
      }).table<Row>("items", SCHEMA);
      const error = await assertRejects(
        () => table.batchWrite({ puts: ROWS.slice(0, 30) }, { concurrency: 1 }),
        BatchWriteError,
      );
      // The first batch of 25 failed after two attempts; the last 5 were never sent.
      assertEquals(error.unprocessed.length, 30);
      assertInstanceOf(error.cause, NetworkError);
      assertEquals(error.cause.attempts, 2);
      assertEquals(injector.log.map((r) => r.fault), ["resetAfter", "resetAfter"]);
      // Yet the server holds those 25: "not applied" means "not known to be applied".
      const stored = (await scanAll(cleanClient)).map((item) => JSON.stringify(item.id)).sort();
      assertEquals(stored, WIRE.slice(0, 25).map((item) => JSON.stringify(item.id)).sort());
    },
  );
});

// The faults where the server applied the request and the client, seeing a failure, sends it again.
const LOST: FaultKind[] = [...AFTER];

Deno.test("a conditional put whose response was lost fails on the retry with ConditionalCheckFailedError, and the item holds the first write", async () => {
  for (const kind of LOST) {
    await withSetup({ plan: [kind], rate: 0 }, async ({ table, cleanTable, injector }) => {
      const error = await assertRejects(
        () =>
          table.put({ ...ROWS[0], name: "first" }, {
            condition: Attr("id").notExists(),
          }),
        ConditionalCheckFailedError,
      );
      assertEquals(error.attempts, 2, kind);
      assertEquals(error.code, "ConditionalCheckFailedException");
      assertEquals(injector.log.map((r) => [r.operation, r.fault]), [
        ["PutItem", kind],
        ["PutItem", undefined],
      ]);
      assertEquals((await cleanTable.get(ROWS[0].id, { consistentRead: true }))?.name, "first");
    });
  }
});

Deno.test("a write token in the item tells a lost-response retry from a real conflict", async () => {
  // The pattern: put with attribute_not_exists, carrying a token unique to this write; on
  // ConditionalCheckFailedError, read the item: our token means our first attempt was applied.
  const createOnce = async (table: Table<Row>, row: Row, token: string) => {
    try {
      await table.put({ ...row, token }, { condition: Attr("id").notExists() });
      return "created";
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedError)) throw error;
      const now = await table.get(row.id, { consistentRead: true });
      return now?.token === token ? "created" : "conflict";
    }
  };
  await withSetup({ plan: ["resetAfter"], rate: 0 }, async ({ table, cleanTable, injector }) => {
    assertEquals(await createOnce(table, ROWS[1], "w-1"), "created");
    assertEquals(injector.log.map((r) => [r.operation, r.fault]), [
      ["PutItem", "resetAfter"],
      ["PutItem", undefined],
      ["GetItem", undefined],
    ]);
    assertEquals((await cleanTable.get(ROWS[1].id))?.token, "w-1");
    // Someone else's item under the same key is a real conflict, and stays as it was.
    await cleanTable.put(ROWS[2]);
    assertEquals(await createOnce(table, ROWS[2], "w-2"), "conflict");
    assertEquals(await cleanTable.get(ROWS[2].id), ROWS[2]);
  });
});

Deno.test("a version condition applies a lost-response update exactly once", async () => {
  type Account = { id: string; version: number; balance: number; token?: string };
  // Optimistic locking: the update sets version + 1 and its token only where version is still the one read;
  // on ConditionalCheckFailedError, version + 1 with our token means our first attempt was applied.
  const deposit = async (
    accounts: Table<Account>,
    read: Account,
    amount: number,
    token: string,
  ) => {
    const { id, version } = read;
    try {
      await accounts.update(
        id,
        update().set("balance", read.balance + amount).set("version", version + 1)
          .set("token", token),
        { condition: Attr("version").eq(version) },
      );
      return "applied";
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedError)) throw error;
      const now = await accounts.get(id, { consistentRead: true });
      return now?.version === version + 1 && now.token === token ? "applied" : "conflict";
    }
  };
  const local = await startLocalDynamo();
  try {
    const clean = new Database({ client: local.client() });
    const accounts = await clean.createTable<Account>({ name: "accounts", ...SCHEMA });
    await accounts.put({ id: "a1", version: 0, balance: 100 });
    // The UpdateItem is applied with its response lost, then retried; then a GetItem.
    const lost = faultyFetch({ plan: ["resetAfter"], rate: 0 });
    const faulty = new Database({ client: local.client({ fetch: lost.fetch }) }).table<Account>(
      "accounts",
      SCHEMA,
    );
    const read = await accounts.get("a1", { consistentRead: true });
    assertEquals(await deposit(faulty, read!, 25, "d-1"), "applied");
    assertEquals(lost.log.map((r) => [r.operation, r.fault]), [
      ["UpdateItem", "resetAfter"],
      ["UpdateItem", undefined],
      ["GetItem", undefined],
    ]);
    assertEquals(await accounts.get("a1"), { id: "a1", version: 1, balance: 125, token: "d-1" });
    // A deposit that read version 1 before another writer moved it on gets "conflict", changing nothing.
    const stale = await accounts.get("a1", { consistentRead: true });
    await accounts.update("a1", update().set("version", 2).set("token", "other"));
    assertEquals(await deposit(faulty, stale!, 10, "d-2"), "conflict");
    assertEquals(await accounts.get("a1"), { id: "a1", version: 2, balance: 125, token: "other" });
  } finally {
    await local.close();
  }
});

Deno.test("an unconditional ADD whose response was lost is applied twice: retries are at least once", async () => {
  await withSetup({ plan: ["resetAfter"], rate: 0 }, async ({ table, cleanTable }) => {
    await table.update(ROWS[3].id, update().add("n", 1));
    assertEquals((await cleanTable.get(ROWS[3].id))?.n, 2);
  });
});

Deno.test("a fault before the server saw the request never applies it twice", async () => {
  const before = ALL_FAULTS.filter((kind) => !AFTER.has(kind));
  await withSetup({ plan: before, rate: 0 }, async ({ table, cleanTable, injector }) => {
    await table.update(ROWS[4].id, update().add("n", 1));
    assertEquals((await cleanTable.get(ROWS[4].id))?.n, 1);
    assertEquals(injector.log.map((r) => r.fault), [...before, undefined]);
  });
});

// The high-level API under injected faults, against a real dynalite: throttling, 5xx, resets, timeouts,
// truncated bodies, CRC-32 mismatches and HTML error pages, before and after the server applied the
// request. Backoff is instant (the `sleep` option); the per-attempt timeout really waits.
import {
  assertEquals,
  assertGreater,
  assertGreaterOrEqual,
  assertLess,
  assertRejects,
} from "../assert.ts";
import {
  Attr,
  type AttributeMap,
  ConditionalCheckFailedError,
  Database,
  type DynamoDB,
  encodeItem,
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
const TIMEOUT_MS = 750;
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
async function setup(faults: FaultOptions) {
  const local = await startLocalDynamo();
  const clean = new Database({ client: local.client() });
  await clean.createTable({ name: "items", ...SCHEMA });
  const injector = faultyFetch(faults);
  const { sleep, delays } = instantBackoff(TIMEOUT_MS);
  const random = prng((faults.seed ?? 1) + 1);
  const faulty = new Database({
    client: local.client({ fetch: injector.fetch, sleep, random, timeoutMs: TIMEOUT_MS }),
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
): Promise<void> {
  const s = await setup(faults);
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
  await withSetup({ seed: 9, rate: 0.3 }, async ({ table, cleanClient, injector, delays }) => {
    await table.batchWrite({ puts: ROWS });
    const stored = await scanAll(cleanClient);
    assertEquals(stored.length, N);
    assertEquals(new Set(stored.map((item) => JSON.stringify(item.id))).size, N);
    assertEquals(await contentsHash(stored), await expectedHash);
    assertFaultMix(injector, "BatchWriteItem");
    // Faults after the server applied a batch were among them: those batches were applied twice.
    assertGreater(injector.log.filter((r) => r.fault && AFTER.has(r.fault)).length, 10);
    assertGreater(delays.length, 100, "the client backed off between attempts");
  });
});

Deno.test("a batch get of 10,000 keys under a 30% fault rate returns every item, in key order", async () => {
  await withSetup(
    { seed: 21, rate: 0.3, operations: ["BatchGetItem"] },
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

Deno.test("a paginated scan under a 30% fault rate returns each item exactly once", async () => {
  await withSetup(
    { seed: 33, rate: 0.3, operations: ["Scan"] },
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
      const scans = injector.log.filter((r) => r.operation === "Scan").length;
      assertGreater(scans, Math.ceil(N / 97), "pages were fetched again after faults");
      assertFaultMix(injector, "Scan");
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

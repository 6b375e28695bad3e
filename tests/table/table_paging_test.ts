// Query and Scan paging over 3,000 items, on both engines: every option, cursors, parallel scan.
import { assertEquals, assertGreater, assertRejects, assertThrows } from "../assert.ts";
import { forEachEngine } from "../_engines.ts";
import { ValidationError } from "../../lib/errors.ts";
import { Attr, BETWEEN, GT, Key } from "../../lib/expressions/mod.ts";
import { Database } from "../../lib/table/database.ts";
import type { Table } from "../../lib/table/table.ts";

type Row = { g: string; n: number; kind: string; m3: boolean; pad: string };
const GROUPS = 4, PER = 750;

const all: Row[] = [];
for (let g = 0; g < GROUPS; g++) {
  for (let n = 0; n < PER; n++) {
    all.push({ g: `g${g}`, n, kind: `k${n % 5}`, m3: n % 3 === 0, pad: "x".repeat(n % 50) });
  }
}
const group = (g: number) => all.filter((r) => r.g === `g${g}`);
const key = (r: { g: string; n: number }) => `${r.g}/${r.n}`;
const sorted = (list: Row[]) => list.map(key).sort();

await forEachEngine(async ({ local, test }) => {
  const db = new Database({ client: local.client() });
  const rows: Table<Row> = await db.createTable<Row>({
    name: "rows",
    partitionKey: ["g", "S"],
    sortKey: ["n", "N"],
    globalIndexes: [{ name: "byKind", partitionKey: ["kind", "S"], sortKey: ["n", "N"] }],
  });
  await rows.batchWrite({ puts: all });

  test("scan reads all 3,000 items; counts and consumed capacity are totalled", async () => {
    const p = rows.scan({ limit: 500 });
    assertEquals(sorted(await p.all()), sorted(all));
    assertEquals([p.count, p.scannedCount], [3000, 3000]);
    assertGreater(p.consumedCapacity, 0);
    assertEquals(p.cursor, undefined);
  });

  test("query by partition value: order, limit per request, reverse, pages", async () => {
    const p = rows.query("g1", { limit: 100 });
    assertEquals(await p.all(), group(1));
    const pages = [];
    for await (const page of p.pages()) pages.push(page.items.length);
    assertEquals(pages.slice(0, 7), [100, 100, 100, 100, 100, 100, 100]);
    assertEquals(pages.reduce((a, b) => a + b, 0), 750);
    assertEquals((await rows.query("g2", { reverse: true, maxResults: 3 }).all()).map((r) => r.n), [
      749,
      748,
      747,
    ]);
  });

  test("key conditions: builders and boto maps", async () => {
    const between = await rows.query(Key("g").eq("g0").and(Key("n").between(10, 19))).all();
    assertEquals(between.map((r) => r.n), [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    assertEquals((await rows.query({ g: "g3", n: BETWEEN(5, 7) }).all()).map((r) => r.n), [
      5,
      6,
      7,
    ]);
    assertEquals(await rows.query({ g: "g3", n: GT(747) }).total(), 2);
    assertThrows(() => rows.query({}), ValidationError);
    assertThrows(() => rows.query(5), ValidationError);
  });

  test("maxResults with a cursor pages through the whole partition with no gap and no repeat", async () => {
    for (
      const options of [{}, { limit: 7 }, { filter: Attr("m3").eq(true) }, {
        filter: { m3: true },
        limit: 40,
      }]
    ) {
      const got: Row[] = [];
      let cursor: string | undefined;
      let calls = 0;
      do {
        const p = rows.query("g0", { ...options, maxResults: 90, cursor });
        const page = await p.all();
        got.push(...page);
        cursor = p.cursor;
        if (cursor) assertEquals(page.length, 90);
        calls++;
      } while (cursor);
      const want = "filter" in options ? group(0).filter((r) => r.m3) : group(0);
      assertEquals(got, want, JSON.stringify(options));
      assertEquals(calls, Math.ceil(want.length / 90) + (want.length % 90 === 0 ? 1 : 0) || 1);
    }
  });

  test("count, filter, projection, consistentRead, scannedCount", async () => {
    const counted = rows.query("g1", {
      count: true,
      filter: Attr("m3").eq(true),
      consistentRead: true,
    });
    assertEquals(await counted.total(), 250);
    assertEquals(counted.scannedCount, 750);
    assertEquals(await rows.scan({ count: true }).total(), 3000);
    const projected = await rows.query("g2", { projection: ["n", "kind"], maxResults: 2 }).all();
    assertEquals(projected, [{ n: 0, kind: "k0" }, { n: 1, kind: "k1" }]);
    assertThrows(() => rows.query("g2", { count: true, projection: ["n"] }), ValidationError);
  });

  test("index queries: by value (index in the schema), startKey from lastEvaluatedKey", async () => {
    const first = rows.query("k2", { index: "byKind", maxResults: 500 });
    const a = await first.all();
    assertEquals(a.length, 500);
    assertEquals(a.every((r) => r.kind === "k2"), true);
    assertEquals(Object.keys(first.lastEvaluatedKey ?? {}).sort(), ["g", "kind", "n"]);
    const b = await rows.query("k2", { index: "byKind", startKey: first.lastEvaluatedKey }).all();
    assertEquals(sorted([...a, ...b]), sorted(all.filter((r) => r.kind === "k2")));
    const filtered = rows.query("k2", {
      index: "byKind",
      filter: Attr("m3").eq(true),
      maxResults: 11,
    });
    const c = await filtered.all();
    const d = await rows.query("k2", {
      index: "byKind",
      filter: Attr("m3").eq(true),
      cursor: filtered.cursor,
    }).all();
    assertEquals(sorted([...c, ...d]), sorted(all.filter((r) => r.kind === "k2" && r.m3)));
    assertThrows(() => rows.query("x", { startKey: { g: "a" }, cursor: "abc" }), ValidationError);
  });

  test("parallel scan: segments merge to every item once; maxResults and cursor across segments", async () => {
    const p = rows.scan({ segments: 4, limit: 300 });
    const seen = await p.all();
    assertEquals(seen.length, 3000);
    assertEquals(sorted(seen), sorted(all));
    const segmentsSeen = new Set<number>();
    for await (const page of rows.scan({ segments: 3, limit: 400 }).pages()) {
      segmentsSeen.add(page.segment);
    }
    assertEquals([...segmentsSeen].sort(), [0, 1, 2]);
    const got: Row[] = [];
    let cursor: string | undefined;
    do {
      const q = rows.scan({ segments: 4, maxResults: 700, cursor, filter: { m3: true } });
      got.push(...await q.all());
      cursor = q.cursor;
    } while (cursor);
    assertEquals(sorted(got), sorted(all.filter((r) => r.m3)));
    assertThrows(
      () => rows.scan({ segments: 2, maxResults: 5, projection: ["g"] }),
      ValidationError,
    );
    assertThrows(() => rows.scan({ segments: 0 }), ValidationError);
    assertThrows(() => rows.scan({ segments: 2, startKey: { g: "g0", n: 1 } }), ValidationError);
    assertThrows(() => rows.scan({ limit: 1.5 }), ValidationError);
  });

  test("an aborted signal stops paging", async () => {
    const controller = new AbortController();
    controller.abort();
    await assertRejects(() => rows.scan({ signal: controller.signal }).all());
  });
}, { shared: true });

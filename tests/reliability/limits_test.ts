// DynamoDB's limits, each a ValidationError (with path, found and allowed) thrown before anything is sent:
// every test runs against a fake transport and checks that no request left.
import { encode, encodeItem, update, ValidationError } from "../../mod.ts";
import fc from "fast-check";
import { itemSize, itemSizeBound } from "../../lib/codec/_item_size.ts";
import { type TransactWriteEntry, transactWriteItems } from "../../lib/table/transactions.ts";
import { assertEquals, assertRejects, assertThrows } from "../assert.ts";
import { fakeDatabase } from "../table/_local.ts";

type Row = Record<string, unknown>;
const schema = { partitionKey: ["pk", "S"], sortKey: ["sk", "N"] } as const;

function setup() {
  const { db, seen } = fakeDatabase(() => ({}));
  return { db, seen, table: db.table<Row>("things", schema) };
}

/** Checks a ValidationError's path, found and allowed. */
function details(e: ValidationError, path: string, found: RegExp, allowed: RegExp): void {
  assertEquals(e.path, path);
  assertEquals(found.test(e.found ?? ""), true, `found: ${e.found}`);
  assertEquals(allowed.test(e.allowed ?? ""), true, `allowed: ${e.allowed}`);
}

Deno.test("limit: table and index names are 3 to 255 of [A-Za-z0-9_.-]", () => {
  const { db, seen } = fakeDatabase(() => ({}));
  for (const bad of ["ab", "a".repeat(256), "bad name", "naïve"]) {
    details(
      assertThrows(() => db.table(bad, schema), ValidationError, "invalid name"),
      "name",
      /./,
      /3 to 255/,
    );
  }
  db.table("a".repeat(255), schema);
  db.table("A-b_c.9", schema);
  details(
    assertThrows(
      () => db.table("things", { ...schema, indexes: { "x y": { partitionKey: ["g", "S"] } } }),
      ValidationError,
      "invalid name",
    ),
    "indexes",
    /"x y"/,
    /3 to 255/,
  );
  assertEquals(seen.length, 0);
});

Deno.test("limit: key attributes present and of the schema's types", async () => {
  const { table, seen } = setup();
  let e = await assertRejects(() => table.put({ pk: "a" }), ValidationError, "missing key");
  details(e, "sk", /nothing/, /N/);
  e = await assertRejects(() => table.put({ pk: "a", sk: "1" }), ValidationError, "wrong type");
  details(e, "sk", /S/, /N/);
  e = await assertRejects(() => table.get({ pk: 1, sk: 1 }), ValidationError, "wrong type");
  details(e, "pk", /N/, /S/);
  assertEquals(seen.length, 0);
});

Deno.test("limit: empty string or binary key values", async () => {
  const { db, table, seen } = setup();
  const e = await assertRejects(() => table.put({ pk: "", sk: 1 }), ValidationError, "empty key");
  details(e, "pk", /empty/, /non-empty/);
  const bin = db.table<Row>("bins", { partitionKey: ["b", "B"] });
  await assertRejects(() => bin.get({ b: new Uint8Array(0) }), ValidationError, "empty key");
  assertEquals(seen.length, 0);
});

Deno.test("limit: items over 400 KB, counted as DynamoDB counts item size", async () => {
  const { table, seen } = setup();
  // 409,600 bytes exactly pass: pk (2 + 1) + sk (2 + 2) + "s" (1) + the string.
  const fits = { pk: "a", sk: 1, s: "x".repeat(409_600 - 8) };
  assertEquals(itemSize(encodeItem(fits)), 409_600);
  await table.put(fits);
  assertEquals(seen.length, 1);
  // One byte more, as a 2-byte UTF-8 character in place of a 1-byte one: the JSON is no longer, the item is.
  const over = { pk: "a", sk: 1, s: "é" + "x".repeat(409_600 - 9) };
  const e = await assertRejects(() => table.put(over), ValidationError, "item over 400 KB");
  details(e, "", /409601 bytes/, /409600/);
  await assertRejects(() => table.batchWrite({ puts: [over] }), ValidationError, "over 400 KB");
  assertEquals(seen.length, 1);
});

/** The writes of every BatchWriteItem request seen, per request: "put sk" or "delete sk". */
function writesOf(seen: { body: Record<string, unknown> }[]): string[][] {
  return seen.map((r) =>
    (r.body.RequestItems as Record<string, Row[]>).things.map((w) =>
      w.PutRequest
        ? `put ${(w.PutRequest as { Item: { sk: { N: string } } }).Item.sk.N}`
        : `delete ${(w.DeleteRequest as { Key: { sk: { N: string } } }).Key.sk.N}`
    )
  );
}

const big = (sk: number) => ({ pk: "a", sk, s: "x".repeat(200_000) }); // JSON long, item < 400 KB
const over = (sk: number) => ({ pk: "a", sk, s: "é".repeat(205_000) }); // 410,008 bytes (1-digit sk)

Deno.test("limit: a batch writer's put over 400 KB is rejected by that put; the writes around it are all sent", async () => {
  const { table, seen } = setup();
  const writer = table.batchWriter();
  const calls = Array.from(
    { length: 30 },
    (_, i) => writer.put(i === 9 ? over(i) : { pk: "a", sk: i }),
  );
  const results = await Promise.allSettled(calls);
  const rejected = results.flatMap((r, i) => r.status === "rejected" ? [[i, r.reason]] : []);
  assertEquals(rejected.length, 1);
  const [index, error] = rejected[0];
  assertEquals(index, 9);
  assertEquals(error instanceof ValidationError, true);
  details(
    error,
    "",
    /^410008 bytes \(write 10 of this batch writer, key \[\{"S":"a"\},\{"N":"9"\}\]\)$/,
    /409600/,
  );
  await writer.close(); // the writer goes on: no failure to report
  const sent = writesOf(seen);
  const expected = [...Array(30).keys()].filter((i) => i !== 9).map((i) => `put ${i}`);
  assertEquals(sent, [expected.slice(0, 25), expected.slice(25)]);
});

Deno.test("limit: an oversized put replaces no buffered write of its key (lastWriteWins keeps the earlier one)", async () => {
  const { table, seen } = setup();
  const writer = table.batchWriter();
  await writer.put({ pk: "a", sk: 1, v: "kept" });
  await assertRejects(() => writer.put(over(1)), ValidationError, "item over 400 KB");
  assertEquals(writer.pending, 1);
  await writer.close();
  assertEquals((seen[0].body.RequestItems as Record<string, Row[]>).things, [
    { PutRequest: { Item: { pk: { S: "a" }, sk: { N: "1" }, v: { S: "kept" } } } },
  ]);
});

Deno.test("limit: while the size check's code loads, later writes wait behind the large item, in order", async () => {
  const { table, seen } = setup();
  // A fresh copy of the module, whose size check is not loaded yet.
  const { BatchWriter } = await import("../../lib/table/batch_writer.ts?gate");
  const writer = new BatchWriter(table);
  const calls = [
    writer.put({ pk: "a", sk: 1 }),
    writer.put(big(2)),
    writer.delete({ pk: "a", sk: 2 }), // after the large put of its key: the delete must win
    writer.put(over(3)),
    writer.put({ pk: "a", sk: 4 }),
  ];
  assertEquals(writer.pending, 1); // the large put and everything after it wait for the check
  const flushed = writer.flush();
  writer.put({ pk: "a", sk: 5 });
  const results = await Promise.allSettled(calls);
  assertEquals(results.map((r) => r.status), [
    "fulfilled",
    "fulfilled",
    "fulfilled",
    "rejected",
    "fulfilled",
  ]);
  await flushed;
  await writer.close();
  assertEquals(writesOf(seen), [["put 1", "delete 2", "put 4"], ["put 5"]]);
  // Loaded now: a later large item is checked at once, and rejected before it is buffered.
  const again = new BatchWriter(table);
  const rejection = assertRejects(() => again.put(over(6)), ValidationError, "over 400 KB");
  again.put({ pk: "a", sk: 7 });
  assertEquals(again.pending, 1);
  await rejection;
  await again.close();
  assertEquals(writesOf(seen).at(-1), ["put 7"]);
});

Deno.test("limit: batchWrite names the index and key of an item over 400 KB, and sends nothing", async () => {
  const { table, seen } = setup();
  const e = await assertRejects(
    () => table.batchWrite({ puts: [{ pk: "a", sk: 0 }, big(1), over(2)] }),
    ValidationError,
    "item over 400 KB",
  );
  details(e, "", /^410008 bytes \(puts\[2\], key \[\{"S":"a"\},\{"N":"2"\}\]\)$/, /409600/);
  assertEquals(seen.length, 0);
});

Deno.test("limit: item size follows DynamoDB's documented rules per type", () => {
  const size = (v: unknown) => itemSize({ a: encode(v) }) - 1;
  assertEquals(size("héllo"), 6); // UTF-8 bytes
  assertEquals(size("😀"), 4);
  assertEquals(size(new Uint8Array(10)), 10); // raw bytes, not base64
  assertEquals(size(true), 1);
  assertEquals(size(null), 1);
  assertEquals(size(12345), 4); // ceil(5 digits / 2) + 1
  assertEquals(size(1200), 2); // trailing zeros trimmed: 2 digits
  assertEquals(size(0.0012), 2); // leading zeros trimmed
  assertEquals(size(-1.5e100), 2);
  assertEquals(size([]), 3);
  assertEquals(size({}), 3);
  assertEquals(size([true, "ab"]), 3 + (1 + 1) + (2 + 1)); // 3, plus each element and 1 byte
  assertEquals(size({ k: true }), 3 + 1 + 1 + 1); // 3, plus name, value and 1 byte
  assertEquals(size(new Set(["a", "bc"])), 3); // sets: the sum of their members
  assertEquals(size(new Set([1, 100])), 4);
  assertEquals(itemSize({ "é": { S: "" } }), 2); // names count their UTF-8 bytes
});

Deno.test("limit: transactions hold at most 100 entries", async () => {
  const { db, seen } = fakeDatabase(() => ({}));
  const t = db.table<Row>("things", schema);
  const puts = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ table: t, put: { pk: "a", sk: i } }));
  const e = await assertRejects(() => db.transactWrite(puts(101)), ValidationError, "1 to 100");
  details(e, "", /101/, /1 to 100/);
  await assertRejects(() => db.transactWrite([]), ValidationError, "1 to 100");
  await assertRejects(
    () =>
      db.transactGet(
        Array.from({ length: 101 }, (_, i) => ({ table: t, key: { pk: "a", sk: i } })),
      ),
    ValidationError,
    "1 to 100",
  );
  assertEquals(seen.length, 0);
  await db.transactWrite(puts(100));
  assertEquals(seen.length, 1);
});

Deno.test("limit: no two transaction entries on the same item", async () => {
  const { db, seen } = fakeDatabase(() => ({}));
  const t = db.table<Row>("things", schema);
  const u = update().set("n", 1);
  const e = await assertRejects(
    () =>
      db.transactWrite([
        { table: t, put: { pk: "a", sk: 1, n: 0 } },
        { table: t, update: u, key: { pk: "b", sk: 1 } },
        { table: t, delete: { pk: "a", sk: 1 } },
      ]),
    ValidationError,
    "two entries of a transaction on one item",
  );
  details(e, "[2]", /things.*a.*1/, /once/);
  // By name: keys compare whatever the order of their attributes.
  await assertRejects(
    () =>
      db.transactWrite([
        { table: "other", check: { pk: "a", sk: 1 }, condition: undefined, expected: { n: 1 } },
        { table: "other", update: u, key: { sk: 1, pk: "a" } },
      ]),
    ValidationError,
    "on one item",
  );
  assertEquals(seen.length, 0);
  // The same key in two tables, or two keys in one, are different items.
  await db.transactWrite([
    { table: t, put: { pk: "a", sk: 1 } },
    { table: "other", delete: { pk: "a", sk: 1 } },
    { table: t, delete: { pk: "a", sk: 2 } },
  ]);
  assertEquals(seen.length, 1);
});

Deno.test("limit: a put to a table given by name is compared once another entry tells its key attributes", () => {
  const u = update().set("n", 1);
  const dup = (entries: TransactWriteEntry[], path: string) =>
    details(
      assertThrows(() => transactWriteItems(entries), ValidationError, "on one item"),
      path,
      /other/,
      /once/,
    );
  // A key entry on the name tells the key attributes, before or after the put; other attributes of the
  // put's item do not count.
  dup([
    { table: "other", put: { pk: "a", sk: 1, n: 2 } },
    { table: "other", delete: { sk: 1, pk: "a" } },
  ], "[1]");
  dup([
    { table: "other", update: u, key: { pk: "a", sk: 1 } },
    { table: "other", put: { n: 2, sk: 1, pk: "a" } },
  ], "[1]");
  // So does a handle (a Table, or anything with its name and schema) on that name, for puts by name too.
  const handle = { name: "other", schema: { partitionKey: ["pk", "S"] } } as const;
  dup([
    { table: "other", put: { pk: "a", sk: 1 } },
    { table: handle, check: "b", expected: { n: 1 } },
    { table: "other", put: { pk: "a", sk: 2 } },
  ], "[2]");
  // Different items pass: another key, or the same key in another table.
  assertEquals(
    transactWriteItems([
      { table: "other", put: { pk: "a", sk: 1 } },
      { table: "other", delete: { pk: "a", sk: 2 } },
      { table: "other2", put: { pk: "a", sk: 1 } },
      { table: "other2", delete: { pk: "a", sk: 2 } },
    ]).length,
    4,
  );
});

Deno.test("limit: a handle and a bare name of one table compare keys by attribute name, not by order", () => {
  // The schema lists "user" first; a key object given by name lists its attributes in any order.
  const events = {
    name: "events",
    schema: { partitionKey: ["user", "S"], sortKey: ["at", "N"] },
  } as const;
  const e = assertThrows(
    () =>
      transactWriteItems([
        { table: events, delete: ["u", 1] },
        { table: "events", update: update().set("n", 1), key: { at: 1, user: "u" } },
      ]),
    ValidationError,
    "on one item",
  );
  details(e, "[1]", /events/, /once/);
});

Deno.test("limit: not compared: puts to a table given by name that no entry tells the key of", async () => {
  // Two puts of one item by name alone: the key attributes are unknown without asking the service, so
  // they are sent and DynamoDB rejects them (documented on TransactEntryBase.table and checkOnce).
  const entries: TransactWriteEntry[] = [
    { table: "other", put: { pk: "a", sk: 1, n: 1 } },
    { table: "other", put: { pk: "a", sk: 1, n: 2 } },
  ];
  assertEquals(transactWriteItems(entries).length, 2);
  const { db, seen } = fakeDatabase(() => ({}));
  await db.transactWrite(entries);
  assertEquals(seen.map((r) => r.operation), ["TransactWriteItems"]); // one request, nothing asked first
  // Once the Database has a handle on that name, the same entries are compared, and nothing is sent.
  db.table("other", schema);
  await assertRejects(() => db.transactWrite(entries), ValidationError, "on one item");
  assertEquals(seen.length, 1);
});

Deno.test("limit: over 400 KB in a transaction put", async () => {
  const { db, seen } = fakeDatabase(() => ({}));
  const big = { pk: "a", sk: 1, s: "é".repeat(205_000) };
  await assertRejects(
    () => db.transactWrite([{ table: "things", put: big }]),
    ValidationError,
    "over 400 KB",
  );
  assertEquals(seen.length, 0);
});

Deno.test("limit: batch sizes (25 writes, 100 reads per request), chunked rather than rejected", async () => {
  const { db, seen } = fakeDatabase(({ operation, body }) =>
    operation === "BatchGetItem"
      ? {
        Responses: { things: (body.RequestItems as Row & { things: { Keys: Row[] } }).things.Keys },
      }
      : {}
  );
  const t = db.table<Row>("things", schema);
  await t.batchWrite({ puts: Array.from({ length: 60 }, (_, i) => ({ pk: "a", sk: i })) });
  const sizes = seen.map((r) => (r.body.RequestItems as Record<string, unknown[]>).things.length);
  assertEquals(sizes.sort((a, b) => b - a), [25, 25, 10]);
  seen.length = 0;
  const got = await t.batchGet(Array.from({ length: 250 }, (_, i) => ({ pk: "a", sk: i })));
  assertEquals(got.length, 250);
  assertEquals(
    seen.map((r) => (r.body.RequestItems as Record<string, { Keys: unknown[] }>).things.Keys.length)
      .sort((a, b) => b - a),
    [100, 100, 50],
  );
});

Deno.test("limit: expressions over 4 KB", async () => {
  const { table, seen } = setup();
  let u = update();
  for (let i = 0; i < 400; i++) u = u.set(`attribute${i}`, i);
  const e = await assertRejects(
    () => table.update({ pk: "a", sk: 1 }, u),
    ValidationError,
    "expression over 4 KB",
  );
  details(e, "UpdateExpression", /characters/, /4096/);
  assertEquals(seen.length, 0);
});

Deno.test("limit: number precision (38 digits) and range (1E-130 to 9.99...E+125)", async () => {
  const { table, seen } = setup();
  for (const n of ["1".repeat(39), 10n ** 38n + 1n, 1e-131, 1e126]) {
    const bad = typeof n === "string" ? { pk: "a", sk: 1, n: BigInt(n) } : { pk: "a", sk: 1, n };
    const e = await assertRejects(() => table.put(bad), ValidationError);
    details(e, "n", /./, /38 significant digits/);
  }
  await table.put({ pk: "a", sk: 1, n: 10n ** 37n * 9n, m: 1e-130, o: 9.9e125 });
  assertEquals(seen.length, 1);
});

Deno.test("limit: empty sets", async () => {
  const { table, seen } = setup();
  const e = await assertRejects(
    () => table.put({ pk: "a", sk: 1, tags: new Set() }),
    ValidationError,
    "empty Set",
  );
  details(e, "tags", /empty Set/, /./);
  assertEquals(seen.length, 0);
});

Deno.test("limit: nesting deeper than 32 levels", async () => {
  const { table, seen } = setup();
  const nest = (n: number): unknown => n === 0 ? 1 : { a: nest(n - 1) };
  await table.put({ pk: "a", sk: 1, deep: nest(32) });
  assertEquals(seen.length, 1);
  const e = await assertRejects(
    () => table.put({ pk: "a", sk: 1, deep: nest(33) }),
    ValidationError,
    "nested too deep",
  );
  details(e, "deep" + ".a".repeat(32), /more than 32/, /32/);
  assertEquals(seen.length, 1);
});

Deno.test("limit: the put path's skip is sound: item size <= UTF-8 bytes of the item's JSON <= 3 x its length", () => {
  const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small" },
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) =>
        d === 0 || (Math.abs(d) >= 1e-130 && Math.abs(d) < 1e125)
      ),
      fc.bigInt({ min: -(10n ** 37n), max: 10n ** 37n }),
      fc.boolean(),
      fc.constant(null),
      fc.uint8Array({ maxLength: 20 }),
      fc.array(tie("v"), { maxLength: 4 }),
      fc.dictionary(fc.string({ unit: "binary", maxLength: 6 }), tie("v"), { maxKeys: 4 }),
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 })
        .map((a) => new Set(a)),
    ),
  })).v;
  fc.assert(
    fc.property(fc.dictionary(fc.string({ unit: "binary", maxLength: 6 }), value), (item) => {
      const wire = encodeItem(item);
      const text = JSON.stringify(wire);
      const size = itemSize(wire);
      assertEquals(size <= new TextEncoder().encode(text).length, true, `${size} ${text}`);
      assertEquals(size <= 3 * text.length, true);
      // The bound the batch and transaction checks test first is never below the exact size.
      assertEquals(itemSizeBound(wire) >= size, true);
    }),
    { numRuns: 500 },
  );
});

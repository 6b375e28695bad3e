// The Database: one object for the low-level client and the high-level API; getTable, listTableNames,
// codec options, an existing client.
import { assertEquals, assertInstanceOf, assertRejects, assertStrictEquals } from "../assert.ts";
import { DynamoDB } from "../../lib/client/mod.ts";
import { ResourceNotFoundError } from "../../lib/operations/errors.ts";
import { Database } from "../../lib/table/database.ts";
import { Table } from "../../lib/table/table.ts";
import { database, fakeDatabase } from "./_local.ts";
import { forEachEngine } from "../_engines.ts";

Deno.test("new Database(options) makes the low-level client; { client } reuses one", () => {
  const db = new Database({ region: "eu-west-1", codec: { numbers: "exact" } });
  assertInstanceOf(db.client, DynamoDB);
  assertEquals(db.codec, { numbers: "exact" });
  const client = new DynamoDB({ region: "eu-west-1" });
  assertStrictEquals(new Database({ client }).client, client);
  const t = db.table("users", { partitionKey: ["id", "S"] }, { codec: { dates: "iso" } });
  assertInstanceOf(t, Table);
  assertEquals(t.codec, { numbers: "exact", dates: "iso" });
  assertEquals(
    new Database({ client }).table("users", { partitionKey: ["id", "S"] }).codec,
    undefined,
  );
});

Deno.test("listTableNames pages through ListTables", async () => {
  const { db, seen } = fakeDatabase(({ body }) =>
    body.ExclusiveStartTableName === undefined
      ? { TableNames: ["aaa", "bbb"], LastEvaluatedTableName: "bbb" }
      : { TableNames: ["ccc"] }
  );
  assertEquals(await db.listTableNames(), ["aaa", "bbb", "ccc"]);
  assertEquals(seen.map((r) => r.body), [{}, { ExclusiveStartTableName: "bbb" }]);
});

await forEachEngine(({ local, test }) => {
  test("getTable describes the table; a missing one is ResourceNotFoundError", async () => {
    const db = database(local);
    await db.createTable({ name: "things", partitionKey: ["id", "N"], sortKey: ["v", "B"] });
    const t = await db.getTable("things");
    assertEquals(t.schema, { partitionKey: ["id", "N"], sortKey: ["v", "B"] });
    assertEquals(t.status, "ACTIVE");
    await t.put({ id: 1, v: new Uint8Array([1]) });
    assertEquals(await t.get([1, new Uint8Array([1])]), { id: 1, v: new Uint8Array([1]) });
    await assertRejects(() => db.getTable("nothing"), ResourceNotFoundError);
  });
});

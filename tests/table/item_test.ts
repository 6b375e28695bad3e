// Items with queued changes: save() as one UpdateItem, put(), delete(), expected-value conditions.
import { assertEquals, assertRejects, assertThrows } from "../assert.ts";
import { ValidationError } from "../../lib/errors.ts";
import { Attr } from "../../lib/expressions/mod.ts";
import { ConditionalCheckFailedError } from "../../lib/operations/errors.ts";
import type { ClientEvent } from "../../lib/transport/mod.ts";
import { database, recordingDatabase } from "./_local.ts";
import { forEachEngine } from "../_engines.ts";

type User = { id: string; name?: string; visits?: number; tags?: Set<string>; old?: string };

await forEachEngine(({ local, test }) => {
  test("set and remove change attributes at once; key attributes cannot be changed", async () => {
    const { db, seen } = recordingDatabase(local);
    await db.createTable({ name: "users", partitionKey: ["id", "S"] });
    seen.length = 0;
    const t = db.table<User>("users", { partitionKey: ["id", "S"] });
    const item = t.newItem({ id: "u1", old: "x" });
    item.set("name", "A").set("name", "B").remove("old");
    assertEquals(item.attributes, { id: "u1", name: "B" });
    assertEquals(item.changes.length, 2);
    for (
      const change of [() => item.set("id", "x"), () => item.remove("id"), () => item.add("id", 1)]
    ) {
      assertEquals(assertThrows(change, ValidationError).path, "id");
    }
    await item.save();
    assertEquals(seen[0].body, {
      TableName: "users",
      Key: { id: { S: "u1" } },
      UpdateExpression: "SET #n0 = :v0 REMOVE #n1",
      ExpressionAttributeNames: { "#n0": "name", "#n1": "old" },
      ExpressionAttributeValues: { ":v0": { S: "B" } },
      ReturnValues: "ALL_NEW",
    });
    const named = t.newItem({ id: "u1" }).set("a.b", 1);
    await named.save({ returnValues: "NONE" });
    assertEquals(seen[1].body.ExpressionAttributeNames, { "#n0": "a.b" });
  });

  test("save() sends the queued SET, ADD, REMOVE and DELETE as one UpdateItem and refreshes attributes", async () => {
    const events: string[] = [];
    const onEvent = (e: ClientEvent) => {
      if (e.type === "request") events.push(String(e.operation));
    };
    const db = database(local, { onEvent });
    const users = await db.createTable<User>({ name: "users", partitionKey: ["id", "S"] });
    await users.put({ id: "u1", visits: 1, tags: new Set(["a", "b", "c"]), old: "x" });
    events.length = 0;
    const item = users.newItem({ id: "u1" });
    item.set("name", "Ann").add("visits", 2).remove("old").deleteFromSet(
      "tags",
      new Set(["a", "c"]),
    );
    assertEquals(item.changes, [
      { action: "SET", name: "name", value: "Ann" },
      { action: "ADD", name: "visits", value: 2 },
      { action: "REMOVE", name: "old" },
      { action: "DELETE", name: "tags", value: new Set(["a", "c"]) },
    ]);
    const saved = await item.save();
    assertEquals(events, ["UpdateItem"]);
    assertEquals(saved, { id: "u1", name: "Ann", visits: 3, tags: new Set(["b"]) });
    assertEquals(item.attributes, saved);
    assertEquals(item.changes, []);
    assertEquals(await users.get("u1"), saved);
  });

  test("expected values and conditions guard save(), put() and delete(); a failed save keeps the queue", async () => {
    const db = database(local);
    const users = await db.createTable<User>({ name: "users", partitionKey: ["id", "S"] });
    const item = users.newItem({ id: "u2", name: "Bo", visits: 1 });
    await item.put({ expected: { id: false } });
    await assertRejects(() => item.put({ expected: { id: false } }), ConditionalCheckFailedError);
    item.add("visits", 1);
    await assertRejects(() => item.save({ expected: { visits: 5 } }), ConditionalCheckFailedError);
    assertEquals(item.changes.length, 1);
    await item.save({
      expected: { visits: 1, name: "Bo" },
      condition: Attr("name").beginsWith("B"),
    });
    assertEquals(item.attributes.visits, 2);
    const old = await item.save({ returnValues: "ALL_OLD" });
    assertEquals(old?.visits, 2);
    await assertRejects(
      () => item.delete({ expected: { visits: 3 } }),
      ConditionalCheckFailedError,
    );
    assertEquals(await item.delete({ returnValues: "ALL_OLD", expected: { visits: 2 } }), {
      id: "u2",
      name: "Bo",
      visits: 2,
    });
    assertEquals(await users.get("u2"), undefined);
    // save() with nothing queued creates the item with its key only.
    await users.newItem({ id: "u3", name: "not sent" }).save();
    assertEquals(await users.get("u3"), { id: "u3" });
  });
});

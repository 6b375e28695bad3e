// An app that puts with a condition, gets, and queries with a filter, and tells the typed errors apart
// (bundled and run by ../_lazy_test.ts).
import { Attr, ConditionalCheckFailedError, Database, ValidationError } from "../../../mod.ts";
import type { Run } from "./_app.ts";

export const run: Run = async (region, accessKeyId, secretAccessKey, name) => {
  const db = new Database({ region, credentials: { accessKeyId, secretAccessKey } });
  const table = db.table(name, { partitionKey: ["pk", "S"], sortKey: ["sk", "N"] });
  try {
    await table.put({ pk: "a", sk: 1 }, { condition: Attr("pk").notExists() });
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedError || e instanceof ValidationError)) throw e;
  }
  const items = [await table.get({ pk: "a", sk: 1 })];
  for await (const item of table.query("a", { filter: Attr("n").gt(1) })) items.push(item);
  return items;
};

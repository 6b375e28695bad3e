// An app that makes its table with `new Table` over `new DynamoDB`, then puts, gets and queries (bundled
// and run by ../_lazy_test.ts).
import { DynamoDB, Table } from "../../../mod.ts";
import type { Run } from "./_app.ts";

export const run: Run = async (region, accessKeyId, secretAccessKey, name) => {
  const client = new DynamoDB({ region, credentials: { accessKeyId, secretAccessKey } });
  const table = new Table(client, name, { partitionKey: ["pk", "S"], sortKey: ["sk", "N"] });
  await table.put({ pk: "a", sk: 1 });
  const items = [await table.get({ pk: "a", sk: 1 })];
  for await (const item of table.query("a")) items.push(item);
  return items;
};

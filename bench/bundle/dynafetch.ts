// An application doing put, get and query through the high-level API, with credentials passed in (as a
// Worker or a browser does).
import { Database } from "../../mod.ts";

export async function run(
  region: string,
  accessKeyId: string,
  secretAccessKey: string,
  name: string,
): Promise<unknown[]> {
  const db = new Database({ region, credentials: { accessKeyId, secretAccessKey } });
  const table = db.table<{ pk: string; sk: number; n?: number }>(name, {
    partitionKey: ["pk", "S"],
    sortKey: ["sk", "N"],
  });
  await table.put({ pk: "a", sk: 1, n: 1.5 });
  const got = await table.get({ pk: "a", sk: 1 });
  const items = [];
  for await (const item of table.query("a")) items.push(item);
  return [got, items];
}

// Runs the scenario in Node or Bun, from the installed npm package, as an application would import it.
import * as dynafetch from "@dynafetch/dynafetch";
import { defaultChain } from "@dynafetch/dynafetch/credentials";
import { startLocalDynamo } from "@dynafetch/dynafetch/testing";
import { nodeHttpTransport } from "@dynafetch/dynafetch/node";
import { scenario } from "./scenario.js";

const [endpoint, tableName] = process.argv.slice(2);
const summary = await scenario(dynafetch, { endpoint, tableName });
// The default transport, as the package's conditions chose it: node:http on Node, whose responses say
// whether the socket was reused (the second call's was), fetch on Bun, which cannot tell.
const reused = [];
const db = new dynafetch.DynamoDB({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
  onEvent: (event) => event.type === "response" && reused.push(event.reusedConnection),
});
await db.listTables();
await db.listTables();
const bun = typeof process.versions.bun === "string";
if (bun ? reused.some((r) => r !== undefined) : reused[1] !== true) {
  throw new Error(
    `default transport: reusedConnection ${JSON.stringify(reused)} on ${bun ? "Bun" : "Node"}`,
  );
}
const transport = nodeHttpTransport({ maxSockets: 2 });
const explicit = new dynafetch.DynamoDB({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
  transport,
});
await explicit.listTables();
transport.close();
if (typeof defaultChain() !== "function") throw new Error("credentials entry: no defaultChain");
// The testing entry starts its own dynalite (the package's optional peer dependency).
const local = await startLocalDynamo();
try {
  const { TableNames } = await local.client().listTables();
  if (!Array.isArray(TableNames)) throw new Error("testing entry: listTables gave no names");
} finally {
  await local.close();
}
const chosen = bun ? "fetch" : "node:http";
console.log(`${summary}; default transport ${chosen}; ./credentials, ./testing and ./node load`);

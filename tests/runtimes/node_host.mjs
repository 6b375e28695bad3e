// Runs the scenario in Node or Bun, from the installed npm package, as an application would import it.
import * as dynafetch from "@dynafetch/dynafetch";
import { defaultChain } from "@dynafetch/dynafetch/credentials";
import { startLocalDynamo } from "@dynafetch/dynafetch/testing";
import { scenario } from "./scenario.js";

const [endpoint, tableName] = process.argv.slice(2);
const summary = await scenario(dynafetch, { endpoint, tableName });
if (typeof defaultChain() !== "function") throw new Error("credentials entry: no defaultChain");
// The testing entry starts its own dynalite (the package's optional peer dependency).
const local = await startLocalDynamo();
try {
  const { TableNames } = await local.client().listTables();
  if (!Array.isArray(TableNames)) throw new Error("testing entry: listTables gave no names");
} finally {
  await local.close();
}
console.log(`${summary}; ./credentials and ./testing load`);

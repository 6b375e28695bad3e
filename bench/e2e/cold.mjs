/**
 * One cold start for `deno task bench:compare`: in a fresh process, the time from before the client's
 * library is imported to the first GetItem result from the local dynalite. Prints it as JSON.
 *
 *     node bench/e2e/cold.mjs '{"client": "aws-lite", "endpoint": ..., "table": ..., "key": {...}}'
 *
 * @module
 */
import process from "node:process";

const start = performance.now();
const { builders } = await import("./clients.mjs");
const plan = JSON.parse(process.argv.at(-1));
const client = await builders[plan.client](plan.endpoint, plan.table);
const item = await client.get(plan.key);
const ms = performance.now() - start;
if (item?.sk !== plan.key.sk) {
  throw new Error(`${plan.client}: GetItem returned ${JSON.stringify(item)}`);
}
client.close?.();
console.log(JSON.stringify({ ms }));
process.exit(0);

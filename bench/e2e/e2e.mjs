/**
 * The end-to-end rows of `deno task bench:compare` in one runtime: the named clients (bench/e2e/clients.mjs)
 * against one dynalite in another process, interleaved round by round (bench/e2e/harness.mjs), on the
 * data set that bench/compare.ts wrote. Prints one JSON line: microseconds per operation, per contender,
 * per round, for PutItem, GetItem, Query (a page of 100 items) and BatchWriteItem (one call of 25
 * items; the rounds write the 2,000 items of the data set, 80 calls).
 *
 *     node bench/e2e/e2e.mjs '{"endpoint": ..., "table": ..., "data": "<file>", "clients": [...],
 *       "ops": 5, "rounds": 30, "pages": 20, "warmup": 3}'
 *
 * @module
 */
import { readFileSync } from "node:fs";
import process from "node:process";
import { builders, defaultTransport } from "./clients.mjs";
import { parseData, race } from "./harness.mjs";

const plan = JSON.parse(process.argv.at(-1));
/** @type {{ items: Record<string, unknown>[], partitions: string[] }} */
const { items, partitions } = parseData(readFileSync(plan.data, "utf8"));
const keys = items.map(({ pk, sk }) => ({ pk, sk }));
const batches = [];
for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));

const clients = {};
const skipped = {};
for (const name of plan.clients) {
  try {
    clients[name] = await builders[name](plan.endpoint, plan.table, {
      items,
      keys,
      partitions,
      batches,
    });
  } catch (error) {
    skipped[name] = String(error?.message ?? error).split("\n")[0];
  }
}

// Each client reads back what the data set holds before anything is timed.
for (const [name, client] of Object.entries(clients)) {
  const got = await client.get(keys[7]);
  // The floors return the wire form ({ S: "..." }), the clients plain values.
  const sk = got?.sk?.S ?? got?.sk;
  if (sk !== keys[7].sk || Object.keys(got).length !== Object.keys(items[7]).length) {
    throw new Error(`${name}: GetItem returned ${JSON.stringify(got)}`);
  }
  const page = await client.query(partitions[0]);
  if (page?.length !== items.length / partitions.length) {
    throw new Error(`${name}: Query returned ${page?.length} items`);
  }
}

const each = (fn) => Object.fromEntries(Object.entries(clients).map(([name, c]) => [name, fn(c)]));
// Short turns and many rounds: on a busy machine a load spike then spoils a few rounds, not the median.
const { ops, rounds, warmup } = plan;
const results = {
  PutItem: await race(
    each((c) => async (round) => {
      for (let i = 0; i < ops; i++) await c.put(items[(round * ops + i) % items.length]);
    }),
    { rounds, ops, warmup },
  ),
  GetItem: await race(
    each((c) => async (round) => {
      for (let i = 0; i < ops; i++) await c.get(keys[(round * ops + i) % keys.length]);
    }),
    { rounds, ops, warmup },
  ),
  "Query (page of 100)": await race(
    each((c) => (round) => c.query(partitions[round % partitions.length])),
    { rounds: plan.pages, ops: 1, warmup },
  ),
  // One BatchWriteItem call of 25 items per turn; the rounds go through the 2,000 items.
  "BatchWriteItem (25 items)": await race(
    each((c) => (round) => c.batch(batches[round % batches.length])),
    { rounds: batches.length, ops: 1, warmup },
  ),
};
for (const client of Object.values(clients)) client.close?.();
const transport = await defaultTransport(plan.endpoint, plan.table, keys[0]);
console.log(JSON.stringify({ results, skipped, transport }));
process.exit(0);

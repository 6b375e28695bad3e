/**
 * The dynafetch demo: creates a table, writes items (one by one and in a batch), reads them, updates one
 * with an update expression, queries with paging, makes a conditional write that fails cleanly, and deletes
 * the table, printing each step and the exact numbers it reads back.
 *
 * Runs against an embedded local DynamoDB (dynalite) unless `DYNAMODB_ENDPOINT` (or
 * `AWS_ENDPOINT_URL_DYNAMODB`) is set, or `AWS_REGION` with `AWS_ACCESS_KEY_ID` is set (real AWS: the demo
 * creates and deletes a pay-per-request table named `dynafetch-demo-<random>`).
 *
 *     npx -y deno@2.9.6 task demo
 *
 * @module
 */
import {
  Attr,
  ConditionalCheckFailedError,
  Database,
  DynamoNumber,
  Key,
  ResourceNotFoundError,
  update,
} from "../mod.ts";
import { startLocalDynamo } from "../testing.ts";

const env = (name: string) => Deno.env.get(name) || undefined;
const endpoint = env("DYNAMODB_ENDPOINT") ?? env("AWS_ENDPOINT_URL_DYNAMODB");
const region = env("AWS_REGION") ?? env("AWS_DEFAULT_REGION");
const useAws = endpoint !== undefined ||
  (region !== undefined && env("AWS_ACCESS_KEY_ID") !== undefined);

const started = performance.now();
const log = (message: string) =>
  console.log(`${((performance.now() - started) / 1000).toFixed(2).padStart(6)}s  ${message}`);
const show = (value: unknown) =>
  JSON.stringify(value, (_key, v) => v instanceof Set ? [...v] : v, 0);

const local = useAws ? undefined : await startLocalDynamo();
const db = new Database({
  client: local?.client(),
  region,
  endpoint,
  allowHttp: endpoint !== undefined,
  // A local server (DynamoDB Local, dynalite) takes any key; real AWS gets the environment's.
  credentials: endpoint !== undefined && env("AWS_ACCESS_KEY_ID") === undefined
    ? { accessKeyId: "local", secretAccessKey: "local" }
    : undefined,
});
log(local ? `embedded dynalite at ${local.endpoint}` : `DynamoDB at ${endpoint ?? region}`);

type Event = {
  user: string;
  at: number;
  note?: string;
  amount?: number | DynamoNumber;
  tags?: Set<string>;
  visits?: number;
};
const name = `dynafetch-demo-${crypto.randomUUID().slice(0, 8)}`;
const events = await db.createTable<Event>({
  name,
  partitionKey: ["user", "S"],
  sortKey: ["at", "N"],
});
log(`createTable ${name} (partition key user, sort key at): ${events.status}`);
try {
  // 38 significant digits: a JS number cannot hold it, DynamoDB can, and it comes back exactly.
  const exact = new DynamoNumber("12345678901234567890.123456789012345678");
  await events.put({ user: "ada", at: 0, note: "profile", amount: exact, tags: new Set(["math"]) });
  log(`put ada/0 with amount ${exact}`);

  await events.batchWrite({
    puts: Array.from({ length: 10 }, (_, i) => ({
      user: "ada",
      at: i + 1,
      note: `note ${i + 1}`,
      amount: (i + 1) * 1.25,
    })),
  });
  log("batchWrite 10 items (unprocessed items are retried until written, or reported)");

  const profile = await events.get({ user: "ada", at: 0 }, { consistentRead: true });
  log(`get ada/0 -> ${show(profile)}`);

  const updated = await events.update(
    { user: "ada", at: 0 },
    update().add("visits", 1).add("tags", new Set(["poetry"])),
    { returnValues: "UPDATED_NEW" },
  );
  log(`update ada/0 ADD visits 1, tags {poetry} -> ${show(updated)}`);

  const paginator = events.query(Key("user").eq("ada").and(Key("at").between(1, 10)), {
    limit: 4,
  });
  let page = 0;
  for await (const { items, lastEvaluatedKey } of paginator.pages()) {
    page++;
    const ats = items.map((item) => item.at).join(", ");
    log(`query page ${page}: at = ${ats}${lastEvaluatedKey ? " (more)" : ""}`);
  }
  log(`query: ${paginator.count} items in ${page} pages of at most 4`);

  try {
    await events.put({ user: "ada", at: 0, note: "someone else" }, {
      condition: Attr("user").notExists(),
    });
    log("conditional put unexpectedly succeeded");
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedError)) throw error;
    log(`conditional put refused: ${error.code} (attempts: ${error.attempts}, not retried)`);
  }
  const still = await events.get({ user: "ada", at: 0 }, { projection: ["note"] });
  log(`get ada/0 note is still ${show(still?.note)}`);
} finally {
  await events.deleteTable().catch((error) => {
    if (!(error instanceof ResourceNotFoundError)) throw error;
  });
  log(`deleteTable ${name}`);
  await local?.close();
  log(local ? "stopped dynalite; done" : "done");
}

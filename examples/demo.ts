/**
 * The dynafetch demo: creates a table, writes items, reads them, queries with paging, makes a conditional
 * write that fails cleanly, and deletes the table, printing each step.
 *
 * Runs against an embedded local DynamoDB (dynalite) unless `DYNAMODB_ENDPOINT` (or
 * `AWS_ENDPOINT_URL_DYNAMODB`) is set, or `AWS_REGION` with `AWS_ACCESS_KEY_ID` is set (real AWS: the demo
 * creates and deletes a pay-per-request table named `dynafetch-demo-<random>`).
 *
 *     deno task demo
 *
 * @module
 */
import {
  ConditionalCheckFailedError,
  decodeItem,
  DynamoDB,
  encodeItem,
  ResourceNotFoundError,
} from "../mod.ts";
import type { AttributeMap } from "../mod.ts";
import { startLocalDynamo } from "../testing.ts";

const env = (name: string) => Deno.env.get(name) || undefined;
const endpoint = env("DYNAMODB_ENDPOINT") ?? env("AWS_ENDPOINT_URL_DYNAMODB");
const region = env("AWS_REGION") ?? env("AWS_DEFAULT_REGION");
const useAws = endpoint !== undefined ||
  (region !== undefined && env("AWS_ACCESS_KEY_ID") !== undefined);

const started = performance.now();
const log = (message: string) =>
  console.log(`${((performance.now() - started) / 1000).toFixed(2).padStart(6)}s  ${message}`);

const local = useAws ? undefined : await startLocalDynamo();
const db = local ? local.client() : new DynamoDB({
  region,
  endpoint,
  allowHttp: endpoint !== undefined,
  // A local server (DynamoDB Local, dynalite) takes any key; real AWS gets the environment's.
  credentials: endpoint !== undefined && env("AWS_ACCESS_KEY_ID") === undefined
    ? { accessKeyId: "local", secretAccessKey: "local" }
    : undefined,
});
log(local ? `embedded dynalite at ${local.endpoint}` : `DynamoDB at ${endpoint ?? region}`);

const TableName = `dynafetch-demo-${crypto.randomUUID().slice(0, 8)}`;
try {
  await db.createTable({
    TableName,
    KeySchema: [
      { AttributeName: "user", KeyType: "HASH" },
      { AttributeName: "at", KeyType: "RANGE" },
    ],
    AttributeDefinitions: [
      { AttributeName: "user", AttributeType: "S" },
      { AttributeName: "at", AttributeType: "N" },
    ],
    BillingMode: "PAY_PER_REQUEST",
  });
  log(`createTable ${TableName} (partition key user, sort key at)`);
  for (let status = ""; status !== "ACTIVE";) {
    status = (await db.describeTable({ TableName })).Table?.TableStatus ?? "";
    if (status !== "ACTIVE") await new Promise((resolve) => setTimeout(resolve, 20));
  }
  log("describeTable: ACTIVE");

  await db.putItem({
    TableName,
    Item: encodeItem({
      user: "ada",
      at: 0,
      name: "Ada Lovelace",
      born: 1815,
      tags: new Set(["math"]),
    }),
  });
  log("putItem ada/0");
  const events = Array.from({ length: 10 }, (_, i) => ({
    PutRequest: {
      Item: encodeItem({ user: "ada", at: i + 1, note: `note ${i + 1}`, amount: (i + 1) * 1.25 }),
    },
  }));
  const written = await db.batchWriteItem({ RequestItems: { [TableName]: events } });
  log(
    `batchWriteItem 10 items (unprocessed: ${Object.keys(written.UnprocessedItems ?? {}).length})`,
  );

  const { Item } = await db.getItem({ TableName, Key: encodeItem({ user: "ada", at: 0 }) });
  log(
    `getItem ada/0 -> ${JSON.stringify(Item && decodeItem(Item, { numbers: "number" }), replacer)}`,
  );

  let page = 0;
  let total = 0;
  let ExclusiveStartKey: AttributeMap | undefined;
  do {
    const result = await db.query({
      TableName,
      KeyConditionExpression: "#u = :u AND #at BETWEEN :from AND :to",
      ExpressionAttributeNames: { "#u": "user", "#at": "at" },
      ExpressionAttributeValues: encodeItem({ ":u": "ada", ":from": 1, ":to": 10 }),
      Limit: 4,
      ExclusiveStartKey,
    });
    page++;
    const ats = (result.Items ?? []).map((item) => decodeItem(item, { numbers: "number" }).at);
    total += ats.length;
    log(`query page ${page}: at = ${ats.join(", ")}${result.LastEvaluatedKey ? " (more)" : ""}`);
    ExclusiveStartKey = result.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  log(`query: ${total} items in ${page} pages of at most 4`);

  try {
    await db.putItem({
      TableName,
      Item: encodeItem({ user: "ada", at: 0, name: "Someone else" }),
      ConditionExpression: "attribute_not_exists(#u)",
      ExpressionAttributeNames: { "#u": "user" },
    });
    log("conditional putItem unexpectedly succeeded");
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedError)) throw error;
    log(`conditional putItem refused: ${error.code} (attempts: ${error.attempts}, no retry)`);
  }
  const still = await db.getItem({ TableName, Key: encodeItem({ user: "ada", at: 0 }) });
  log(`getItem ada/0 name is still ${JSON.stringify(still.Item?.name)}`);
} finally {
  await db.deleteTable({ TableName }).catch((error) => {
    if (!(error instanceof ResourceNotFoundError)) throw error;
  });
  log(`deleteTable ${TableName}`);
  await local?.close();
  log(local ? "stopped dynalite; done" : "done");
}

function replacer(_key: string, value: unknown): unknown {
  return value instanceof Set ? [...value] : value;
}

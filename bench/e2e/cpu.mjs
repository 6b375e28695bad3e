/**
 * The codec and client-CPU rows of `deno task bench:compare` under Node, from the npm build: the same
 * work as bench/codec_bench.ts and bench/client_bench.ts (which Deno runs from the sources), on the same
 * data (bench/compare.ts writes it), in the same interleaved loop (bench/e2e/harness.mjs). Prints one
 * JSON line of microseconds per operation, per contender, per round.
 *
 *     node bench/e2e/cpu.mjs '{"data": "<file>", "codecRounds": 40, "clientRounds": 60}'
 *
 * @module
 */
import { readFileSync } from "node:fs";
import process from "node:process";
import { crc32 } from "node:zlib";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { decodeItem, DynamoDB, encodeItem } from "@dynafetch/dynafetch";
import { CREDENTIALS, REGION } from "./clients.mjs";
import { parseData, race } from "./harness.mjs";

const plan = JSON.parse(process.argv.at(-1));
const { codecItems, clientItems, key } = parseData(readFileSync(plan.data, "utf8"));
const warmup = 3;

const wire = codecItems.map((item) => encodeItem(item));
const sdkRecords = codecItems.map((item) => marshall(item));
let sink;
// Each turn handles one slice of 1,000 items, the next slice each round (as bench/compare.ts does).
const slice = 1000;
const loop = (fn) => (round) => {
  const start = (round * slice) % codecItems.length;
  for (let i = start; i < start + slice; i++) sink = fn(i);
};
const codecPlan = { rounds: plan.codecRounds, ops: slice, warmup };
const encode = await race({
  encodeItem: loop((i) => encodeItem(codecItems[i])),
  marshall: loop((i) => marshall(codecItems[i])),
}, codecPlan);
const decode = await race({
  decodeItem: loop((i) => decodeItem(wire[i])),
  unmarshall: loop((i) => unmarshall(sdkRecords[i])),
}, codecPlan);
if (sink === undefined) throw new Error("nothing was computed");

// The client: in-memory answers with x-amz-crc32, as in bench/client_bench.ts.
const TableName = "bench";
const encoder = new TextEncoder();
const answers = {
  PutItem: encoder.encode("{}"),
  GetItem: encoder.encode(JSON.stringify({ Item: encodeItem(clientItems[1]) })),
  Query: encoder.encode(JSON.stringify({
    Items: clientItems.map((item) => encodeItem(item)),
    Count: clientItems.length,
    ScannedCount: clientItems.length,
  })),
};
const answer = (target) => answers[target.split(".")[1]];
const headersFor = (bytes) => ({
  "content-type": "application/x-amz-json-1.0",
  "x-amzn-requestid": "BENCH",
  "x-amz-crc32": String(crc32(bytes)),
});
const ours = new DynamoDB({
  region: REGION,
  credentials: CREDENTIALS,
  fetch: (_url, init) => {
    const bytes = answer(init.headers["x-amz-target"]);
    return Promise.resolve(new Response(bytes, { status: 200, headers: headersFor(bytes) }));
  },
});
const sdk = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
    requestHandler: {
      handle: (request) => {
        const bytes = answer(request.headers["x-amz-target"]);
        return Promise.resolve({
          response: { statusCode: 200, headers: headersFor(bytes), body: bytes },
        });
      },
    },
  }),
);
const queryInput = { TableName, KeyConditionExpression: "pk = :p" };
const calls = {
  PutItem: {
    dynafetch: () => ours.putItem({ TableName, Item: encodeItem(clientItems[1]) }),
    sdk: () => sdk.send(new PutCommand({ TableName, Item: clientItems[1] })),
  },
  GetItem: {
    dynafetch: async () =>
      decodeItem((await ours.getItem({ TableName, Key: encodeItem(key) })).Item),
    sdk: async () => (await sdk.send(new GetCommand({ TableName, Key: key }))).Item,
  },
  "Query(100)": {
    dynafetch: async () => {
      const { Items } = await ours.query({
        ...queryInput,
        ExpressionAttributeValues: encodeItem({ ":p": key.pk }),
      });
      return Items.map((item) => decodeItem(item));
    },
    sdk: async () =>
      (await sdk.send(
        new QueryCommand({ ...queryInput, ExpressionAttributeValues: { ":p": key.pk } }),
      )).Items,
  },
};
// Both sides return the same data before anything is timed.
for (const op of ["GetItem", "Query(100)"]) {
  const { dynafetch, sdk } = calls[op];
  const [a, b] = [JSON.stringify(await dynafetch()), JSON.stringify(await sdk())];
  if (a !== b) throw new Error(`${op}: results differ`);
}
const client = {};
for (const [op, { dynafetch, sdk }] of Object.entries(calls)) {
  const ops = op === "Query(100)" ? 2 : 10;
  const times = (fn) => async () => {
    for (let i = 0; i < ops; i++) await fn();
  };
  client[op] = await race({
    dynafetch: times(dynafetch),
    "AWS SDK v3 DocumentClient": times(sdk),
  }, { rounds: plan.clientRounds, ops, warmup });
}
console.log(JSON.stringify({ encode, decode, client }));

// Client CPU per operation with no network: dynafetch's DynamoDB client next to the AWS SDK v3
// (DynamoDBClient + lib-dynamodb's DynamoDBDocumentClient), each with an in-memory transport answering
// the same canned DynamoDB responses, in one run.
//
//   npx -y deno@2.9.6 bench -A bench/client_bench.ts
//   npx -y deno@2.9.6 run -A bench/client_bench.ts --cpu [rounds]   process CPU time, interleaved
//   npx -y deno@2.9.6 run -A bench/client_bench.ts --cpu --node     the same under Node (esbuild bundle)
//
// The --cpu mode runs each contender in turn, in a rotating order, and prints per operation the median
// time of each side and the median (min-max) of the per-round ratios; for Query(100) it also times the
// parts of our path on the same page (JSON.parse, the 100 decodeItem calls, the CRC-32 check).
//
// What is compared, per operation, from a plain JavaScript object to a plain JavaScript object:
//   dynafetch: encodeItem (codec, default options) -> DynamoDB.putItem/getItem/query (build the request,
//     SigV4 sign with hashing "auto", an in-memory transport (the client's `transport` option, the layer
//     that matches the SDK's request handler) returning the bytes with x-amz-crc32, CRC-32 check, JSON
//     parse, error mapping) -> decodeItem for each returned item. Through a `fetch` that builds a
//     Response instead, Node adds the cost of undici's Response (tens of us per call).
//   AWS SDK: DocumentClient PutCommand/GetCommand/QueryCommand (marshall, middleware stack, SigV4 sign,
//     in-memory request handler returning the same bytes, JSON parse, unmarshall).
// Both sign every request with static credentials. The SDK is the baseline of each group.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";
import { DynamoDB } from "../lib/client/mod.ts";
import { crc32 } from "../lib/transport/crc32.ts";
import type { HttpRequest } from "../lib/transport/http.ts";
import { decodeItem, encodeItem } from "../lib/codec/mod.ts";
import type { AttributeMap } from "../lib/codec/mod.ts";
import process from "node:process";
import { cpuRounds, median, ratioText, runUnderNode } from "./_cpu.ts";

const region = "us-east-1";
const credentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const TableName = "bench";

/** A typical item: keys, strings, numbers, a boolean, a list and a map (bench/compare.ts uses it too). */
export const item = (i: number): Record<string, unknown> => ({
  pk: "user#1234",
  sk: `order#${String(i).padStart(6, "0")}`,
  status: "SHIPPED",
  total: 129.95 + i,
  quantity: 3,
  express: i % 2 === 0,
  tags: ["gift", "priority"],
  address: { street: "1 Main St", city: "Springfield", zip: "12345" },
  createdAt: "2026-11-25T12:00:00.000Z",
});
/** The key every GetItem asks for. */
export const key = { pk: "user#1234", sk: "order#000001" };

const encoder = new TextEncoder();
const wire = {
  put: encoder.encode("{}"),
  get: encoder.encode(JSON.stringify({ Item: encodeItem(item(1)) })),
  query: encoder.encode(
    JSON.stringify({
      Items: Array.from({ length: 100 }, (_, i) => encodeItem(item(i))),
      Count: 100,
      ScannedCount: 100,
    }),
  ),
};
const crcs = new Map(Object.values(wire).map((bytes) => [bytes, String(crc32(bytes))]));
const answer = (target: string): Uint8Array<ArrayBuffer> =>
  target.endsWith("PutItem") ? wire.put : target.endsWith("GetItem") ? wire.get : wire.query;
const headersFor = (bytes: Uint8Array<ArrayBuffer>) => ({
  "content-type": "application/x-amz-json-1.0",
  "x-amzn-requestid": "BENCH",
  "x-amz-crc32": crcs.get(bytes) ?? "",
});

// Like the SDK's request handler, which keeps its request timeout itself, the in-memory transport
// says it keeps the attempt's deadline (`timeouts: true`, as the node:http transport does): answering
// at once, it never runs past one. Without it the client would set a timer and an abort signal per
// call for the transport to watch (in Node, creating an AbortSignal costs 6-9 us).
const ours = new DynamoDB({
  region,
  credentials,
  transport: Object.assign(({ headers }: HttpRequest) => {
    const bytes = answer(headers["x-amz-target"]);
    const sent: Record<string, string> = headersFor(bytes);
    return Promise.resolve({
      status: 200,
      headers: { get: (name: string) => sent[name] ?? null },
      body: bytes,
    });
  }, { timeouts: true }),
});

const sdk = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region,
    credentials,
    maxAttempts: 1,
    requestHandler: {
      handle: (request: { headers: Record<string, string> }) => {
        const bytes = answer(request.headers["x-amz-target"]);
        return Promise.resolve({
          response: { statusCode: 200, headers: headersFor(bytes), body: bytes },
        });
      },
    },
  }),
);

// Sanity: both return the same data before anything is timed.
const check = await sdk.send(
  new QueryCommand({
    TableName,
    KeyConditionExpression: "pk = :p",
    ExpressionAttributeValues: { ":p": "user#1234" },
  }),
);
const mine = (await ours.query({
  TableName,
  KeyConditionExpression: "pk = :p",
  ExpressionAttributeValues: encodeItem({ ":p": "user#1234" }),
})).Items?.map((i) => decodeItem(i));
if (JSON.stringify(check.Items) !== JSON.stringify(mine)) throw new Error("results differ");

const putItem = item(1);
const queryInput = { TableName, KeyConditionExpression: "pk = :p" };

/**
 * The calls the client rows compare, per operation: the AWS SDK's and ours, each from plain values to
 * plain values on the in-memory transports above (bench/compare.ts measures them too).
 */
export const clientRuns: Record<
  string,
  { sdk: () => Promise<void>; dynafetch: () => Promise<void> }
> = {
  PutItem: {
    sdk: async () => {
      await sdk.send(new PutCommand({ TableName, Item: putItem }));
    },
    dynafetch: async () => {
      await ours.putItem({ TableName, Item: encodeItem(putItem) });
    },
  },
  GetItem: {
    sdk: async () => {
      const { Item } = await sdk.send(new GetCommand({ TableName, Key: key }));
      if (!Item) throw new Error("no item");
    },
    dynafetch: async () => {
      const { Item } = await ours.getItem({ TableName, Key: encodeItem(key) });
      if (!Item || !decodeItem(Item)) throw new Error("no item");
    },
  },
  "Query(100)": {
    sdk: async () => {
      const { Items } = await sdk.send(
        new QueryCommand({ ...queryInput, ExpressionAttributeValues: { ":p": "user#1234" } }),
      );
      if (Items?.length !== 100) throw new Error("wrong count");
    },
    dynafetch: async () => {
      const { Items } = await ours.query({
        ...queryInput,
        ExpressionAttributeValues: encodeItem({ ":p": "user#1234" }),
      });
      if (Items?.map((i) => decodeItem(i)).length !== 100) throw new Error("wrong count");
    },
  },
};

const names = {
  PutItem: ["AWS SDK v3 DocumentClient put", "dynafetch putItem + encodeItem"],
  GetItem: ["AWS SDK v3 DocumentClient get", "dynafetch getItem + decodeItem"],
  "Query(100)": ["AWS SDK v3 DocumentClient query", "dynafetch query + decodeItem"],
};
const bench = globalThis.Deno?.bench ?? (() => {});
for (const [group, [sdkName, ourName]] of Object.entries(names)) {
  bench(sdkName, { group, baseline: true }, clientRuns[group].sdk);
  bench(ourName, { group }, clientRuns[group].dynafetch);
}

const pageText = new TextDecoder().decode(wire.query);
const page: { Items: AttributeMap[] } = JSON.parse(pageText);
let sink: unknown;
/** Parts of our Query(100) path, each on the same page, synchronous. */
const queryParts: Record<string, () => void> = {
  "JSON.parse of the page": () => {
    sink = JSON.parse(pageText);
  },
  "decodeItem x 100": () => {
    sink = page.Items.map((i) => decodeItem(i));
  },
  "crc32 of the page": () => {
    sink = crc32(wire.query);
  },
};

const args = process.argv.slice(2);
if ((import.meta.main ?? true) && args.includes("--node") && globalThis.Deno) {
  await runUnderNode(new URL(import.meta.url).pathname, args.filter((a) => a !== "--node"));
} else if ((import.meta.main ?? true) && args.includes("--cpu")) {
  const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 30);
  const runtime = globalThis.Deno ? `Deno ${Deno.version.deno}` : `Node ${process.version}`;
  console.log(`${runtime}, ${rounds} rounds, us of CPU per operation (median):`);
  for (const [op, runs] of Object.entries(clientRuns)) {
    const ops = op === "Query(100)" ? 10 : 50;
    const times = await cpuRounds(
      op === "Query(100)" ? { ...runs, ...queryParts } : runs,
      ops,
      rounds,
    );
    const parts = Object.entries(times).map(([name, t]) => `${name} ${median(t).toFixed(1)}`);
    console.log(`${op}: ${parts.join(", ")}`);
    console.log(`  dynafetch vs SDK: ${ratioText(times, "dynafetch", "sdk")}`);
  }
  if (sink === undefined) console.log("no results");
}

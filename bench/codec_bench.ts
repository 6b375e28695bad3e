/**
 * Codec throughput next to the AWS SDK's `marshall`/`unmarshall` (@aws-sdk/util-dynamodb), on the same
 * deterministic data set in the same run: 10,000 items of 15 attributes (strings, integers, decimals,
 * booleans, null, a two-level nested map, a list of five numbers, a string set, a number set, a 32-byte
 * binary). One iteration handles all 10,000 items; items/s = 10,000 / time per iteration.
 *
 * What each side gets:
 * - `marshall` leaves binaries as Uint8Array (the SDK base64-encodes them later, while serialising);
 *   `encodeItem` produces the wire form with base64 itself.
 * - `unmarshall` gets `marshall`'s output: its binaries are Uint8Arrays already (in a real response the
 *   SDK's deserializer decodes the base64 before `unmarshall` runs). `decodeItem` gets `encodeItem`'s
 *   output (the row, as session 1 measured it) and, in a second row, the same records as
 *   `JSON.parse` gives them (what a response holds); it validates and decodes everything (shape,
 *   numbers, base64). In Deno the parsed form decodes ~10-25% slower than encodeItem's objects.
 * - "same wire JSON": both start from one GetItem response body per item: `JSON.parse` + `decodeItem`
 *   against `JSON.parse` + the SDK client's own deserializer (the DynamoDB client's protocol deserializer
 *   with the GetItemOutput schema, which decodes base64) + `unmarshall`.
 * Both sides run with their default options.
 *
 * Run: `npx -y deno@2.9.6 bench -A bench/codec_bench.ts` (wall time, as `deno bench` measures it).
 *
 * On a shared, loaded machine wall time swings by 2-3x between runs. `npx -y deno@2.9.6 run -A
 * bench/codec_bench.ts --cpu [rounds]` measures by process CPU time instead: every contender once per
 * round, in a rotating order, and prints each one's median time and the median (min-max) of the
 * per-round ratios. `--node` runs the same under Node (bundled with esbuild into .cache/).
 *
 * @module
 */
import { deepStrictEqual } from "node:assert/strict";
import { spawnSync } from "node:child_process";
import process from "node:process";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { DynamoDBClient, GetItemOutput$ } from "@aws-sdk/client-dynamodb";
import { decodeItem, encodeItem } from "../lib/codec/mod.ts";
import { cpuRounds, median, ratioText, runUnderNode } from "./_cpu.ts";
import type { AttributeMap } from "../lib/codec/mod.ts";

/** A small deterministic PRNG (mulberry32), so every run measures the same data. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  "alpha",
  "bravo",
  "charlie",
  "delta",
  "echo",
  "foxtrot",
  "golf",
  "hotel",
  "india",
  "juliet",
];

/** The data set: `count` items of 15 attributes each. */
export function makeItems(count = 10_000, seed = 42): Record<string, unknown>[] {
  const rand = prng(seed);
  const int = (max: number) => Math.floor(rand() * max);
  const word = () => WORDS[int(WORDS.length)];
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    items.push({
      pk: `user#${String(i).padStart(6, "0")}`,
      sk: `order#${int(1e9)}`,
      name: `${word()} ${word()}`,
      email: `${word()}.${int(10000)}@example.com`,
      age: 18 + int(80),
      visits: int(2 ** 40),
      price: int(1_000_000) / 100,
      ratio: Math.round(rand() * 1e6) / 1e6,
      active: rand() < 0.5,
      deleted: null,
      address: {
        street: `${int(999)} ${word()} street`,
        city: word(),
        geo: {
          lat: Math.round((rand() * 180 - 90) * 1e5) / 1e5,
          lon: Math.round((rand() * 360 - 180) * 1e5) / 1e5,
        },
      },
      scores: [int(100), int(100), int(100), int(100), int(100)],
      tags: new Set([word(), `${word()}-${i % 7}`, `tag${i % 13}`]),
      lotto: new Set([1 + int(10), 11 + int(10), 21 + int(10), 31 + int(10)]),
      blob: Uint8Array.from({ length: 32 }, () => int(256)),
    });
  }
  return items;
}

// The inputs, each built on first use, so a --cpu pair's process holds only its own data (a bigger heap
// makes garbage collection dearer, for the side that allocates more).
function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => value ??= build();
}
const items = lazy(() => makeItems());
/** encodeItem's output, the decode input session 1 measured (binaries as concatenated strings). */
const encoded = lazy(() => items().map((item): AttributeMap => encodeItem(item)));
/** The wire form as a response's `JSON.parse` gives it: what decodeItem decodes in practice. */
const wire = lazy(() =>
  encoded().map((record): AttributeMap => JSON.parse(JSON.stringify(record)))
);
const sdk = lazy(() => items().map((item) => marshall(item)));
/** One GetItem response body per item, for the rows that start from the same text. */
const bodies = lazy(() => encoded().map((record) => JSON.stringify({ Item: record })));

interface Deserializer {
  readObject(schema: unknown, data: unknown): unknown;
}
function isDeserializer(value: unknown): value is Deserializer {
  return typeof value === "object" && value !== null && "readObject" in value;
}
/** The deserializer the SDK's DynamoDB client itself uses for responses (JSON protocol, with schemas). */
function sdkDeserializer(): Deserializer {
  const client = new DynamoDBClient({
    region: "us-east-1",
    credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
  });
  const protocol: unknown = Reflect.get(client.config, "protocol");
  const found: unknown = typeof protocol === "object" && protocol
    ? Reflect.get(protocol, "deserializer")
    : undefined;
  if (!isDeserializer(found)) throw new Error("the SDK client has no protocol deserializer here");
  return found;
}
const deserializer = lazy(sdkDeserializer);
function sdkItem(body: string): Record<string, unknown> {
  const output = deserializer().readObject(GetItemOutput$, JSON.parse(body));
  const item: unknown = typeof output === "object" && output
    ? Reflect.get(output, "Item")
    : undefined;
  if (typeof item !== "object" || !item) throw new Error("no Item");
  return unmarshall(item as Parameters<typeof unmarshall>[0]);
}

let sink: unknown;

/** Each contender handles all 10,000 items once. */
export const codecRuns: Record<string, () => void> = {
  marshall: () => {
    const all = items();
    for (let i = 0; i < all.length; i++) sink = marshall(all[i]);
  },
  encodeItem: () => {
    const all = items();
    for (let i = 0; i < all.length; i++) sink = encodeItem(all[i]);
  },
  unmarshall: () => {
    const all = sdk();
    for (let i = 0; i < all.length; i++) sink = unmarshall(all[i]);
  },
  decodeItem: () => {
    const all = wire();
    for (let i = 0; i < all.length; i++) sink = decodeItem(all[i]);
  },
  "decodeItem (encodeItem's output)": () => {
    const all = encoded();
    for (let i = 0; i < all.length; i++) sink = decodeItem(all[i]);
  },
  "JSON.parse + SDK deserializer + unmarshall": () => {
    const all = bodies();
    for (let i = 0; i < all.length; i++) sink = sdkItem(all[i]);
  },
  "JSON.parse + decodeItem": () => {
    const all = bodies();
    for (let i = 0; i < all.length; i++) sink = decodeItem(JSON.parse(all[i]).Item);
  },
};

/** Checks that both sides of the decode rows give the same values. */
function sanity(): void {
  for (const i of [0, 1, 9_999]) {
    deepStrictEqual(decodeItem(JSON.parse(bodies()[i]).Item), sdkItem(bodies()[i]));
    deepStrictEqual(decodeItem(wire()[i]), unmarshall(sdk()[i]));
  }
}

/** The comparisons the --cpu mode prints: [ours, peer, what the target is]. */
export const codecPairs: [string, string, string][] = [
  ["encodeItem", "marshall", "issue 3: >= 2x"],
  ["decodeItem (encodeItem's output)", "unmarshall", "issue 3: >= 1.5x, as session 1 measured it"],
  ["decodeItem", "unmarshall", "decodeItem on the parsed wire JSON"],
  ["JSON.parse + decodeItem", "JSON.parse + SDK deserializer + unmarshall", "same wire JSON"],
];

// Each iteration is 10,000 items (tens of ms), so a fixed count keeps the run short and steady.
// (`deno bench` runs every pair in one process, holding all the inputs.)
const RUN = { n: 40, warmup: 10 };
const bench = globalThis.Deno?.bench ?? (() => {});
for (const [ours, peer, group] of codecPairs) {
  bench({ name: peer, group, baseline: true, ...RUN }, codecRuns[peer]);
  bench({ name: ours, group, ...RUN }, codecRuns[ours]);
}

const args = process.argv.slice(2);
const main = import.meta.main ?? true; // Under Node the bundle is the entry point (no import.meta.main).
const pair = args.indexOf("--pair");
if (main && args.includes("--node") && globalThis.Deno) {
  await runUnderNode(new URL(import.meta.url).pathname, args.filter((a) => a !== "--node"));
} else if (main && args.includes("--cpu") && pair >= 0) {
  // One pair, in this process of its own.
  const [ours, peer, target] = codecPairs[Number(args[pair + 1])];
  const rounds = Number(args[pair + 2] ?? 30);
  if (ours.startsWith("JSON") || ours === "decodeItem") sanity();
  const times = await cpuRounds({ [peer]: codecRuns[peer], [ours]: codecRuns[ours] }, 1, rounds);
  const ms = (name: string) => (median(times[name]) / 1000).toFixed(1);
  console.log(
    `${ours} ${ms(ours)} ms vs ${peer} ${ms(peer)} ms: ${
      ratioText(times, ours, peer)
    }  [${target}]`,
  );
  if (sink === undefined) console.log("no results");
} else if (main && args.includes("--cpu")) {
  const rounds = args.find((a) => /^\d+$/.test(a)) ?? "30";
  const runtime = globalThis.Deno ? `Deno ${Deno.version.deno}` : `Node ${process.version}`;
  console.log(
    `${runtime}: ms of CPU per 10,000 items (median of ${rounds} rounds), ratio median (min-max);` +
      " each pair in a process of its own",
  );
  const self = new URL(import.meta.url).pathname;
  for (let i = 0; i < codecPairs.length; i++) {
    const argv = ["--cpu", "--pair", String(i), rounds];
    const { status } = spawnSync(
      process.execPath,
      globalThis.Deno ? ["run", "-A", self, ...argv] : [self, ...argv],
      { stdio: "inherit" },
    );
    if (status) throw new Error(`pair ${i} failed`);
  }
}

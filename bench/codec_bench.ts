/**
 * Codec throughput next to the AWS SDK's `marshall`/`unmarshall` (@aws-sdk/util-dynamodb), on the same
 * deterministic data set in the same run: 10,000 items of 15 attributes (strings, integers, decimals,
 * booleans, null, a two-level nested map, a list of five numbers, a string set, a number set, a 32-byte
 * binary). One iteration handles all 10,000 items; items/s = 10,000 / time per iteration.
 *
 * `marshall` leaves binaries as Uint8Array (the SDK base64-encodes them later, while serialising);
 * `encodeItem` produces the wire form with base64 itself, and `decodeItem` validates and decodes it. Both
 * sides run with their default options; ours validate everything (number limits, wire shape, base64).
 *
 * Run: `npx -y deno@2.9.6 bench -A bench/codec_bench.ts` (wall time, as `deno bench` measures it).
 *
 * On a shared, loaded machine wall time swings by 2-3x between runs. `npx -y deno@2.9.6 run -A
 * bench/codec_bench.ts --cpu` measures the same four functions by process CPU time instead, interleaved, and
 * prints the best of 30 rounds of each with the two ratios.
 *
 * @module
 */
import process from "node:process";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { decodeItem, encodeItem } from "../lib/codec/mod.ts";
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

const items = makeItems();
const ours: AttributeMap[] = items.map((item) => encodeItem(item));
const sdk = items.map((item) => marshall(item));

let sink: unknown;
// Each iteration is 10,000 items (tens of ms), so a fixed count keeps the run short and steady.
const RUN = { n: 40, warmup: 10 };

Deno.bench({ name: "marshall (AWS SDK)", group: "encode", baseline: true, ...RUN }, () => {
  for (let i = 0; i < items.length; i++) sink = marshall(items[i]);
});
Deno.bench({ name: "encodeItem", group: "encode", ...RUN }, () => {
  for (let i = 0; i < items.length; i++) sink = encodeItem(items[i]);
});
Deno.bench({ name: "unmarshall (AWS SDK)", group: "decode", baseline: true, ...RUN }, () => {
  for (let i = 0; i < sdk.length; i++) sink = unmarshall(sdk[i]);
});
Deno.bench({ name: "decodeItem", group: "decode", ...RUN }, () => {
  for (let i = 0; i < ours.length; i++) sink = decodeItem(ours[i]);
});

/** Best process CPU time (ms) of each function over `rounds` interleaved rounds, after 5 warm-up rounds. */
function cpuRace(fns: Record<string, () => void>, rounds = 30): Record<string, number> {
  const best: Record<string, number> = {};
  for (let r = 0; r < rounds + 5; r++) {
    for (const [name, fn] of Object.entries(fns)) {
      const start = process.cpuUsage();
      fn();
      const used = process.cpuUsage(start);
      const ms = (used.user + used.system) / 1000;
      if (r >= 5) best[name] = Math.min(best[name] ?? Infinity, ms);
    }
  }
  return best;
}

if (import.meta.main && Deno.args.includes("--cpu")) {
  const best = cpuRace({
    marshall: () => items.forEach((item) => sink = marshall(item)),
    encodeItem: () => items.forEach((item) => sink = encodeItem(item)),
    unmarshall: () => sdk.forEach((record) => sink = unmarshall(record)),
    decodeItem: () => ours.forEach((record) => sink = decodeItem(record)),
  });
  for (const [name, ms] of Object.entries(best)) {
    console.log(`${name.padEnd(10)} ${ms.toFixed(1).padStart(7)} ms CPU per 10,000 items`);
  }
  console.log(`encodeItem ${(best.marshall / best.encodeItem).toFixed(2)}x marshall`);
  console.log(`decodeItem ${(best.unmarshall / best.decodeItem).toFixed(2)}x unmarshall`);
  if (sink === undefined) console.log("no results");
}

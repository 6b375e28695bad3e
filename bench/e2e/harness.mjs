/**
 * The one measurement loop and the statistics that every row of `deno task bench:compare` uses, in plain
 * JavaScript so that Deno, Node and Bun run the same code; and the data set's transfer between them
 * (JSON with sets and byte arrays tagged), so that every runtime measures the items that
 * bench/codec_bench.ts generates.
 *
 * @module
 */
import process from "node:process";

/** Microseconds of CPU the process used so far (every thread), for races timed by CPU. */
function cpuMicros() {
  const { user, system } = process.cpuUsage();
  return user + system;
}
const wallMicros = () => performance.now() * 1000;

/**
 * A minor garbage collection (a scavenge), where the runtime offers one (Node with --expose-gc, Deno with
 * --v8-flags=--expose-gc; not Bun): run before every turn, outside the clock, so that no contender
 * pays for collecting the garbage another one left (a client that allocates little would otherwise pay
 * for the scavenges of one that allocates much).
 */
export const collect = globalThis.gc ? () => globalThis.gc({ type: "minor" }) : () => {};

/**
 * Runs each contender once per round, in an order that rotates from round to round, after `warmup`
 * untimed rounds, and returns each one's microseconds per operation in every timed round (each turn
 * starts after a minor garbage collection where the runtime offers one). Contenders of one round run back
 * to back, so a ratio taken within a round compares them under one load. Work that
 * stays in the process is best timed by its CPU time (`clock: "cpu"`), which other processes on a busy
 * machine do not inflate; work that waits on a server, by wall time (the default).
 *
 * @param {Record<string, (round: number) => unknown>} contenders Each does `ops` operations per call.
 * @param {{ rounds: number, ops: number, warmup?: number, clock?: "wall" | "cpu" }} plan Timed rounds,
 *   operations per call, untimed rounds first (default 1), the clock (default "wall").
 * @returns {Promise<Record<string, number[]>>} Microseconds per operation, per contender, per round.
 */
export async function race(contenders, { rounds, ops, warmup = 1, clock = "wall" }) {
  const now = clock === "cpu" ? cpuMicros : wallMicros;
  const names = Object.keys(contenders);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = -warmup; round < rounds; round++) {
    const turn = round < 0 ? rounds + round : round;
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + turn) % names.length];
      collect();
      const start = now();
      await contenders[name](turn);
      const us = (now() - start) / ops;
      if (round >= 0) samples[name].push(us);
    }
  }
  return samples;
}

/**
 * The median of some numbers.
 *
 * @param {number[]} xs At least one number.
 * @returns {number} The middle one, or the mean of the two middle ones.
 */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Compares two contenders of one race: each one's median time, and the ratio of the peer's time to
 * ours taken round by round (above 1: ours is faster), its median, min and max.
 *
 * @param {Record<string, number[]>} samples What `race` returned.
 * @param {string} ours Our contender's name.
 * @param {string} peer The other's name.
 * @returns {{ ours: number, peer: number, ratio: number, min: number, max: number, rounds: number }}
 */
export function compare(samples, ours, peer) {
  const a = samples[ours], b = samples[peer];
  if (!a || !b) throw new Error(`no samples for ${a ? peer : ours}`);
  const ratios = a.map((x, i) => b[i] / x);
  return {
    ours: median(a),
    peer: median(b),
    ratio: median(ratios),
    min: Math.min(...ratios),
    max: Math.max(...ratios),
    rounds: ratios.length,
  };
}

/**
 * JSON text of a data set, with sets and byte arrays tagged so that `parseData` restores them.
 *
 * @param {unknown} data Plain values, sets and Uint8Arrays.
 * @returns {string} JSON text.
 */
export function stringifyData(data) {
  return JSON.stringify(data, (_key, value) => {
    if (value instanceof Set) return { $set: [...value] };
    if (value instanceof Uint8Array) return { $bytes: [...value] };
    return value;
  });
}

/**
 * The data set that `stringifyData` wrote.
 *
 * @param {string} text JSON text.
 * @returns {any} The data, with its sets and Uint8Arrays.
 */
export function parseData(text) {
  return JSON.parse(text, (_key, value) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      if (Array.isArray(value.$set)) return new Set(value.$set);
      if (Array.isArray(value.$bytes)) return Uint8Array.from(value.$bytes);
    }
    return value;
  });
}

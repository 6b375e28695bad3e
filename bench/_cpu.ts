// The CPU-time measurement that bench/codec_bench.ts and bench/client_bench.ts share in their --cpu mode,
// and their --node mode (the same file bundled with esbuild and run by node).
import process from "node:process";
import { collect } from "./e2e/harness.mjs";

/**
 * Process CPU time (us per operation) of each contender in every round: each runs `ops` operations per
 * turn, in an order that rotates from round to round, after `warmup` untimed rounds; every turn starts
 * after a minor garbage collection where the runtime offers one (run Deno with
 * `--v8-flags=--expose-gc`; the --node mode passes `--expose-gc`).
 */
export async function cpuRounds(
  fns: Record<string, () => unknown>,
  ops: number,
  rounds: number,
  warmup = 5,
): Promise<Record<string, number[]>> {
  const names = Object.keys(fns);
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = -warmup; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r + warmup) % names.length];
      collect();
      const start = process.cpuUsage();
      for (let n = 0; n < ops; n++) await fns[name]();
      const used = process.cpuUsage(start);
      if (r >= 0) times[name].push((used.user + used.system) / ops);
    }
  }
  return times;
}

/** The median of `values`. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "median (min-max)" of the per-round ratios peer / ours. */
export function ratioText(times: Record<string, number[]>, ours: string, peer: string): string {
  const ratios = times[peer].map((t, i) => t / times[ours][i]);
  return `${median(ratios).toFixed(2)}x (${Math.min(...ratios).toFixed(2)}-${
    Math.max(...ratios).toFixed(2)
  })`;
}

/** Bundles `entry` (a bench file) for Node with esbuild and runs it there with `args`. */
export async function runUnderNode(entry: string, args: string[]): Promise<void> {
  const esbuild = await import("esbuild");
  const root = new URL("../", import.meta.url).pathname;
  const outfile = `${root}.cache/${entry.split("/").at(-1)?.replace(/\.ts$/, "")}.mjs`;
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    logLevel: "error",
    // The SDK's CommonJS parts call require() for node built-ins.
    banner: {
      js:
        "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  await esbuild.stop();
  const { code } = await new Deno.Command("node", { args: ["--expose-gc", outfile, ...args] })
    .spawn().status;
  if (code) throw new Error(`node exited with ${code}`);
}

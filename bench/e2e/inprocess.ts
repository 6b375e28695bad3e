/**
 * One in-process race of `deno task bench:compare`, in one runtime: a pair of bench/codec_bench.ts's
 * `codecRuns` (10,000 items a turn; `codecPairs[i]`) or bench/client_bench.ts's `clientRuns` (in-memory
 * transports), in the shared loop (bench/e2e/harness.mjs) timed by process CPU time. Each codec pair runs
 * in a process of its own that builds only its inputs (codec_bench builds them lazily): with every
 * input alive, the SDK's garbage collection cost doubles. Writes the samples as JSON to `<out.json>`.
 *
 *     deno run -A bench/e2e/inprocess.ts codec:<i> | client  <rounds> <out.json>
 *
 * bench/compare.ts runs it under Deno as it is, and under Node bundled with esbuild (as the benches'
 * own `--node` mode does).
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import process from "node:process";
import { codecPairs, codecRuns } from "../codec_bench.ts";
import { clientRuns } from "../client_bench.ts";
import { race } from "./harness.mjs";

const [what, rounds, out] = process.argv.slice(-3);
const samples: Record<string, Record<string, number[]>> = {};
if (what.startsWith("codec:")) {
  const [ours, peer] = codecPairs[Number(what.slice(6))];
  samples[`${ours} vs ${peer}`] = await race(
    { [ours]: codecRuns[ours], [peer]: codecRuns[peer] },
    { rounds: Number(rounds), ops: 10_000, warmup: 3, clock: "cpu" },
  );
} else {
  for (const [op, runs] of Object.entries(clientRuns)) {
    const ops = op === "Query(100)" ? 5 : 25;
    const times = (fn: () => Promise<void>) => async () => {
      for (let i = 0; i < ops; i++) await fn();
    };
    samples[op] = await race(
      { dynafetch: times(runs.dynafetch), "AWS SDK v3 DocumentClient": times(runs.sdk) },
      { rounds: Number(rounds), ops, warmup: 3, clock: "cpu" },
    );
  }
}
writeFileSync(out, JSON.stringify(samples));

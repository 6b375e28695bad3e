/**
 * The codec and client-CPU races of `deno task bench:compare`, in one runtime: bench/codec_bench.ts's
 * `codecRuns` (10,000 items a turn) and bench/client_bench.ts's `clientRuns` (in-memory transports), each
 * pair in the shared loop (bench/e2e/harness.mjs) timed by process CPU time. Writes the samples as JSON
 * to the file named by its last argument.
 *
 *     deno run -A bench/e2e/inprocess.ts <rounds> <out.json>
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

const [rounds, out] = process.argv.slice(-2);
const codec: Record<string, Record<string, number[]>> = {};
for (const [ours, peer] of codecPairs) {
  codec[`${ours} vs ${peer}`] = await race(
    { [ours]: codecRuns[ours], [peer]: codecRuns[peer] },
    { rounds: Number(rounds), ops: 10_000, warmup: 3, clock: "cpu" },
  );
}
const client: Record<string, Record<string, number[]>> = {};
for (const [op, runs] of Object.entries(clientRuns)) {
  const ops = op === "Query(100)" ? 5 : 25;
  const times = (fn: () => Promise<void>) => async () => {
    for (let i = 0; i < ops; i++) await fn();
  };
  client[op] = await race(
    { dynafetch: times(runs.dynafetch), "AWS SDK v3 DocumentClient": times(runs.sdk) },
    { rounds: 3 * Number(rounds), ops, warmup: 3, clock: "cpu" },
  );
}
writeFileSync(out, JSON.stringify({ codec, client }));

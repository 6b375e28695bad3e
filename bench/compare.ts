/**
 * `deno task bench:compare`: dynafetch side by side with its peers, in one command, on one machine, in
 * one run. Prints one markdown table and writes it, with the date, the machine and the versions, to
 * bench/results/compare.md.
 *
 * Every timed row comes from the same loop (bench/e2e/harness.mjs): the contenders of a row run in
 * rounds, one after the other in an order that rotates, and the ratio is taken within each round (so both
 * sides saw the same load); the table shows each side's median time and the median, min and max of the
 * per-round ratio, peer time / dynafetch time (above 1: dynafetch is faster). Work that stays in the
 * process is timed by process CPU time, work against the server by wall time.
 *
 * - codec and client CPU (in-memory transports): bench/codec_bench.ts's and bench/client_bench.ts's
 *   calls, run by bench/e2e/inprocess.ts under Deno and, bundled, under Node;
 * - signing: bench/sigv4_bench.ts's contenders, in this Deno process;
 * - end to end against dynalite in a separate Node process (bench/e2e/server.mjs), under Deno (dynafetch
 *   from the sources), Node and Bun (dynafetch from the npm build in dist/npm, built here when missing or
 *   older than the sources, installed by package name so its package conditions apply), each runtime in
 *   one process of its own running bench/e2e/e2e.mjs; the data set is bench/codec_bench.ts's items without
 *   their binary attribute (aws-lite cannot write binaries);
 * - cold start: fresh processes (bench/e2e/cold.mjs), import to first GetItem result;
 * - bundle size: bench/bundle_size.ts's measurement.
 *
 *     deno task bench:compare            the full run (about 3-4 minutes on 2 cores)
 *     deno task bench:compare --quick    fewer rounds, to try it out (not written to the results file)
 *
 * @module
 */
import os from "node:os";
import * as esbuild from "esbuild";
import { DynamoDB, encodeItem } from "../mod.ts";
import { measure as bundleSize } from "./bundle_size.ts";
import type { BundleSize } from "./bundle_size.ts";
import { codecPairs, makeItems } from "./codec_bench.ts";
import { runUnderNode } from "./_cpu.ts";
import { contenders as signers } from "./sigv4_bench.ts";
import { compare, race, stringifyData } from "./e2e/harness.mjs";
import { bunBinary } from "../tests/_bun.ts";

const root = new URL("../", import.meta.url).pathname;
const quick = Deno.args.includes("--quick");
const scale = (n: number) => quick ? Math.max(2, Math.ceil(n / 3)) : n;

/** One line of the table. */
interface Row {
  what: string;
  runtime: string;
  ours: string;
  peer: string;
  ratio: string;
  target: string;
  met?: boolean;
}
const rows: Row[] = [];

const DYNAFETCH = "dynafetch";
const ratioText = (r: { ratio: number; min: number; max: number; rounds: number }) =>
  `${r.ratio.toFixed(2)}x (${r.min.toFixed(2)}-${r.max.toFixed(2)}, ${r.rounds} rounds)`;

function time(us: number): string {
  if (us >= 1e6) return `${(us / 1e6).toFixed(2)} s`;
  if (us >= 1e4) return `${(us / 1e3).toFixed(1)} ms`;
  if (us >= 1e3) return `${(us / 1e3).toFixed(2)} ms`;
  return `${us.toFixed(us < 100 ? 1 : 0)} µs`;
}

/**
 * Adds the row comparing `ours` with `peer` in one race's samples; `unit` scales a time per operation
 * for display (e.g. per 10,000 items); `target` is the lowest acceptable ratio, if the issues set one.
 */
function timeRow(
  what: string,
  runtime: string,
  samples: Record<string, number[]>,
  ours: string,
  peer: string,
  target?: { min: number; text: string },
  unit = 1,
  oursLabel = "",
): void {
  if (!samples[ours] || !samples[peer]) return;
  const r = compare(samples, ours, peer);
  rows.push({
    what,
    runtime,
    ours: `${oursLabel}${time(r.ours * unit)}`,
    peer: `${peer}: ${time(r.peer * unit)}`,
    ratio: ratioText(r),
    target: target?.text ?? "",
    met: target && r.ratio >= target.min,
  });
}

async function exec(command: string, args: string[], cwd = root): Promise<string> {
  const out = await new Deno.Command(command, { args, cwd, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    const err = new TextDecoder().decode(out.stderr);
    throw new Error(`${command} ${args.join(" ").slice(0, 200)} failed:\n${err.slice(-2000)}`);
  }
  return text;
}

const exists = (path: string): Promise<boolean> => Deno.stat(path).then(() => true, () => false);

// ---------------------------------------------------------------------------------------------------
// In-process rows (Deno): codec, signing, client CPU.

/**
 * The codec and client rows of one runtime: bench/e2e/inprocess.ts, once per codec pair (each in a
 * process of its own) and once for the client, run by Deno, or bundled for Node by bench/_cpu.ts's
 * `runUnderNode` (the benches' own `--node` mode: the sources, bundled as the npm build is).
 */
async function inprocessRows(runtime: "Deno" | "Node", dir: string): Promise<void> {
  const entry = `${root}bench/e2e/inprocess.ts`;
  const run = async (what: string, rounds: number) => {
    const out = `${dir}/inprocess.json`;
    const args = [what, String(rounds), out];
    if (runtime === "Node") await runUnderNode(entry, args);
    else await exec(Deno.execPath(), ["run", "-A", "--v8-flags=--expose-gc", entry, ...args]);
    return JSON.parse(await Deno.readTextFile(out)) as Record<string, Record<string, number[]>>;
  };
  const codec: Record<string, Record<string, number[]>> = {};
  for (let i = 0; i < codecPairs.length; i++) {
    Object.assign(codec, await run(`codec:${i}`, scale(11)));
  }
  const client = await run("client", scale(33));
  const targets: Record<string, { min: number; text: string }> = {
    PutItem: { min: 5, text: ">= 5x" },
    GetItem: { min: 5, text: ">= 5x" },
    "Query(100)": { min: 3, text: ">= 3x" },
  };
  for (const [ours, peer, note] of codecPairs) {
    const pair = `${ours} vs ${peer}`;
    // codec_bench's note names the issue's target on the pair it applies to ("issue 3: >= 2x").
    const target = note.match(/>= ([\d.]+)x/);
    timeRow(
      `codec: ${pair} (codec_bench's 10,000 items of 15 attributes; ${note})`,
      runtime,
      codec[pair],
      ours,
      peer,
      target ? { min: Number(target[1]), text: target[0] } : undefined,
      1e4,
    );
    rows.at(-1)!.ours += " per 10,000 items";
  }
  for (const [op, samples] of Object.entries(client)) {
    timeRow(
      `client CPU per ${op}, in-memory transport, plain values in and out`,
      runtime,
      samples,
      DYNAFETCH,
      "AWS SDK v3 DocumentClient",
      targets[op],
    );
  }
}

async function signingRows(): Promise<void> {
  const batch = 50;
  const contenders = Object.fromEntries(
    Object.entries(signers).map(([name, fn]) => [name, async () => {
      for (let i = 0; i < batch; i++) await fn();
    }]),
  );
  const s = await race(contenders, { rounds: scale(40), ops: batch, warmup: 3, clock: "cpu" });
  const what = "signing a 1 KB PutItem (SigV4)";
  timeRow(
    `${what}, WebCrypto path`,
    "Deno",
    s,
    "dynafetch (webcrypto)",
    "aws4fetch AwsV4Signer",
    {
      min: 4,
      text: ">= 4x",
    },
    1,
    "webcrypto: ",
  );
  timeRow(
    `${what}, default path (pure-JS SHA-256)`,
    "Deno",
    s,
    "dynafetch (auto, the default)",
    "@smithy/signature-v4 + @aws-crypto/sha256-js",
    { min: 1, text: ">= 1x" },
    1,
    "default: ",
  );
  timeRow(
    `${what}, WebCrypto path vs the floor (2 digests + 1 HMAC)`,
    "Deno",
    s,
    "dynafetch (webcrypto)",
    "WebCrypto floor: 2 digests + 1 HMAC",
    { min: 1 / 1.3, text: ">= 0.77x (within 1.3x of the floor)" },
    1,
    "webcrypto: ",
  );
  timeRow(
    `${what}, the client's signer vs aws4fetch`,
    "Deno",
    s,
    "dynafetch signJsonPost (auto, the client's path)",
    "aws4fetch AwsV4Signer",
    undefined,
    1,
    "client's path: ",
  );
}

// ---------------------------------------------------------------------------------------------------
// End to end and cold start, against dynalite in a process of its own.

const TABLE = "compare";
const PARTITIONS = 20;
const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

/** The end-to-end data set: 2,000 of codec_bench's items, binaries left out, in 20 partitions of 100. */
function e2eItems(): { items: Record<string, unknown>[]; partitions: string[] } {
  const partitions = Array.from({ length: PARTITIONS }, (_, i) => `p${i}`);
  const items = makeItems(2000).map(({ blob: _, ...item }, i) => ({
    ...item,
    pk: partitions[i % PARTITIONS],
    sk: `item#${String(i).padStart(5, "0")}`,
  }));
  return { items, partitions };
}

interface Server {
  endpoint: string;
  close(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const child = new Deno.Command("node", {
    args: [`${root}bench/e2e/server.mjs`],
    cwd: root,
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream());
  const reader = lines.getReader();
  const first = await reader.read();
  reader.releaseLock();
  const endpoint = first.value?.trim() ?? "";
  if (!endpoint.startsWith("http://")) throw new Error(`dynalite did not start: ${endpoint}`);
  return {
    endpoint,
    close: async () => {
      await child.stdin.close();
      await lines.cancel();
      await child.status;
    },
  };
}

async function seed(endpoint: string, items: Record<string, unknown>[]): Promise<void> {
  const db = new DynamoDB({ region: "us-east-1", endpoint, credentials: CREDENTIALS });
  await db.createTable({
    TableName: TABLE,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "S" },
    ],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, {
      AttributeName: "sk",
      KeyType: "RANGE",
    }],
  });
  for (let i = 0; i < items.length; i += 25) {
    const puts = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: encodeItem(item) } }));
    await db.batchWriteItem({ RequestItems: { [TABLE]: puts } });
  }
}

/** Builds dist/npm when it is missing or older than a source file it is built from. */
async function ensureNpmBuild(): Promise<string> {
  const manifest = `${root}dist/npm/package.json`;
  const built = (await exists(manifest)) ? (await Deno.stat(manifest)).mtime!.getTime() : 0;
  let newest = 0;
  const visit = async (path: string) => {
    const info = await Deno.stat(path);
    if (info.isDirectory) {
      for await (const entry of Deno.readDir(path)) await visit(`${path}/${entry.name}`);
    } else newest = Math.max(newest, info.mtime!.getTime());
  };
  for (const path of ["lib", "mod.ts", "testing.ts", "credentials.ts", ".ci/build_npm.ts"]) {
    await visit(`${root}${path}`);
  }
  if (built >= newest) return "dist/npm is up to date";
  await exec(Deno.execPath(), ["task", "build:npm"]);
  return "dist/npm rebuilt (`deno task build:npm`)";
}

/**
 * A project for Node and Bun: the npm build installed under its package name (a copy of dist/npm, so
 * its `exports` and conditions apply as for a user), the peers linked from this repository's
 * node_modules, and the bench/e2e scripts.
 */
async function consumerProject(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "dynafetch-compare-" });
  await Deno.writeTextFile(`${dir}/package.json`, JSON.stringify({ type: "module" }));
  const link = async (name: string, target: string) => {
    const path = `${dir}/node_modules/${name}`;
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    await Deno.symlink(target, path);
  };
  // A copy, not a link: another `deno task build:npm` (tests do run it) empties dist/npm first.
  await Deno.mkdir(`${dir}/node_modules/@dynafetch`, { recursive: true });
  await exec("cp", ["-r", `${root}dist/npm`, `${dir}/node_modules/@dynafetch/dynafetch`]);
  for (
    const peer of [
      "@aws-sdk/client-dynamodb",
      "@aws-sdk/lib-dynamodb",
      "@aws-sdk/util-dynamodb",
      "@aws-lite/client",
      "@aws-lite/dynamodb",
    ]
  ) {
    await link(peer, await Deno.realPath(`${root}node_modules/${peer}`));
  }
  for (const file of ["clients.mjs", "harness.mjs", "e2e.mjs", "cold.mjs"]) {
    await Deno.copyFile(`${root}bench/e2e/${file}`, `${dir}/${file}`);
  }
  return dir;
}

/** How to run a script of bench/e2e in each runtime. */
interface Runtime {
  name: string;
  command: string;
  args: (script: string) => string[];
  cwd: string;
  clients: string[];
}

const E2E_TARGETS: Record<string, { min: number; text: string }> = {
  "bare fetch (floor)": { min: 1 / 1.1, text: ">= 0.91x (within 10% of the floor)" },
  "bare node:http keep-alive (floor)": {
    min: 1 / 1.15,
    text: ">= 0.87x (within 15% of the floor, Node's default)",
  },
};

async function e2eRows(runtime: Runtime, endpoint: string, data: string): Promise<string[]> {
  const plan = {
    endpoint,
    table: TABLE,
    data,
    clients: runtime.clients,
    ops: 5,
    rounds: scale(50),
    pages: scale(40),
    warmup: 3,
  };
  const out = await exec(
    runtime.command,
    [...runtime.args("e2e.mjs"), JSON.stringify(plan)],
    runtime.cwd,
  );
  const { results, skipped, transport } = JSON.parse(out.trim().split("\n").at(-1)!) as {
    results: Record<string, Record<string, number[]>>;
    skipped: Record<string, string>;
    transport: string;
  };
  for (const [op, samples] of Object.entries(results)) {
    // BatchWriteItem is timed per call of 25 and shown per 2,000 items (80 calls).
    const batch = op.startsWith("BatchWriteItem");
    const name = batch ? "BatchWriteItem of 2,000 items (80 sequential calls of 25)" : op;
    for (const peer of Object.keys(samples)) {
      if (peer === DYNAFETCH) continue;
      const what = `end to end: ${name}${
        peer.startsWith("dynafetch on") ? `, default transport vs ${peer.slice(10)}` : ""
      }`;
      // The node:http floor's target is Node's (its default transport); Bun's default is fetch.
      const target = peer.includes("node:http") && runtime.name !== "Node"
        ? undefined
        : E2E_TARGETS[peer];
      timeRow(what, runtime.name, samples, DYNAFETCH, peer, target, batch ? 80 : 1);
    }
  }
  return [
    `${runtime.name}: dynafetch's default transport is ${transport}`,
    ...Object.entries(skipped).map(([name, why]) => `${runtime.name}: ${name} not run (${why})`),
  ];
}

async function coldRows(runtimes: Runtime[], endpoint: string, key: object): Promise<void> {
  const clients = [DYNAFETCH, "AWS SDK v3 DocumentClient", "aws-lite"];
  for (const runtime of runtimes) {
    const runs = scale(7);
    const ms: Record<string, number[]> = Object.fromEntries(clients.map((c) => [c, []]));
    for (let round = 0; round < runs + 1; round++) {
      for (let i = 0; i < clients.length; i++) {
        const client = clients[(i + round) % clients.length];
        const plan = { client, endpoint, table: TABLE, key };
        const out = await exec(
          runtime.command,
          [...runtime.args("cold.mjs"), JSON.stringify(plan)],
          runtime.cwd,
        );
        // The first round warms the disk cache and Deno's module cache.
        if (round > 0) ms[client].push(JSON.parse(out.trim().split("\n").at(-1)!).ms * 1000);
      }
    }
    for (const peer of clients.slice(1)) {
      const target = runtime.name === "Node" && peer === "aws-lite"
        ? { min: 1.25, text: ">= 1.25x (at most 0.8x aws-lite's time)" }
        : undefined;
      timeRow(
        "cold start: fresh process, import to first GetItem result",
        runtime.name,
        ms,
        DYNAFETCH,
        peer,
        target,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Bundle size.

async function bundleRows(): Promise<void> {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const ours = await bundleSize("dynafetch", "./bundle/dynafetch.ts");
  const peers: BundleSize[] = [
    await bundleSize("AWS SDK v3 + DocumentClient", "./bundle/aws_sdk.js", "browser"),
    await bundleSize("aws4fetch (signing only, JSON by hand)", "./bundle/aws4fetch.js"),
  ];
  await esbuild.stop();
  for (const peer of peers) {
    const ratio = peer.gzipped / ours.gzipped;
    const sdk = peer.name.startsWith("AWS SDK");
    rows.push({
      what: "bundle: an app doing put, get and query, what it loads, minified and gzipped",
      runtime: "esbuild",
      ours: `${kb(ours.minified)} / ${kb(ours.gzipped)}`,
      peer: `${peer.name}: ${kb(peer.minified)} / ${kb(peer.gzipped)}`,
      ratio: `${ratio.toFixed(2)}x smaller (gzipped)`,
      target: sdk ? "<= 10 KB gzipped and >= 6x" : "",
      met: sdk ? ours.gzipped <= 10 * 1024 && ratio >= 6 : undefined,
    });
  }
}

// ---------------------------------------------------------------------------------------------------

const METHOD =
  `How to read it. Each row races dynafetch and one peer in the same process: rounds of short
turns, one contender after the other in an order that rotates, after a few untimed rounds; each turn
starts after a minor garbage collection (in Deno and Node), so that no contender pays for collecting
another one's garbage. The ratio is
the peer's time / dynafetch's time within a round (above 1: dynafetch is faster); the table gives its
median over the rounds, with the min and max, and each side's median time. Codec, signing and client
CPU are timed by process CPU time (other processes do not inflate it), the rest by wall time. Codec and
client CPU run bench/codec_bench.ts's and bench/client_bench.ts's calls (Deno: the sources; Node: the
same files bundled by esbuild, as the npm build is); signing runs bench/sigv4_bench.ts's contenders in
Deno. End to end: dynalite in a Node process of its own on 127.0.0.1, sequential calls, from one process
per runtime (Deno: dynafetch from the sources; Node and Bun: the npm build, installed by name so its
package conditions pick the transport); PutItem and GetItem of 15-attribute items (codec_bench's items
without the binary, which aws-lite cannot write), Query returning one page of 100 such items,
BatchWriteItem timed per call of 25 and shown per 2,000 items (80 calls). "dynafetch" is the client with
no transport option (the runtime's default); "dynafetch on fetch" and "dynafetch on node:http" choose
one (on Node the latter is the default's transport again: its spread shows the noise). The floors send
request bodies built before the clock starts, with a fixed Authorization header, and parse the JSON
answer: the least any client does. Cold start: from before the library's import to the first GetItem
result, in a fresh process, the median over runs after one warm-up run of each. Bundle:
bench/bundle_size.ts (what an app doing put, get and query loads, each chunk gzipped on its own).`;

function table(): string {
  const lines = [
    "| what | runtime | dynafetch | peer | ratio: peer / dynafetch, median (min-max) | target |",
    "| --- | --- | ---: | ---: | --- | --- |",
  ];
  for (const r of rows) {
    const verdict = r.met === undefined ? "" : r.met ? " met" : " **not met**";
    lines.push(
      `| ${r.what} | ${r.runtime} | ${r.ours} | ${r.peer} | ${r.ratio} | ${r.target}${verdict} |`,
    );
  }
  return lines.join("\n");
}

async function version(command: string, args: string[]): Promise<string> {
  try {
    return (await exec(command, args)).trim().split("\n")[0];
  } catch {
    return "missing";
  }
}

if (import.meta.main) {
  const started = performance.now();
  const load = [os.loadavg()[0]];
  const notes: string[] = [];
  const step = (what: string) =>
    console.error(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${what}`);

  step("npm build");
  notes.push(await ensureNpmBuild());
  const bun = await bunBinary().catch(() => undefined);
  const versions = {
    deno: Deno.version.deno,
    node: await version("node", ["--version"]),
    bun: bun ? await version(bun, ["--version"]) : "missing",
  };

  const consumer = await consumerProject();
  let server: Server | undefined;
  try {
    step("codec and client CPU, Deno");
    await inprocessRows("Deno", consumer);
    step("signing, Deno");
    await signingRows();
    step("codec and client CPU, Node");
    await inprocessRows("Node", consumer);
    step("dynalite");
    server = await startServer();
    const { items, partitions } = e2eItems();
    await seed(server.endpoint, items);
    const data = `${consumer}/data.json`;
    await Deno.writeTextFile(data, stringifyData({ items, partitions }));
    const deno: Runtime = {
      name: "Deno",
      command: Deno.execPath(),
      args: (script) => ["run", "-A", "--v8-flags=--expose-gc", `${root}bench/e2e/${script}`],
      cwd: root,
      clients: [DYNAFETCH, "AWS SDK v3 DocumentClient", "aws-lite", "bare fetch (floor)"],
    };
    const node: Runtime = {
      name: "Node",
      command: "node",
      args: (script) => ["--expose-gc", script],
      cwd: consumer,
      clients: [
        DYNAFETCH,
        "dynafetch on fetch",
        "dynafetch on node:http",
        "AWS SDK v3 DocumentClient",
        "aws-lite",
        "bare fetch (floor)",
        "bare node:http keep-alive (floor)",
      ],
    };
    const runtimes = [deno, node];
    if (bun) {
      runtimes.push({
        name: "Bun",
        command: bun,
        args: (script) => [script],
        cwd: consumer,
        clients: [
          DYNAFETCH,
          "AWS SDK v3 DocumentClient",
          "aws-lite",
          "bare fetch (floor)",
          "bare node:http keep-alive (floor)",
        ],
      });
    } else notes.push("Bun: not measured (no binary: run `deno install`)");
    for (const runtime of runtimes) {
      step(`end to end, ${runtime.name}`);
      notes.push(...await e2eRows(runtime, server.endpoint, data));
    }
    step("cold start");
    await coldRows(runtimes, server.endpoint, { pk: partitions[3], sk: items[3].sk });
  } finally {
    await server?.close();
    await Deno.remove(consumer, { recursive: true });
  }
  step("bundle size");
  await bundleRows();
  load.push(os.loadavg()[0]);

  const seconds = (performance.now() - started) / 1000;
  const text = table();
  console.log(text);
  for (const note of notes) console.log(`- ${note}`);
  step(`done in ${seconds.toFixed(0)} s`);
  if (!quick) {
    const date = new Date().toISOString().slice(0, 16).replace("T", " ");
    const memory = `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`;
    const cores = os.cpus().length;
    // The run itself keeps about one core busy, so only the load before it started tells other work.
    const busy = load[0] > cores / 2;
    const doc = [
      "# dynafetch next to its peers",
      "",
      `Measured ${date} UTC with \`deno task bench:compare\` (${
        seconds.toFixed(0)
      } s) on ${cores} ` +
      `cores (${os.cpus()[0]?.model.trim()}), ${memory} of memory, ${Deno.build.os} ` +
      `${Deno.build.arch}; Deno ${versions.deno}, Node ${versions.node.replace(/^v/, "")}, Bun ` +
      `${versions.bun}. Load average (1 min): ${load[0].toFixed(1)} at the start, ` +
      `${load[1].toFixed(1)} at the end${
        busy
          ? ": the machine was busy (other work, or an earlier run) as the run started, so times may be inflated and " +
            "spread (see the min-max of each ratio); the medians of the ratios, taken side by side " +
            "within each round, are what to compare"
          : ""
      }.`,
      "",
      METHOD,
      "",
      text,
      "",
      ...notes.map((n) => `- ${n}`),
      "",
    ].join("\n");
    await Deno.mkdir(`${root}bench/results`, { recursive: true });
    await Deno.writeTextFile(`${root}bench/results/compare.md`, doc);
    // In the repository's format, so that `deno fmt --check` (CI) passes on the committed file.
    await exec(Deno.execPath(), ["fmt", "-q", `${root}bench/results/compare.md`]);
    console.error("written to bench/results/compare.md");
  }
}

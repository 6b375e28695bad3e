/**
 * Runs the smoke scenario (scenario.js) in every runtime dynafetch supports, against one local dynalite:
 * Deno (from mod.ts), Node and Bun (from the npm package built in dist/npm, installed into a temporary
 * project), Cloudflare's workerd (a module Worker bundled from that package, run by miniflare) and headless
 * Chromium (a page bundled from the package). It also type-checks a TypeScript file using the package with
 * `tsc` under `node16` and `bundler` module resolution. The workerd and Chromium bundles must hold no
 * `node:` import (the package's conditions give them the fetch transport), and the node:http transport's
 * tests (tests/adapters/node_http_test.ts) run under Node too. One line per check; exits 1 if any fails. A
 * missing runtime is a failure, except Chromium outside CI (`CI` unset), which is reported as skipped.
 *
 *     deno task build:npm && deno run -A tests/runtimes/run.ts
 *
 * @module
 */
import { bunBinary } from "../_bun.ts";
import * as esbuild from "esbuild";
import * as dynafetch from "../../mod.ts";
import { startLocalDynamo } from "../../testing.ts";
import { scenario } from "./scenario.js";

const here = new URL("./", import.meta.url).pathname;
const root = new URL("../../", import.meta.url).pathname;
const nodeModules = `${root}node_modules/`;
const CHROMIUM = "/usr/bin/chromium";
const TIMEOUT_MS = 120_000;

// A strict TypeScript app using the four entry points.
const TYPED_APP = `
import {
  ConditionalCheckFailedError,
  Database,
  DynamoDB,
  Key,
  fromEnv,
  type AttributeMap,
} from "@dynafetch/dynafetch";
import { defaultChain } from "@dynafetch/dynafetch/credentials";
import { startLocalDynamo, type LocalDynamo } from "@dynafetch/dynafetch/testing";
import { nodeHttpTransport, type NodeHttpOptions } from "@dynafetch/dynafetch/node";

interface User { id: string; at: number; name?: string }
const db = new Database({ region: "us-east-1", credentials: fromEnv({}) });
const users = db.table<User>("users", { partitionKey: ["id", "S"], sortKey: ["at", "N"] });
export async function main(local: LocalDynamo): Promise<string | undefined> {
  const user: User | undefined = await users.get({ id: "u1", at: 1 });
  for await (const u of users.query(Key("id").eq("u1"), { limit: 10 })) {
    const name: string | undefined = u.name;
    void name;
  }
  // @ts-expect-error: the types are real, not any (id is a string)
  await users.put({ id: 1, at: 1 });
  try {
    await users.put({ id: "u1", at: 1 });
  } catch (error) {
    if (error instanceof ConditionalCheckFailedError) return error.code;
  }
  const raw: AttributeMap | undefined = (await new DynamoDB({ credentials: defaultChain() })
    .getItem({ TableName: "users", Key: { id: { S: "u1" } } })).Item;
  void raw;
  void startLocalDynamo;
  const options: NodeHttpOptions = { maxSockets: 8, tls: { rejectUnauthorized: true } };
  const transport = nodeHttpTransport(options);
  void new DynamoDB({ transport });
  transport.close();
  return local.endpoint + (user?.name ?? "");
}
`;

/** What one runtime's run came to. */
interface Outcome {
  status: "ok" | "FAILED" | "skipped";
  detail: string;
}

const started = performance.now();
const consumer = await Deno.makeTempDir({ prefix: "dynafetch-runtimes-" });
const local = await startLocalDynamo();
const { endpoint } = local;
let failed = 0;
try {
  await setUpConsumer();
  const table = (runtime: string) => `smoke-${runtime}-${crypto.randomUUID().slice(0, 8)}`;
  const checks: [string, () => Promise<Outcome>][] = [
    ["deno", async () => ok(await scenario(dynafetch, { endpoint, tableName: table("deno") }))],
    ["node", () => run("node", ["node_host.mjs", endpoint, table("node")], consumer)],
    [
      "bun",
      async () => run(await bunBinary(), ["node_host.mjs", endpoint, table("bun")], consumer),
    ],
    ["workerd", async () => {
      const script = await bundle("worker.mjs", "neutral", ["workerd", "worker", "browser"]);
      await refuseNodeImports(script);
      return run("node", [`${here}workerd_host.mjs`, script, endpoint, table("workerd")], consumer);
    }],
    ["chromium", async () => {
      if (!(await exists(CHROMIUM))) {
        const hint = "apt-get install -y --no-install-recommends chromium";
        return Deno.env.get("CI")
          ? { status: "FAILED", detail: `${CHROMIUM} is missing (${hint})` }
          : { status: "skipped", detail: `${CHROMIUM} is missing (${hint}); a failure in CI` };
      }
      const page = await bundle("browser.mjs", "browser", []);
      await refuseNodeImports(page);
      const args = [`${here}browser_host.mjs`, CHROMIUM, page, endpoint, table("chromium")];
      return run("node", args, consumer);
    }],
    // Deno test files, bundled for Node with `Deno.test` replaced by a small runner: the node:http
    // transport's tests, and the client's integration suite on dynalite, once on Node's fetch
    // (fetchTransport) and once on the node:http transport.
    ["node:http", () => runTestFileUnderNode("tests/adapters/node_http_test.ts")],
    ["client suite", () =>
      runTestFileUnderNode("tests/client/dynamodb_test.ts", {
        DYNAFETCH_TEST_ENGINES: "dynalite",
      })],
    ["tsc node16", () => typeCheck("node16")],
    ["tsc bundler", () => typeCheck("bundler")],
  ];
  const outcomes = await Promise.all(checks.map(async ([name, check]) => {
    const t0 = performance.now();
    let outcome: Outcome;
    try {
      outcome = await check();
    } catch (error) {
      outcome = {
        status: "FAILED",
        detail: error instanceof Error ? error.message : String(error),
      };
    }
    return { name, seconds: (performance.now() - t0) / 1000, ...outcome };
  }));
  for (const { name, status, seconds, detail } of outcomes) {
    if (status === "FAILED") failed++;
    const lines = detail.trim().split("\n");
    const shown = status === "FAILED" ? lines.slice(-20).join("\n    ") : lines.at(-1);
    console.log(
      `${status.padEnd(7)} ${name.padEnd(12)} ${seconds.toFixed(1).padStart(5)}s  ${shown}`,
    );
  }
} finally {
  await local.close();
  await Deno.remove(consumer, { recursive: true });
}
const total = ((performance.now() - started) / 1000).toFixed(1);
console.log(failed ? `runtimes: ${failed} failed (${total}s)` : `runtimes: all passed (${total}s)`);
Deno.exit(failed ? 1 : 0);

function ok(detail: string): Outcome {
  return { status: "ok", detail };
}

/**
 * A project that installs the packed npm package (as `npm install` would from the registry), with
 * dynalite, the package's optional peer dependency, linked in for its ./testing entry.
 */
async function setUpConsumer(): Promise<void> {
  const dist = `${root}dist/npm/`;
  if (!(await exists(`${dist}package.json`))) {
    throw new Error("dist/npm is missing: run `deno task build:npm` first");
  }
  await Deno.writeTextFile(
    `${consumer}/package.json`,
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  const packed = await exec("npm", ["pack", dist, "--silent", "--pack-destination", consumer]);
  const tarball = packed.trim().split("\n").at(-1)!;
  await exec("npm", [
    "install",
    "--offline",
    "--no-audit",
    "--no-fund",
    "--no-package-lock",
    "--silent",
    `./${tarball}`,
  ], consumer);
  await Deno.symlink(
    await Deno.realPath(`${nodeModules}dynalite`),
    `${consumer}/node_modules/dynalite`,
  );
  for (const file of ["scenario.js", "node_host.mjs", "worker.mjs", "browser.mjs"]) {
    await Deno.copyFile(`${here}${file}`, `${consumer}/${file}`);
  }
}

/** Bundles a file of the consumer project (resolving the installed package) into one ESM file. */
async function bundle(
  entry: string,
  platform: "neutral" | "browser",
  conditions: string[],
): Promise<string> {
  const outfile = `${consumer}/${entry.replace(".mjs", ".bundle.js")}`;
  await esbuild.build({
    absWorkingDir: consumer,
    entryPoints: [`${consumer}/${entry}`],
    bundle: true,
    format: "esm",
    platform,
    conditions,
    mainFields: ["module", "main"],
    target: "es2022",
    outfile,
    logLevel: "error",
  });
  return outfile;
}

/** Throws when a bundle imports a `node:` module (a string naming one, as `getBuiltinModule` takes, is fine). */
async function refuseNodeImports(file: string): Promise<void> {
  const found = (await Deno.readTextFile(file)).match(
    /(?:\bfrom\s*|\bimport\s*\(?\s*)["']node:[^"']*["']/,
  );
  if (found) throw new Error(`${file} imports a Node module: ${found[0]}`);
}

/** TypeScript over a file using the package's entry points, strict, without @types/node. */
async function typeCheck(resolution: "node16" | "bundler"): Promise<Outcome> {
  const dir = `${consumer}/types-${resolution}`;
  await Deno.mkdir(dir);
  await Deno.writeTextFile(`${dir}/package.json`, JSON.stringify({ type: "module" }));
  await Deno.writeTextFile(
    `${dir}/tsconfig.json`,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "es2022",
        module: resolution === "node16" ? "node16" : "esnext",
        moduleResolution: resolution,
        // BatchWriter is AsyncDisposable: its types need Symbol.asyncDispose, which @types/node or
        // this lib declares.
        lib: ["es2022", "dom", "esnext.disposable"],
        types: [],
        typeRoots: [],
        skipLibCheck: false,
      },
      files: ["app.ts"],
    }),
  );
  await Deno.symlink(`${consumer}/node_modules`, `${dir}/node_modules`);
  await Deno.writeTextFile(`${dir}/app.ts`, TYPED_APP);
  await exec("node", [`${nodeModules}typescript/bin/tsc`, "-p", dir], dir);
  return ok(
    `a strict TypeScript app type-checks against the .d.ts (moduleResolution ${resolution})`,
  );
}

/** Runs a runtime's host script; its last line of output is the outcome's detail. */
/** Bundles a Deno test file for Node with the Deno.test shim and runs it there. */
async function runTestFileUnderNode(
  file: string,
  env: Record<string, string> = {},
): Promise<Outcome> {
  const outfile = `${consumer}/${file.split("/").pop()?.replace(/\.ts$/, "")}.bundle.mjs`;
  await esbuild.build({
    entryPoints: [`${root}${file}`],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "es2022",
    external: ["dynalite"],
    inject: [`${here}deno_test_shim.mjs`],
    outfile,
    logLevel: "error",
  });
  return run("node", [outfile], consumer, env);
}

async function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Outcome> {
  return ok(await exec(command, args, cwd, env));
}

async function exec(
  command: string,
  args: string[],
  cwd = root,
  env: Record<string, string> = {},
): Promise<string> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(command, {
      args,
      cwd,
      stdout: "piped",
      stderr: "piped",
      stdin: "null",
      env: { NO_COLOR: "1", ...env },
    }).spawn();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new Error(`${command} is not installed`);
    throw error;
  }
  const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
  const { code, stdout, stderr } = await child.output().finally(() => clearTimeout(timer));
  const text = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  if (code !== 0) throw new Error(`${command} exited with ${code}\n${text}`);
  return new TextDecoder().decode(stdout);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

// The fuzz properties of _fuzz_properties.ts in Node and Bun, whose Object.prototype.__proto__ is the
// standard accessor (Deno neuters it, so a pollution test under Deno alone proves nothing): the real
// sources, bundled with esbuild into one ESM file, run by each runtime; every property must pass, and the
// pollution check must be shown to catch pollution in that runtime.
import * as esbuild from "esbuild";
import { bunBinary } from "../_bun.ts";
import { assertEquals } from "../assert.ts";
import { properties } from "./_fuzz_properties.ts";

const root = new URL("../../", import.meta.url).pathname;

/** Runs `command file` and returns the JSON of its last line of output; fails on a non-zero exit. */
async function runBundle(command: string, file: string): Promise<HostReport> {
  const child = new Deno.Command(command, {
    args: [file],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
    env: { NO_COLOR: "1" },
  }).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const { code, stdout, stderr } = await child.output().finally(() => clearTimeout(timer));
  const out = new TextDecoder().decode(stdout).trim();
  assertEquals(
    code,
    0,
    `${command} exited with ${code}\n${out}\n${new TextDecoder().decode(stderr)}`,
  );
  return JSON.parse(out.split("\n").at(-1) ?? "");
}

interface HostReport {
  runtime: string;
  seesPollution: boolean;
  results: { name: string; error?: string }[];
}

Deno.test("fuzz in Node and Bun: every property passes under the standard __proto__ accessor", async () => {
  const dir = await Deno.makeTempDir({ prefix: "dynafetch-fuzz-" });
  try {
    const outfile = `${dir}/fuzz.mjs`;
    try {
      await esbuild.build({
        absWorkingDir: root,
        entryPoints: [`${root}tests/reliability/_fuzz_host.ts`],
        bundle: true,
        format: "esm",
        platform: "node",
        target: "es2022",
        outfile,
        logLevel: "error",
      });
    } finally {
      await esbuild.stop();
    }
    const reports = await Promise.all([
      runBundle("node", outfile),
      runBundle(await bunBinary(), outfile),
    ]);
    assertEquals(reports.map((r) => r.runtime.split(" ")[0]), ["node", "bun"]);
    const names = properties.map((p) => p.name);
    for (const { runtime, seesPollution, results } of reports) {
      assertEquals(seesPollution, true, `${runtime}: the pollution check cannot see pollution`);
      assertEquals(results.map((r) => r.name), names);
      for (const { name, error } of results) assertEquals(error, undefined, `${runtime}: ${name}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

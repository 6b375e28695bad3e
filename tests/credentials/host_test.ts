import { bunBinary } from "../_bun.ts";
import * as esbuild from "esbuild";
import { fromProfile, resolveHost } from "../../credentials.ts";
import { systemHost } from "../../lib/adapters/host.ts";
import { assertEquals, assertRejects } from "../assert.ts";
import { tempHome } from "./_fake_aws.ts";

Deno.test("the Deno host: files, processes, clock, runtime", async () => {
  await using home = await tempHome({ "a.txt": "héllo\n" });
  const host = systemHost();
  assertEquals(host.runtime, "deno");
  assertEquals(await host.readFile(`${home.dir}/a.txt`), "héllo\n");
  assertEquals(await host.readFile(`${home.dir}/missing`), undefined);
  await assertRejects(() => host.readFile(home.dir)); // a directory is an error, not "missing"
  assertEquals(await host.run("printf out; printf err >&2; exit 7", { timeoutMs: 5000 }), {
    code: 7,
    stdout: "out",
    stderr: "err",
  });
  const slow = await host.run("sleep 5", { timeoutMs: 100 });
  assertEquals(slow.code !== 0, true);
  assertEquals(Math.abs(host.now() - Date.now()) < 1000, true);
});

Deno.test("resolveHost keeps what is given and fills the rest", async () => {
  const host = await resolveHost({ env: { A: "1" }, homeDir: "/nowhere", now: () => 42 });
  assertEquals([host.env, host.homeDir, host.now(), host.runtime], [
    { A: "1" },
    "/nowhere",
    42,
    "deno",
  ]);
  assertEquals(typeof host.fetch, "function");
});

// The same provider code, bundled, reading the real environment and files in Node and Bun.
for (const [runtime, command] of [["node", () => "node"], ["bun", bunBinary]] as const) {
  Deno.test(`the host adapter works in ${runtime}`, async () => {
    await using home = await tempHome();
    const script = `${home.dir}/entry.mjs`;
    await esbuild.build({
      stdin: {
        contents: `import { fromProfile, regionFromProfile } from ${
          JSON.stringify(`${Deno.cwd()}/credentials.ts`)
        };
          const keys = await fromProfile()();
          const proc = await fromProfile({ profile: "proc" })();
          console.log(JSON.stringify([keys.accessKeyId, proc.accessKeyId, proc.sessionToken, await regionFromProfile()]));`,
        resolveDir: Deno.cwd(),
        loader: "ts",
      },
      bundle: true,
      format: "esm",
      platform: "node",
      outfile: script,
      logLevel: "silent",
    });
    await esbuild.stop();
    await home.write(
      ".aws/config",
      `[default]\nregion = eu-west-2\n[profile proc]\ncredential_process = node -e "console.log(JSON.stringify({Version:1,AccessKeyId:'AKIDPROC',SecretAccessKey:'s',SessionToken:'t'}))"\n`,
    );
    await home.write(
      ".aws/credentials",
      "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n",
    );
    const env = { PATH: Deno.env.get("PATH") ?? "", HOME: home.dir };
    const out = await new Deno.Command(await command(), {
      args: [script],
      env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assertEquals(out.code, 0, stderr);
    assertEquals(JSON.parse(new TextDecoder().decode(out.stdout)), [
      "AKIDFILE",
      "AKIDPROC",
      "t",
      "eu-west-2",
    ]);
  });
}

Deno.test("fromProfile with the real adapter reads HOME-relative files", async () => {
  await using home = await tempHome({
    ".aws/credentials": "[default]\naws_access_key_id = AKIDHOME\naws_secret_access_key = s\n",
  });
  assertEquals(
    (await fromProfile({ host: { env: {}, homeDir: home.dir } })()).accessKeyId,
    "AKIDHOME",
  );
});

Deno.test("the entry point bundles for Workers and browsers (no node: or computed imports)", async () => {
  for (const platform of ["neutral", "browser"] as const) {
    const result = await esbuild.build({
      entryPoints: [`${Deno.cwd()}/credentials.ts`],
      bundle: true,
      splitting: true,
      format: "esm",
      platform,
      outdir: "/tmp/dynafetch-credentials-bundle",
      write: false,
      logLevel: "silent",
    });
    const code = result.outputFiles.map((f) => f.text).join("\n");
    // No `node:` import, and no import() of a computed specifier (Workers' module loader refuses those).
    assertEquals(/from\s*["']node:|import\(\s*["']node:|import\((?!\s*["'])/.test(code), false);
  }
  await esbuild.stop();
});

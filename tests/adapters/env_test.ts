import { assertEquals } from "../assert.ts";
import { readEnv } from "../../lib/adapters/env.ts";

Deno.test("readEnv returns the Deno environment as a fresh record", () => {
  Deno.env.set("DYNAFETCH_ENV_TEST", "value ሴ");
  try {
    const env = readEnv();
    assertEquals(env.DYNAFETCH_ENV_TEST, "value ሴ");
    assertEquals(env.PATH, Deno.env.get("PATH"));
    env.DYNAFETCH_ENV_TEST = "changed";
    assertEquals(Deno.env.get("DYNAFETCH_ENV_TEST"), "value ሴ");
  } finally {
    Deno.env.delete("DYNAFETCH_ENV_TEST");
  }
});

/** Runs readEnv in a child Deno with only the given permissions and environment. */
async function child(flags: string[], env: Record<string, string>): Promise<unknown> {
  const dir = await Deno.makeTempDir();
  try {
    const module = new URL("../../lib/adapters/env.ts", import.meta.url).href;
    await Deno.writeTextFile(
      `${dir}/main.ts`,
      `import { readEnv } from ${
        JSON.stringify(module)
      };\nconsole.log(JSON.stringify(readEnv()));\n`,
    );
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-config",
        "--no-prompt",
        `--allow-read=${dir}`,
        ...flags,
        `${dir}/main.ts`,
      ],
      env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
    return JSON.parse(new TextDecoder().decode(output.stdout));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("readEnv(names) reads only those names", () => {
  Deno.env.set("DYNAFETCH_ENV_TEST", "x");
  try {
    assertEquals(readEnv(["DYNAFETCH_ENV_TEST", "DYNAFETCH_UNSET_TEST"]), {
      DYNAFETCH_ENV_TEST: "x",
      DYNAFETCH_UNSET_TEST: undefined,
    });
  } finally {
    Deno.env.delete("DYNAFETCH_ENV_TEST");
  }
});

Deno.test("readEnv with --allow-env limited to the AWS names reads those one by one", async () => {
  const env = { AWS_ACCESS_KEY_ID: "AKID", AWS_REGION: "eu-west-1", OTHER: "x" };
  const limited = await child(["--allow-env=AWS_ACCESS_KEY_ID,AWS_REGION"], env);
  assertEquals(limited, { AWS_ACCESS_KEY_ID: "AKID", AWS_REGION: "eu-west-1" });
  const none = await child([], env);
  assertEquals(none, {});
  const all = await child(["--allow-env"], env);
  assertEquals((all as Record<string, string>).OTHER, "x");
});

Deno.test("readEnv reads process.env in Node", async () => {
  // Node 20 cannot run TypeScript: hand it the module with its types stripped by esbuild.
  const { transform } = await import("esbuild");
  const source = await Deno.readTextFile(new URL("../../lib/adapters/env.ts", import.meta.url));
  const { code } = await transform(source, { loader: "ts", format: "esm" });
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/env.mjs`, code);
    await Deno.writeTextFile(
      `${dir}/main.mjs`,
      `import { readEnv } from "./env.mjs";
console.log(JSON.stringify({ all: readEnv(), some: readEnv(["AWS_DEFAULT_REGION", "NOPE"]) }));`,
    );
    const output = await new Deno.Command("node", {
      args: [`${dir}/main.mjs`],
      env: {
        AWS_SECRET_ACCESS_KEY: "s",
        AWS_DEFAULT_REGION: "us-east-2",
        PATH: Deno.env.get("PATH") ?? "",
      },
      clearEnv: true,
      stdout: "piped",
    }).output();
    const { all, some } = JSON.parse(new TextDecoder().decode(output.stdout));
    assertEquals(all.AWS_SECRET_ACCESS_KEY, "s");
    assertEquals(all.AWS_DEFAULT_REGION, "us-east-2");
    assertEquals(some, { AWS_DEFAULT_REGION: "us-east-2" });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * The host adapter of the credential providers: environment, home directory, file reads, running a
 * process, fetch and the clock, for Deno, Node (20.16 and later) and Bun. Node built-ins come from
 * `process.getBuiltinModule` when a file is read or a process run, never from an `import`, so this module
 * bundles and loads in Workers and browsers too (where files and processes are simply absent).
 *
 * @module
 */
import type { Host, ProcessResult } from "../credentials/host.ts";
import { readEnv } from "./env.ts";

/**
 * The effects of the runtime this code runs in.
 *
 * @returns A host reading the real environment, files and clock.
 * @example
 * ```ts
 * import { systemHost } from "./host.ts";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(typeof systemHost().now(), "number");
 * ```
 */
export function systemHost(): Host {
  const g: { Deno?: unknown; Bun?: unknown; process?: { versions?: { node?: string } } } =
    globalThis;
  const workers = (globalThis.navigator as { userAgent?: string } | undefined)?.userAgent ===
    "Cloudflare-Workers";
  const runtime = workers
    ? undefined
    : g.Deno
    ? "deno"
    : g.Bun
    ? "bun"
    : g.process?.versions?.node
    ? "node"
    : undefined;
  return {
    env: readEnv(),
    homeDir: runtime ? homeDir() : undefined,
    runtime,
    readFile,
    writeFile: (path, text) =>
      builtin<typeof import("node:fs/promises")>("node:fs/promises").writeFile(path, text, {
        mode: 0o600,
      }),
    run,
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
  };
}

function homeDir(): string | undefined {
  const env = readEnv();
  return env.HOME ?? env.USERPROFILE ??
    (env.HOMEDRIVE && env.HOMEPATH ? env.HOMEDRIVE + env.HOMEPATH : undefined);
}

// A runtime global rather than an import, so that bundlers and Workers' module loader never see a
// `node:` specifier.
function builtin<T>(id: string): T {
  const process: { getBuiltinModule?<M>(id: string): M | undefined } | undefined = Reflect.get(
    globalThis,
    "process",
  );
  const module = process?.getBuiltinModule<T>?.(id);
  if (module === undefined) throw new Error(`${id} is not available in this runtime`);
  return module;
}

async function readFile(path: string): Promise<string | undefined> {
  const fs = builtin<typeof import("node:fs/promises")>("node:fs/promises");
  try {
    return await fs.readFile(path, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw error;
  }
}

// async: a missing child_process module rejects the promise rather than throwing at the call.
// deno-lint-ignore require-await
async function run(command: string, options: { timeoutMs: number }): Promise<ProcessResult> {
  const { exec } = builtin<typeof import("node:child_process")>("node:child_process");
  return new Promise((resolve) => {
    exec(
      command,
      { timeout: options.timeoutMs, windowsHide: true, encoding: "utf8" },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

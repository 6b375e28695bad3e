/**
 * Private to `testing.ts`, which loads it with `import()` only for `engine: "dynamodb-local"`: fetches
 * AWS's DynamoDB Local once into a cache folder and runs it as a child JVM.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { access, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";

/** The npm package that carries DynamoDB Local 1.25.1 in its `emulator/` folder. */
export const EMULATOR_PACKAGE = "amplify-dynamodb-simulator@2.9.30";

/** Where the emulator is cached unless an option or `DYNAFETCH_DYNAMODB_LOCAL_DIR` says otherwise. */
export function defaultEmulatorDir(): string {
  return process.env.DYNAFETCH_DYNAMODB_LOCAL_DIR ||
    join(homedir(), ".cache", "dynafetch", "dynamodb-local-1.25.1");
}

/** A running DynamoDB Local: its port and how to stop it. */
export interface RunningEmulator {
  port: number;
  /** Kills the JVM and resolves once it has exited. */
  stop(): Promise<void>;
}

/** What `startEmulator` needs. */
export interface EmulatorOptions {
  dir: string;
  java: string;
  port?: number;
  startTimeoutMs: number;
}

// A command's exit code and output; ENOENT (the program is missing) is thrown.
function run(command: string, args: string[], cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk) => out += chunk);
    child.stderr.on("data", (chunk) => out += chunk);
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

const exists = (path: string) => access(path).then(() => true, () => false);

/**
 * Makes sure `dir` holds the emulator (`DynamoDBLocal.jar` and `DynamoDBLocal_lib/`), fetching it with
 * `npm pack` if missing. Safe when several processes fetch at once: each extracts into a temporary
 * folder beside `dir` and renames it into place; a process that loses the race drops its copy.
 */
export async function ensureEmulator(dir: string): Promise<void> {
  const jar = join(dir, "DynamoDBLocal.jar");
  if (await exists(jar)) return;
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const temp = await mkdtemp(join(parent, ".dynamodb-local-"));
  try {
    const packed = await run("npm", ["pack", EMULATOR_PACKAGE, "--silent"], temp).catch((e) => {
      throw new Error(`DynamoDB Local is fetched with npm, which was not found: ${e.message}`);
    });
    const tarball = packed.out.trim().split("\n").pop() ?? "";
    if (packed.code !== 0 || !tarball.endsWith(".tgz")) {
      throw new Error(`npm pack ${EMULATOR_PACKAGE} failed:\n${packed.out}`);
    }
    const untar = await run("tar", ["-xzf", tarball, "package/emulator"], temp);
    if (untar.code !== 0) throw new Error(`extracting ${tarball} failed:\n${untar.out}`);
    const emulator = join(temp, "package", "emulator");
    if (!await exists(join(emulator, "DynamoDBLocal.jar"))) {
      throw new Error(`${EMULATOR_PACKAGE} has no emulator/DynamoDBLocal.jar`);
    }
    try {
      await rename(emulator, dir);
    } catch (error) {
      // Another process put it there first (the rename of a folder onto a non-empty one fails).
      if (!await exists(jar)) throw error;
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

// A port free on every interface (the JVM listens on all of them): `port`, or any if 0.
function freePort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// Resolves once ListTables answers 200; rejects if the JVM exits first or time runs out.
async function waitReady(port: number, exited: Promise<string>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let done: string | undefined;
  exited.then((log) => done = log);
  const date = new Date().toISOString().replace(/[-:]|\.\d+/g, "");
  for (;;) {
    if (done !== undefined) throw new Error(`DynamoDB Local exited before it was ready:\n${done}`);
    const ok = await fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "DynamoDB_20120810.ListTables",
        "x-amz-date": date,
        authorization:
          `AWS4-HMAC-SHA256 Credential=local/${
            date.slice(0, 8)
          }/us-east-1/dynamodb/aws4_request, ` +
          `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${"0".repeat(64)}`,
      },
      body: "{}",
    }).then(async (response) => {
      await response.arrayBuffer();
      // DynamoDB Local runs on Jetty: a server that took the port meanwhile (dynalite, say) is not it.
      return response.ok && /^Jetty/.test(response.headers.get("server") ?? "");
    }, () => false);
    if (ok) return;
    if (Date.now() > deadline) {
      throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const javaMissing = (java: string) =>
  `DynamoDB Local needs Java 17 or later, and ${JSON.stringify(java)} was not found. Install it ` +
  "(Debian or Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17), " +
  "or use the default engine, dynalite.";

/**
 * Starts DynamoDB Local in memory, all clients sharing one database, telemetry off, on `port` or a free
 * port, and waits until it answers.
 */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  await ensureEmulator(options.dir);
  // A free port can be taken before the JVM binds it (tests start servers in parallel): try another.
  for (let attempt = 1;; attempt++) {
    // A given port is checked first: the readiness check must not be answered by another server.
    const port = await freePort(options.port).catch((error) => {
      throw new Error(`port ${options.port} is not free for DynamoDB Local: ${error.message}`);
    });
    try {
      return await launch(options, port);
    } catch (error) {
      const busy = error instanceof Error && /BindException|already in use/.test(error.message);
      if (!busy || options.port !== undefined || attempt === 3) throw error;
    }
  }
}

async function launch(options: EmulatorOptions, port: number): Promise<RunningEmulator> {
  // Output goes to a file, not a pipe: nothing to drain while the tests run, and the log explains an
  // early exit.
  const logDir = await mkdtemp(join(tmpdir(), "dynafetch-dynamodb-local-"));
  const logFile = join(logDir, "output.log");
  const fd = openSync(logFile, "w");
  // The JVM's own temporary folder, removed once it has exited: DynamoDB Local copies its SQLite library
  // (~900 KB) into java.io.tmpdir at every start and, killed, never deletes the copy.
  const jvmTmp = await mkdtemp(join(tmpdir(), "dynafetch-dynamodb-local-jvm-"));
  const child = spawn(options.java, [
    `-Djava.library.path=${join(options.dir, "DynamoDBLocal_lib")}`,
    `-Djava.io.tmpdir=${jvmTmp}`,
    // A short-lived test server: the quick compiler and the serial collector start it faster.
    "-XX:TieredStopAtLevel=1",
    "-XX:+UseSerialGC",
    "-jar",
    join(options.dir, "DynamoDBLocal.jar"),
    "-inMemory",
    "-sharedDb",
    "-port",
    String(port),
    "-disableTelemetry",
  ], {
    cwd: options.dir,
    stdio: ["ignore", fd, fd],
    env: { ...process.env, DDB_LOCAL_TELEMETRY: "0" },
  });
  closeSync(fd);
  const exited = new Promise<string>((resolve) => {
    child.once(
      "error",
      (error: Error & { code?: string }) =>
        resolve(error.code === "ENOENT" ? javaMissing(options.java) : error.message),
    );
    // Once the server is ready the log is gone: an exit after that has nothing to explain.
    child.once("exit", () => resolve(existsSync(logFile) ? readFileSync(logFile, "utf8") : ""));
  });
  const cleanUp = () => rm(logDir, { recursive: true, force: true });
  // If the host process ends without close(), the JVM goes with it, and its folder.
  const killOnExit = () => {
    child.kill("SIGKILL");
    rmSync(jvmTmp, { recursive: true, force: true });
  };
  process.once("exit", killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    stopping ??= (async () => {
      process.off("exit", killOnExit);
      if (child.pid !== undefined) child.ref();
      // In memory there is nothing to save: SIGKILL ends the JVM at once (SIGTERM took 0.4-0.9 s).
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
      await cleanUp();
      await rm(jvmTmp, { recursive: true, force: true });
    })();
  // Not kept alive by the JVM: a program that ends without close() ends, and takes the JVM with it.
  if (child.pid !== undefined) child.unref(); // (no pid: java did not start)
  try {
    await waitReady(port, exited, options.startTimeoutMs);
  } catch (error) {
    await stop();
    const missing = javaMissing(options.java);
    throw error instanceof Error && error.message.endsWith(missing) ? new Error(missing) : error;
  }
  // Removed now, not at stop(): a process that ends without close() leaves no folder behind.
  await cleanUp();
  return { port, stop };
}

// `deno task dynamodb-local` (CI runs it before the tests): fetch the emulator into its cache folder.
if (import.meta.main) {
  const dir = defaultEmulatorDir();
  await ensureEmulator(dir);
  console.log(`DynamoDB Local 1.25.1 in ${dir}`);
}

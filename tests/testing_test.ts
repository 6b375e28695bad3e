import {
  assertEquals,
  assertGreater,
  assertInstanceOf,
  assertMatch,
  assertNotEquals,
  assertRejects,
  assertStringIncludes,
} from "./assert.ts";
import { type LocalEngine, startLocalDynamo } from "../testing.ts";
import { ENGINES } from "./_engines.ts";
import { defaultEmulatorDir, ensureEmulator } from "../lib/adapters/dynamodb_local.ts";
import { DynamoDB } from "../lib/client/dynamodb.ts";
import { NetworkError } from "../lib/transport/errors.ts";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";

const tmp = tmpdir();

const table = {
  TableName: "things",
  KeySchema: [{ AttributeName: "id", KeyType: "HASH" as const }],
  AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" as const }],
  BillingMode: "PAY_PER_REQUEST" as const,
};

Deno.test("startLocalDynamo serves on a free 127.0.0.1 port with immediate table states", async () => {
  const local = await startLocalDynamo();
  try {
    assertMatch(local.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    const db = local.client();
    assertInstanceOf(db, DynamoDB);
    await db.createTable(table);
    // createTableMs 0: ACTIVE on the next turn, not after dynalite's default 500 ms.
    const started = performance.now();
    while ((await db.describeTable({ TableName: "things" })).Table?.TableStatus !== "ACTIVE") {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    assertEquals(performance.now() - started < 400, true);
  } finally {
    await local.close();
  }
});

Deno.test("two servers are independent and close() does not wait for keep-alive sockets", async () => {
  const [a, b] = await Promise.all([startLocalDynamo(), startLocalDynamo()]);
  assertNotEquals(a.endpoint, b.endpoint);
  try {
    await a.client().createTable(table);
    assertEquals((await a.client().listTables()).TableNames, ["things"]);
    assertEquals((await b.client().listTables()).TableNames, []);
  } finally {
    const started = performance.now();
    await Promise.all([a.close(), b.close()]);
    // dynalite alone waits for idle keep-alive connections (minutes): this must be quick.
    assertEquals(performance.now() - started < 2000, true);
  }
  await a.close();
  const after = a.client({ maxAttempts: 1 });
  await assertRejects(() => after.listTables(), NetworkError);
});

Deno.test("client options override the defaults", async () => {
  const local = await startLocalDynamo();
  try {
    const seen: string[] = [];
    const db = local.client({
      region: "eu-west-3",
      onEvent: (event) => {
        if (event.type === "request") seen.push(event.headers.authorization);
      },
    });
    await db.listTables();
    assertEquals(seen, ["[redacted]"]);
  } finally {
    await local.close();
  }
});

// The JVMs whose command line runs DynamoDBLocal.jar on `port` (Linux: /proc).
function jvmsOn(port: number): number[] {
  const pids: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    let args: string[];
    try {
      args = Deno.readTextFileSync(`/proc/${entry.name}/cmdline`).split("\0");
    } catch {
      continue; // the process ended while listing
    }
    if (args.some((a) => a.endsWith("DynamoDBLocal.jar")) && args.includes(String(port))) {
      pids.push(Number(entry.name));
    }
  }
  return pids;
}

// The java.io.tmpdir a JVM was started with.
function jvmTmpDir(pid: number): string {
  const args = Deno.readTextFileSync(`/proc/${pid}/cmdline`).split("\0");
  return args.find((a) => a.startsWith("-Djava.io.tmpdir="))?.slice(17) ?? "";
}

// Needs Java: on a machine without it (and not under CI) tests/_engines.ts leaves DynamoDB Local out.
const noJava = { ignore: !ENGINES.includes("dynamodb-local") };

Deno.test(
  "dynamodb-local: serves what dynalite lacks; close() kills the JVM and waits for its exit",
  noJava,
  async () => {
    const strays = () =>
      [...Deno.readDirSync(tmp)].filter((e) => e.name.startsWith("sqlite-")).length;
    const straysBefore = strays();
    const local = await startLocalDynamo({ engine: "dynamodb-local" });
    const port = Number(new URL(local.endpoint).port);
    let jvmTmp = "";
    try {
      assertEquals(local.engine, "dynamodb-local");
      assertMatch(local.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      assertEquals(jvmsOn(port).length, 1);
      const db = local.client();
      await db.createTable(table);
      assertEquals((await db.describeTable({ TableName: "things" })).Table?.TableStatus, "ACTIVE");
      // -sharedDb: another region and key see the same tables, as with dynalite.
      const other = local.client({
        region: "eu-west-3",
        credentials: { accessKeyId: "other", secretAccessKey: "other" },
      });
      assertEquals((await other.listTables()).TableNames, ["things"]);
      assertGreater((await db.describeLimits()).TableMaxWriteCapacityUnits ?? 0, 0);
      // The JVM's temporary files (its copy of the SQLite library) go to a folder of its own.
      jvmTmp = jvmTmpDir(jvmsOn(port)[0]);
      assertEquals([...Deno.readDirSync(jvmTmp)].some((e) => e.name.endsWith(".so")), true);
    } finally {
      await local.close();
    }
    assertEquals(jvmsOn(port), []);
    // ...removed with the JVM: nothing is left in the system's temporary folder.
    assertEquals(existsSync(jvmTmp), false);
    assertEquals(strays(), straysBefore);
    await local.close();
    await assertRejects(() => local.client({ maxAttempts: 1 }).listTables(), NetworkError);
  },
);

Deno.test("dynamodb-local: a missing java is an error that says how to install it", async () => {
  const error = await assertRejects(
    () => startLocalDynamo({ engine: "dynamodb-local", java: "/nonexistent/java" }),
    Error,
    "apt-get install openjdk-17-jre-headless",
  );
  assertStringIncludes(error.message, '"/nonexistent/java" was not found');
});

Deno.test("dynamodb-local: concurrent first fetches into one cache folder leave one whole copy", async () => {
  const parent = await Deno.makeTempDir();
  const dir = `${parent}/dynamodb-local`;
  try {
    await Promise.all([ensureEmulator(dir), ensureEmulator(dir)]);
    const reference = defaultEmulatorDir();
    await ensureEmulator(reference);
    assertEquals(
      (await Deno.stat(`${dir}/DynamoDBLocal.jar`)).size,
      (await Deno.stat(`${reference}/DynamoDBLocal.jar`)).size,
    );
    assertGreater([...Deno.readDirSync(`${dir}/DynamoDBLocal_lib`)].length, 100);
    // No temporary folder is left beside the cache.
    assertEquals([...Deno.readDirSync(parent)].map((e) => e.name), ["dynamodb-local"]);
    // Present: a later call fetches nothing (it returns before the first await of a fetch).
    const started = performance.now();
    await ensureEmulator(dir);
    assertEquals(performance.now() - started < 1000, true);
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

Deno.test("an unknown engine is an error naming the two", async () => {
  await assertRejects(
    () => startLocalDynamo({ engine: "dynamo" as LocalEngine }),
    Error,
    '"dynalite" or "dynamodb-local"',
  );
});

Deno.test("the cache folder defaults to ~/.cache/dynafetch, or DYNAFETCH_DYNAMODB_LOCAL_DIR", async () => {
  const dirIn = async (env: Record<string, string>) => {
    const module = new URL("../lib/adapters/dynamodb_local.ts", import.meta.url).href;
    const { stdout, success } = await new Deno.Command(Deno.execPath(), {
      args: [
        "eval",
        `import { defaultEmulatorDir } from "${module}"; console.log(defaultEmulatorDir())`,
      ],
      clearEnv: true,
      env: { HOME: "/home/someone", PATH: Deno.env.get("PATH") ?? "", ...env },
      stderr: "inherit",
    }).output();
    assertEquals(success, true);
    return new TextDecoder().decode(stdout).trim();
  };
  assertEquals(await dirIn({}), "/home/someone/.cache/dynafetch/dynamodb-local-1.25.1");
  assertEquals(await dirIn({ DYNAFETCH_DYNAMODB_LOCAL_DIR: "/tmp/ddb" }), "/tmp/ddb");
});

Deno.test("the DynamoDB Local starter is only imported dynamically: dynalite never loads it", async () => {
  const root = new URL("../", import.meta.url);
  const { stdout, success } = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "testing.ts"],
    cwd: root,
    stderr: "null",
  }).output();
  assertEquals(success, true);
  const graph: { modules: { specifier: string; dependencies?: Dependency[] }[] } = JSON.parse(
    new TextDecoder().decode(stdout),
  );
  type Dependency = { specifier: string; isDynamic?: boolean };
  const testing = graph.modules.find((m) => m.specifier === new URL("testing.ts", root).href);
  const starter = testing?.dependencies?.filter((d) =>
    d.specifier === "./lib/adapters/dynamodb_local.ts"
  );
  assertEquals(starter, [{
    ...starter?.[0],
    specifier: "./lib/adapters/dynamodb_local.ts",
    isDynamic: true,
  }]);
  // And nothing else imports it statically.
  for (const module of graph.modules) {
    for (const d of module.dependencies ?? []) {
      if (d.specifier.endsWith("dynamodb_local.ts")) assertEquals(d.isDynamic, true);
    }
  }
});

Deno.test("dynamodb-local: a port in use is an error, not another server taken for it", async () => {
  const other = await startLocalDynamo();
  try {
    const port = Number(new URL(other.endpoint).port);
    await assertRejects(
      () => startLocalDynamo({ engine: "dynamodb-local", port }),
      Error,
      `port ${port} is not free`,
    );
    assertEquals(jvmsOn(port), []);
  } finally {
    await other.close();
  }
});

// Runs an integration suite once per local engine (dynalite and AWS's DynamoDB Local): each engine's
// server starts once per test file, every test starts from a server with no tables, and a last test
// closes the server. DYNAFETCH_TEST_ENGINES=dynalite (a comma list) narrows the engines for a quick run;
// CI runs both. DynamoDB Local needs Java 17: where there is none (a machine with only Node and npm),
// the suites run on dynalite alone and say so, except under CI (CI=true), which installs Java first and
// must run both.
import { type LocalDynamo, type LocalEngine, startLocalDynamo } from "../testing.ts";
import { ResourceInUseError, ResourceNotFoundError } from "../lib/operations/errors.ts";

/** The engines this run covers. */
export const ENGINES: readonly LocalEngine[] = (() => {
  const wanted = Deno.env.get("DYNAFETCH_TEST_ENGINES");
  const all: LocalEngine[] = ["dynalite", "dynamodb-local"];
  if (wanted) return all.filter((e) => wanted.split(",").includes(e));
  if (Deno.env.get("CI") !== "true" && !hasJava()) {
    console.warn(
      "tests: no Java 17 here, so the integration suites run on dynalite only, not on AWS's " +
        "DynamoDB Local (Debian: apt-get install openjdk-17-jre-headless; CI installs it)",
    );
    return ["dynalite"];
  }
  return all;
})();

function hasJava(): boolean {
  try {
    return new Deno.Command("java", { args: ["-version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

/** What a suite body gets for one engine. */
export interface EngineSuite {
  engine: LocalEngine;
  local: LocalDynamo;
  /** Registers `${engine}: ${name}`; unless `shared`, the server has no tables when `fn` starts. */
  test(name: string, fn: () => Promise<void>): void;
}

/** Options of `forEachEngine`. */
export interface EngineOptions {
  engines?: readonly LocalEngine[];
  /** Tests share the tables the suite body made (it may be async, for that); default `false`. */
  shared?: boolean;
  /** Added to each test's name after the engine's, for a second run of one suite (like a transport). */
  label?: string;
}

/** Starts every engine's server at once, then registers `suite` once per engine. */
export async function forEachEngine(
  suite: (s: EngineSuite) => void | Promise<void>,
  { engines = ENGINES, shared = false, label }: EngineOptions = {},
): Promise<void> {
  const locals = await Promise.all(engines.map((engine) => startLocalDynamo({ engine })));
  for (const local of locals) {
    const prefix = label ? `${local.engine} (${label})` : local.engine;
    await suite({
      engine: local.engine,
      local,
      test: (name, fn) =>
        Deno.test(`${prefix}: ${name}`, async () => {
          if (!shared) await dropTables(local);
          await fn();
        }),
    });
    // The server was started before any test: closing it is no leak of this one.
    Deno.test({
      name: `${prefix}: close the server`,
      sanitizeOps: false,
      sanitizeResources: false,
      fn: () => local.close(),
    });
  }
}

/** Deletes every table and waits until none is listed. */
export async function dropTables(local: LocalDynamo): Promise<void> {
  const db = local.client();
  for (let names = await listAll(local); names.length > 0; names = await listAll(local)) {
    await Promise.all(
      names.map((TableName) =>
        // A table already DELETING is on its way out.
        db.deleteTable({ TableName }).catch((e) => {
          if (!(e instanceof ResourceNotFoundError || e instanceof ResourceInUseError)) throw e;
        })
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function listAll(local: LocalDynamo): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await local.client().listTables(start ? { ExclusiveStartTableName: start } : {});
    names.push(...page.TableNames ?? []);
    start = page.LastEvaluatedTableName;
  } while (start);
  return names;
}

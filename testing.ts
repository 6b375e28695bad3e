/**
 * Test helpers: a real local DynamoDB started with one call, so code that uses dynafetch can be tested
 * against a server: dynalite in-process (the default, nothing but npm needed), or AWS's own DynamoDB
 * Local in a JVM (`engine: "dynamodb-local"`: transactions, PartiQL, TTL, DynamoDB's string order).
 *
 * ```ts
 * import { startLocalDynamo } from "@dynafetch/dynafetch/testing";
 *
 * const local = await startLocalDynamo();
 * const db = local.client();
 * await db.listTables();
 * await local.close();
 * ```
 *
 * This module runs in Deno, Node and Bun (it imports the npm package `dynalite`, and `node:*` modules for
 * DynamoDB Local), not in browsers.
 *
 * @module
 */
import dynalite from "dynalite";
import { DynamoDB } from "./lib/client/mod.ts";
import type { DynamoDBOptions } from "./lib/client/mod.ts";

/**
 * Which server `startLocalDynamo` runs: `"dynalite"`, in-process JavaScript, or `"dynamodb-local"`, AWS's
 * DynamoDB Local 1.25.1 in a JVM.
 */
export type LocalEngine = "dynalite" | "dynamodb-local";

/** Options of `startLocalDynamo`. */
export interface LocalDynamoOptions {
  /** The server; default `"dynalite"`. */
  engine?: LocalEngine;
  /** The port to listen on; default `0`, a free port. */
  port?: number;
  /** dynalite only: milliseconds a table stays CREATING; default `0` (immediately ACTIVE). */
  createTableMs?: number;
  /** dynalite only: milliseconds a table stays DELETING; default `0`. */
  deleteTableMs?: number;
  /** dynalite only: milliseconds a table stays UPDATING; default `0`. */
  updateTableMs?: number;
  /**
   * DynamoDB Local only: the folder that caches the emulator (`DynamoDBLocal.jar` and its libraries),
   * fetched there with `npm pack amplify-dynamodb-simulator@2.9.30` on first use; default the
   * environment variable `DYNAFETCH_DYNAMODB_LOCAL_DIR`, else `~/.cache/dynafetch/dynamodb-local-1.25.1`.
   */
  dynamodbLocalDir?: string;
  /** DynamoDB Local only: the Java 17+ command; default `"java"`, found on the PATH. */
  java?: string;
  /** DynamoDB Local only: milliseconds to wait for the JVM to answer; default `120000`. */
  startTimeoutMs?: number;
}

/** A running local DynamoDB. */
export interface LocalDynamo {
  /** Which server it is. */
  engine: LocalEngine;
  /** Its URL, like `http://127.0.0.1:49152`. */
  endpoint: string;
  /**
   * A client for it (region `us-east-1`, placeholder credentials, which neither server checks);
   * `options` override those. DynamoDB Local runs with `-sharedDb`: every region and key sees the same
   * tables, as with dynalite.
   */
  client(options?: DynamoDBOptions): DynamoDB;
  /**
   * Stops the server: dynalite closes its idle keep-alive connections first so it does not wait for
   * them; DynamoDB Local's JVM is killed and awaited, leaving no process behind.
   */
  close(): Promise<void>;
}

// The part of dynalite's node:http server this module uses.
interface Server {
  listen(port: number, host: string, callback: () => void): void;
  once(event: "error", listener: (error: Error) => void): void;
  address(): { port: number } | string | null;
  closeAllConnections?(): void;
  close(callback: (error?: Error) => void): void;
}

/**
 * Starts a local DynamoDB on 127.0.0.1: dynalite in-process with table state changes immediate, or
 * with `engine: "dynamodb-local"` AWS's DynamoDB Local (in memory, telemetry off), fetched once into a
 * cache folder and run with `java`, ready when this resolves. DynamoDB Local 1.25.1 has no option to
 * listen on one address: it listens on every interface of the machine.
 *
 * @param options The engine, the port, and per engine its table timings or its cache folder.
 * @returns The server's endpoint, a client factory and `close`.
 * @throws {Error} When the server does not start; for DynamoDB Local, when `java` is missing (the
 * message says how to install it), or the emulator cannot be fetched.
 * @example
 * ```ts
 * import { startLocalDynamo } from "@dynafetch/dynafetch/testing";
 * import { assertEquals, assertMatch } from "@std/assert";
 *
 * const local = await startLocalDynamo();
 * try {
 *   assertMatch(local.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
 *   assertEquals((await local.client().listTables()).TableNames, []);
 * } finally {
 *   await local.close();
 * }
 * ```
 */
export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const engine = options.engine ?? "dynalite";
  if (engine === "dynamodb-local") {
    // Loaded only here: the dynalite path never loads the JVM code.
    const { defaultEmulatorDir, startEmulator } = await import("./lib/adapters/dynamodb_local.ts");
    const emulator = await startEmulator({
      dir: options.dynamodbLocalDir ?? defaultEmulatorDir(),
      java: options.java ?? "java",
      port: options.port || undefined,
      startTimeoutMs: options.startTimeoutMs ?? 120_000,
    });
    return handle(engine, `http://127.0.0.1:${emulator.port}`, emulator.stop);
  }
  if (engine !== "dynalite") {
    throw new Error(`unknown engine ${JSON.stringify(engine)}: "dynalite" or "dynamodb-local"`);
  }
  const server: Server = dynalite({
    createTableMs: options.createTableMs ?? 0,
    deleteTableMs: options.deleteTableMs ?? 0,
    updateTableMs: options.updateTableMs ?? 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("dynalite has no port");
  return handle(engine, `http://127.0.0.1:${address.port}`, () =>
    new Promise((resolve, reject) => {
      server.close((error) => error ? reject(error) : resolve());
      server.closeAllConnections?.();
    }));
}

function handle(engine: LocalEngine, endpoint: string, stop: () => Promise<void>): LocalDynamo {
  let closed: Promise<void> | undefined;
  return {
    engine,
    endpoint,
    client: (overrides) =>
      new DynamoDB({
        endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
        ...overrides,
      }),
    close: () => closed ??= stop(),
  };
}

/**
 * Test helpers: a real local DynamoDB (dynalite) started in-process, so code that uses dynafetch can be
 * tested against a server with one import.
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
 * This module runs in Deno, Node and Bun (it imports the npm package `dynalite`), not in browsers.
 *
 * @module
 */
import dynalite from "dynalite";
import { DynamoDB } from "./lib/client/mod.ts";
import type { DynamoDBOptions } from "./lib/client/mod.ts";

/** Options of `startLocalDynamo`. */
export interface LocalDynamoOptions {
  /** The port to listen on; default `0`, a free port chosen by the system. */
  port?: number;
  /** Milliseconds a table stays CREATING; default `0` (immediately ACTIVE). */
  createTableMs?: number;
  /** Milliseconds a table stays DELETING; default `0`. */
  deleteTableMs?: number;
  /** Milliseconds a table stays UPDATING; default `0`. */
  updateTableMs?: number;
}

/** A running local DynamoDB. */
export interface LocalDynamo {
  /** Its URL, like `http://127.0.0.1:49152`. */
  endpoint: string;
  /**
   * A client for it (region `us-east-1`, placeholder credentials, which dynalite does not check);
   * `options` override those.
   */
  client(options?: DynamoDBOptions): DynamoDB;
  /** Stops the server, closing idle keep-alive connections first so it does not wait for them. */
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
 * Starts dynalite in-process on 127.0.0.1 with table state changes immediate.
 *
 * @param options The port and table timings.
 * @returns The server's endpoint, a client factory and `close`.
 * @example
 * ```ts
 * import { startLocalDynamo } from "@dynafetch/dynafetch/testing";
 * import assert from "node:assert/strict";
 *
 * const local = await startLocalDynamo();
 * try {
 *   assert.match(local.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
 *   assert.deepEqual((await local.client().listTables()).TableNames, []);
 * } finally {
 *   await local.close();
 * }
 * ```
 */
export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
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
  const endpoint = `http://127.0.0.1:${address.port}`;
  let closed: Promise<void> | undefined;
  return {
    endpoint,
    client: (overrides) =>
      new DynamoDB({
        endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
        ...overrides,
      }),
    close: () =>
      closed ??= new Promise((resolve, reject) => {
        server.close((error) => error ? reject(error) : resolve());
        server.closeAllConnections?.();
      }),
  };
}

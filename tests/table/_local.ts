// Shared test helpers: a Database over a local server (tests/_engines.ts runs each suite on dynalite
// and DynamoDB Local), and a fake-transport Database that answers from a handler, for request shapes
// and faults no server produces.
import type { LocalDynamo } from "../../testing.ts";
import { Database, type DatabaseOptions } from "../../lib/table/database.ts";

/** A Database whose client talks to `local`; `options` reach both. */
export function database(local: LocalDynamo, options: DatabaseOptions = {}): Database {
  return new Database({ ...options, client: local.client(options) });
}

/** A Database on `local` that records every request it sends in `seen`. */
export function recordingDatabase(
  local: LocalDynamo,
  options: DatabaseOptions = {},
): { db: Database; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const db = database(local, {
    ...options,
    onEvent: (event) => {
      if (event.type === "request" && event.attempt === 1) {
        seen.push({ operation: event.operation, body: JSON.parse(event.body) });
      }
    },
  });
  return { db, seen };
}

/** A request the fake transport saw: the operation (X-Amz-Target suffix) and the parsed body. */
export interface SeenRequest {
  operation: string;
  body: Record<string, unknown>;
}

/**
 * A Database whose fetch answers with `handler`'s JSON (or a `Response` it returns); every request is
 * recorded in `seen`.
 */
export function fakeDatabase(
  handler: (request: SeenRequest) => unknown,
  options: DatabaseOptions = {},
): { db: Database; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const db = new Database({
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    sleep: () => Promise.resolve(),
    validateChecksums: false,
    ...options,
    fetch: (_url, init) => {
      const headers = new Headers(init?.headers);
      const request = {
        operation: (headers.get("x-amz-target") ?? "").split(".")[1],
        body: JSON.parse(String(init?.body)),
      };
      seen.push(request);
      const out = handler(request);
      return Promise.resolve(
        out instanceof Response ? out : new Response(JSON.stringify(out ?? {})),
      );
    },
  });
  return { db, seen };
}

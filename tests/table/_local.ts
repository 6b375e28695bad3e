// Shared test helpers: a Database over a fresh in-process dynalite, and a fake-transport Database that
// answers from a handler (for what dynalite lacks, like transactions).
import { startLocalDynamo } from "../../testing.ts";
import { Database, type DatabaseOptions } from "../../lib/table/database.ts";

/** Runs `fn` with a Database on a fresh dynalite, closing the server after. */
export async function withDatabase(
  fn: (db: Database) => Promise<void>,
  options: DatabaseOptions = {},
): Promise<void> {
  const local = await startLocalDynamo();
  try {
    await fn(new Database({ ...options, client: local.client(options) }));
  } finally {
    await local.close();
  }
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

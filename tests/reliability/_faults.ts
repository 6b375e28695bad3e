// A fault-injecting fetch for reliability tests: it sits in front of a real server (dynalite) and, driven by
// a seeded PRNG or by a fixed plan, answers some requests with the failures a client meets in the wild.
// Faults "before" never reach the server; faults "after" forward the request, let the server apply it, and
// then lose or damage the response.
import type { FetchLike, Sleep } from "../../mod.ts";

/** A failure the fault fetch can produce. */
export type FaultKind =
  // Before the server sees the request:
  | "throughput" // 400 ProvisionedThroughputExceededException
  | "throttling" // 400 ThrottlingException
  | "http500" // 500 InternalServerError
  | "http503" // 503 ServiceUnavailable
  | "reset" // the connection resets: fetch rejects with a TypeError
  | "timeout" // nothing comes back until the attempt's signal aborts
  | "html502" // a proxy's 502 page, text/html
  // After the server applied the request:
  | "resetAfter" // applied, then the connection resets before the response
  | "timeoutAfter" // applied, then the response never arrives
  | "http500After" // applied, then a 500 (DynamoDB may fail after the write)
  | "html502After" // applied, then a proxy's 502 page replaces the response
  | "truncated" // the real body cut short, x-amz-crc32 of the whole body kept
  | "truncatedStream" // the real body starts, then the stream errors (connection dropped mid-body)
  | "crc"; // the real body with a wrong x-amz-crc32

/** Every kind, each once. */
export const ALL_FAULTS: readonly FaultKind[] = [
  "throughput",
  "throttling",
  "http500",
  "http503",
  "reset",
  "timeout",
  "html502",
  "resetAfter",
  "timeoutAfter",
  "http500After",
  "html502After",
  "truncated",
  "truncatedStream",
  "crc",
];

/** The kinds whose request reached the server and was applied. */
export const AFTER: ReadonlySet<FaultKind> = new Set([
  "resetAfter",
  "timeoutAfter",
  "http500After",
  "html502After",
  "truncated",
  "truncatedStream",
  "crc",
]);

/** One request the fault fetch saw: its operation, the fault injected (if any). */
export interface FaultRecord {
  operation: string;
  fault?: FaultKind;
}

/** How the fault fetch chooses faults. */
export interface FaultOptions {
  /** The real server's fetch target is the URL the client gives; this is the fetch used to reach it. */
  fetch?: FetchLike;
  /** The PRNG seed. */
  seed?: number;
  /** The share of requests that get a fault, in [0, 1]. */
  rate?: number;
  /**
   * The kinds to deal from, with repeats as weights: dealt from a shuffled deck, reshuffled when empty, so
   * every kind comes up once per deck. Default: every kind, timeouts at half weight.
   */
  kinds?: readonly FaultKind[];
  /** Only requests of these operations get faults (e.g. `["BatchWriteItem"]`); default all. */
  operations?: readonly string[];
  /** Faults for the first requests, in order (`undefined`: no fault); the PRNG takes over after. */
  plan?: readonly (FaultKind | undefined)[];
}

/** Mulberry32: a small, fast, seeded PRNG returning numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEFAULT_KINDS: readonly FaultKind[] = [
  ...ALL_FAULTS.filter((k) => k !== "timeout" && k !== "timeoutAfter").flatMap((k) => [k, k]),
  "timeout",
  "timeoutAfter",
];

const json = (status: number, type: string, message: string) =>
  new Response(
    JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }),
    { status, headers: { "content-type": "application/x-amz-json-1.0" } },
  );
const html502 = () =>
  new Response(
    "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
    { status: 502, headers: { "content-type": "text/html" } },
  );

// Rejects like fetch when its signal aborts: with the signal's reason.
function hang(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return; // never settles: a client without a timeout would hang here
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/**
 * A fetch that injects faults in front of `options.fetch` (default the global fetch), with a log of
 * every request and the fault it got.
 */
export function faultyFetch(
  options: FaultOptions = {},
): { fetch: FetchLike; log: FaultRecord[]; faults(): Partial<Record<FaultKind, number>> } {
  const real: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const random = prng(options.seed ?? 1);
  const rate = options.rate ?? 0.3;
  const kinds = options.kinds ?? DEFAULT_KINDS;
  const plan = [...(options.plan ?? [])];
  const log: FaultRecord[] = [];
  let deck: FaultKind[] = [];
  const choose = (operation: string): FaultKind | undefined => {
    if (plan.length) return plan.shift();
    if (options.operations && !options.operations.includes(operation)) return undefined;
    if (random() >= rate) return undefined;
    if (!deck.length) {
      deck = [...kinds];
      for (let i = deck.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [deck[i], deck[j]] = [deck[j], deck[i]];
      }
    }
    return deck.pop();
  };
  const faultyFetch: FetchLike = async (url, init) => {
    const operation = (init.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
    const fault = choose(operation);
    log.push({ operation, fault });
    switch (fault) {
      case undefined:
        return real(url, init);
      case "throughput":
        return json(400, "ProvisionedThroughputExceededException", "Rate of requests exceeds");
      case "throttling":
        return json(400, "ThrottlingException", "Rate exceeded");
      case "http500":
        return json(500, "InternalServerError", "Internal server error");
      case "http503":
        return new Response("", { status: 503 });
      case "reset":
        throw new TypeError("error sending request: connection reset by peer");
      case "timeout":
        return hang(init.signal);
      case "html502":
        return html502();
    }
    // The server applies the request; its response is read in full, then lost or damaged.
    const response = await real(url, init);
    const body = new Uint8Array(await response.arrayBuffer());
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    switch (fault) {
      case "resetAfter":
        throw new TypeError("error reading a body from connection: connection reset");
      case "timeoutAfter":
        return hang(init.signal);
      case "http500After":
        return json(500, "InternalServerError", "Internal server error");
      case "html502After":
        return html502();
      case "truncated":
        return new Response(body.slice(0, body.length >> 1), { status: response.status, headers });
      case "truncatedStream": {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(body.slice(0, body.length >> 1));
            controller.error(new TypeError("error decoding response body: connection closed"));
          },
        });
        return new Response(stream, { status: response.status, headers });
      }
      case "crc": {
        headers.set("x-amz-crc32", String((Number(headers.get("x-amz-crc32") ?? 0) + 1) >>> 0));
        return new Response(body, { status: response.status, headers });
      }
    }
  };
  return {
    fetch: faultyFetch,
    log,
    faults: () => {
      const counts: Partial<Record<FaultKind, number>> = {};
      for (const { fault } of log) if (fault) counts[fault] = (counts[fault] ?? 0) + 1;
      return counts;
    },
  };
}

/**
 * A `sleep` for the client and the table: backoff waits return at once (their lengths are recorded in
 * `delays`), while a wait of exactly `timeoutMs` (the client's per-attempt timeout timer) really waits,
 * so a hanging attempt is aborted by the client's own timeout.
 */
export function instantBackoff(timeoutMs: number): { sleep: Sleep; delays: number[] } {
  const delays: number[] = [];
  const sleep: Sleep = (ms, signal) => {
    if (ms !== timeoutMs) {
      delays.push(ms);
      return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const stop = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", stop);
        resolve();
      }, ms);
      signal?.addEventListener("abort", stop, { once: true });
    });
  };
  return { sleep, delays };
}

/** The SHA-256 (hex) of the JSON of `items` sorted by their JSON: a checksum of a table's contents. */
export async function contentsHash(items: readonly unknown[]): Promise<string> {
  const lines = items.map((item) => JSON.stringify(item, sortedKeys)).sort();
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(lines.join("\n")));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// A JSON replacer that writes object keys in sorted order, so equal items give equal text.
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const entries = Object.entries(value).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return Object.fromEntries(entries);
}

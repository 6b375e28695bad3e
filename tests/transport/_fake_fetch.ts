// An in-memory fetch for tests: answers each call with the next scripted reply and records the requests.
import { crc32 } from "../../lib/transport/crc32.ts";
import type { FetchLike } from "../../lib/transport/http.ts";

/** One scripted answer: a response, a thrown error, or "hang" (wait until the request is aborted). */
export type Reply =
  | { status?: number; body?: string; headers?: Record<string, string>; crc?: boolean | number }
  | Error
  | "hang";

/** A request the fake received. */
export type Seen = { url: string; headers: Record<string, string>; body: string; json: unknown };

/** Makes a fetch answering with `replies` in order (the last one repeats); CRC headers by default. */
export function fakeFetch(replies: Reply[]): { fetch: FetchLike; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetch: FetchLike = (url, init) => {
    seen.push({ url, headers: init.headers, body: init.body, json: JSON.parse(init.body) });
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)];
    if (reply === "hang") {
      return new Promise((_, reject) => {
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    }
    if (reply instanceof Error) return Promise.reject(reply);
    const body = reply.body ?? "{}";
    const headers: Record<string, string> = {
      "content-type": "application/x-amz-json-1.0",
      "x-amzn-requestid": `req-${seen.length}`,
      ...reply.headers,
    };
    if (reply.crc !== false) {
      headers["x-amz-crc32"] = String(
        typeof reply.crc === "number" ? reply.crc : crc32(new TextEncoder().encode(body)),
      );
    }
    return Promise.resolve(new Response(body, { status: reply.status ?? 200, headers }));
  };
  return { fetch, seen };
}

/** An error body as DynamoDB sends it. */
export function errorBody(code: string, message = "scripted", extra: object = {}): string {
  return JSON.stringify({
    __type: `com.amazonaws.dynamodb.v20120810#${code}`,
    message,
    ...extra,
  });
}

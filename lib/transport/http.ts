/**
 * The HTTP exchange the client needs, and nothing more: a POST with headers and a string body in, the
 * status, headers and body bytes out. `fetchTransport` makes one from `fetch`; the `./node` entry makes
 * one from `node:http` with a keep-alive agent.
 *
 * This module is browser compatible.
 *
 * @module
 */

/** The part of `fetch` the client uses; `globalThis.fetch` is one. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<Response>;

/** One request as the client sends it. */
export interface HttpRequest {
  /** The absolute URL. */
  url: string;
  /** The method, `POST` for every DynamoDB operation. */
  method: string;
  /** The headers, names in lower case. */
  headers: Record<string, string>;
  /** The body; its length on the wire is its UTF-8 byte count. */
  body: string;
  /** Aborts the exchange (the caller's abort or the attempt's timeout); the promise then rejects. */
  signal?: AbortSignal;
  /**
   * The attempt's deadline in milliseconds, given only to a transport whose `timeouts` is `true`: when
   * no full response has arrived by then, it rejects with an error named `"TimeoutError"`.
   */
  timeoutMs?: number;
}

/** One response, its body read in full. */
export interface HttpResponse {
  /** The HTTP status code. */
  status: number;
  /** The response headers, looked up by lower-case name. */
  headers: { get(name: string): string | null };
  /** The body bytes as received (the CRC-32 is checked on these). */
  body: Uint8Array;
  /** Whether the request went over a connection an earlier request had used, when the transport knows. */
  reusedConnection?: boolean;
}

/**
 * Sends one request and resolves with its response; rejects when no response arrived (network failure,
 * abort), which the client retries as a `NetworkError`. A transport with `timeouts: true` enforces
 * `timeoutMs` itself, so the client sets no timer and no abort signal of its own for an attempt (an
 * `AbortController` with a listener costs ~9 us per request in Node).
 */
export type HttpTransport = ((request: HttpRequest) => Promise<HttpResponse>) & {
  /** Whether the transport enforces `HttpRequest.timeoutMs` itself. */
  timeouts?: boolean;
  /**
   * A native SHA-256 (lower-case hex) of a body's UTF-8 bytes, faster than the signer's own; the
   * client signs with it under `hashing: "auto"`. `undefined` when it is not ready yet: the signer
   * hashes as usual.
   */
  sha256?: (body: string) => string | undefined;
  /** A native CRC-32 of response bytes, for the checksum check; `undefined` when it is not ready yet. */
  crc32?: (bytes: Uint8Array) => number | undefined;
};

/**
 * Makes a transport from `fetch`: the default everywhere but Node (where the npm package uses the
 * `node:http` transport of `@dynafetch/dynafetch/node`).
 *
 * @param fetch The fetch to send with. Default: the global `fetch`, looked up at each call.
 * @returns A transport reading each body as bytes.
 * @example
 * ```ts
 * import { fetchTransport } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const transport = fetchTransport(() => Promise.resolve(new Response("{}", { status: 200 })));
 * const response = await transport({ url: "https://example.com/", method: "POST", headers: {}, body: "" });
 * assertEquals(response.status, 200);
 * assertEquals(response.body, new TextEncoder().encode("{}"));
 * ```
 */
export function fetchTransport(fetch?: FetchLike): HttpTransport {
  const send: FetchLike = fetch ?? ((url, init) => globalThis.fetch(url, init));
  return async ({ url, method, headers, body, signal }) => {
    const response = await send(url, { method, headers, body, signal });
    return {
      status: response.status,
      headers: response.headers,
      body: new Uint8Array(await response.arrayBuffer()),
    };
  };
}

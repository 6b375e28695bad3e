/**
 * A transport over `node:http` and `node:https` with a keep-alive agent: on Node it spends about half
 * the time per request of the global `fetch`. The npm package uses it by default on Node; elsewhere pass
 * it as the client's `transport`.
 *
 * ```ts
 * import { DynamoDB } from "@dynafetch/dynafetch";
 * import { nodeHttpTransport } from "@dynafetch/dynafetch/node";
 * import { assert } from "@std/assert";
 *
 * const transport = nodeHttpTransport({ maxSockets: 16 });
 * const db = new DynamoDB({ region: "eu-west-1", transport });
 * assert(db instanceof DynamoDB);
 * transport.close();
 * ```
 *
 * This module runs in Node (20 and later), Bun and Deno; it imports Node's built-in modules only, and
 * the core never imports it.
 *
 * @module
 */
import { Agent, type IncomingMessage, request as httpRequest } from "node:http";
import type { Agent as TlsAgent } from "node:https";
import { Buffer } from "node:buffer";
import type { HttpRequest, HttpResponse, HttpTransport } from "../transport/http.ts";

/** TLS settings of the `https` agent (Node's `tls.connect` options of the same names). */
export interface NodeTlsOptions {
  /** Certificate authorities to trust instead of Node's bundled ones (PEM). */
  ca?: string | Uint8Array | (string | Uint8Array)[];
  /** A client certificate chain (PEM), for mutual TLS. */
  cert?: string | Uint8Array;
  /** The client certificate's private key (PEM). */
  key?: string | Uint8Array;
  /** Refuse servers whose certificate does not verify. Default `true`. */
  rejectUnauthorized?: boolean;
  /** The server name sent for SNI and checked against the certificate. Default: the URL's host. */
  servername?: string;
}

/** Options of `nodeHttpTransport`, with their defaults. */
export interface NodeHttpOptions {
  /** Most sockets open at once per host; further requests wait for one. Default `50`. */
  maxSockets?: number;
  /**
   * How long an idle socket stays open for reuse, in milliseconds; a shorter `Keep-Alive: timeout`
   * from the server wins. Default `30_000`.
   */
  keepAliveMs?: number;
  /** TLS settings for `https` endpoints. */
  tls?: NodeTlsOptions;
}

// How many times one request is sent again at once when a pooled socket turns out to be closed.
const STALE_RETRIES = 3;

// Node's native SHA-256 and CRC-32, shared by every transport. Measured in Node 20 here: a 20 KB body
// (a BatchWriteItem of 25 items) hashes in ~36 us against ~175 us in the signer's JavaScript and ~120 us
// through WebCrypto's async digest; a 1 KB body in ~2 us against ~8; a 50 KB response's CRC-32 takes
// ~13 us against ~37. They load in the background on the first body or response big enough to gain
// (node:crypto costs a fresh process ~4.5 ms), so a small first request waits for neither; until then
// the client hashes as usual.
let createHash: typeof import("node:crypto").createHash | undefined;
let nativeCrc32: ((bytes: Uint8Array) => number) | undefined;
let loading: Promise<void> | undefined;

// Each module on its own, so that one missing leaves the other in use.
function loadNatives(): void {
  loading ??= Promise.all([
    import("node:crypto").then((crypto) => createHash = crypto.createHash, () => {}),
    // zlib.crc32 is in Node 20.15 and later.
    import("node:zlib").then((zlib) => {
      if (typeof zlib.crc32 == "function") nativeCrc32 = zlib.crc32;
    }, () => {}),
  ]).then(() => {});
}

// Below ~256 characters the pure code is the faster (a 40-character GetItem: 0.67 us against 1.1).
function sha256(body: string): string | undefined {
  if (body.length < 256) return undefined;
  if (createHash) return createHash("sha256").update(body).digest("hex");
  if (body.length > 512) loadNatives();
}

function crc32(bytes: Uint8Array): number | undefined {
  if (nativeCrc32) return nativeCrc32(bytes);
  if (bytes.length > 4096) loadNatives();
}

/**
 * Makes a transport over `node:http` / `node:https` with keep-alive agents (made on first use).
 * Requests honour their `AbortSignal` (the client's abort and per-attempt timeout destroy the request);
 * socket and TLS errors reject, which the client retries as a `NetworkError`. A request that fails on a
 * pooled socket the server had closed while it was idle is sent again at once on another socket,
 * without the client seeing a failure. Each response reports `reusedConnection`. The transport also
 * offers Node's native SHA-256 and CRC-32 (`sha256`, `crc32`): once they have loaded, the client signs
 * bodies of 256 characters and more and checks responses with them. They load in the background on the
 * first body over 512 characters or response over 4 KB.
 *
 * @param options Socket count, idle lifetime and TLS settings.
 * @returns The transport, with `close()` to destroy its sockets (requests in flight fail; later ones
 *   open new sockets).
 * @example
 * ```ts
 * import { nodeHttpTransport } from "@dynafetch/dynafetch/node";
 * import { createServer } from "node:http";
 * import { assertEquals } from "@std/assert";
 *
 * const server = createServer((_req, res) => res.end("{}"));
 * await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
 * const address = server.address();
 * const url = `http://127.0.0.1:${typeof address === "object" && address?.port}/`;
 * const transport = nodeHttpTransport();
 * const request = { url, method: "POST", headers: {}, body: "{}" };
 * assertEquals((await transport(request)).reusedConnection, false);
 * const second = await transport(request);
 * assertEquals(second.reusedConnection, true);
 * assertEquals(new TextDecoder().decode(second.body), "{}");
 * transport.close();
 * await new Promise((resolve) => server.close(resolve));
 * ```
 */
export function nodeHttpTransport(
  options: NodeHttpOptions = {},
): HttpTransport & { close(): void } {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 50,
    timeout: options.keepAliveMs ?? 30_000,
  };
  const { ca, cert, key, ...tlsRest } = options.tls ?? {};
  const tlsOptions = {
    ...tlsRest,
    ca: Array.isArray(ca) ? ca.map(text) : pem(ca),
    cert: pem(cert),
    key: pem(key),
  };
  let plain: Agent | undefined;
  let secure: TlsAgent | undefined;
  // node:https (and TLS under it) loads on the first https request: a local endpoint never needs it,
  // and loading it costs a fresh Node process ~5-10 ms.
  let https: typeof import("node:https") | undefined;
  // The client sends every request to one URL: parse it, and derive the request's target, once.
  let last: { href: string; url: URL; target: Target } | undefined;

  const transport = async (request: HttpRequest): Promise<HttpResponse> => {
    if (last?.href !== request.url) {
      const url = new URL(request.url);
      last = {
        href: request.url,
        url,
        target: {
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
          port: url.port,
          path: url.pathname + url.search,
        },
      };
    }
    const { url, target } = last;
    const tls = url.protocol === "https:" ? https ??= await import("node:https") : undefined;
    const agent = tls
      ? secure ??= new tls.Agent({ ...agentOptions, ...tlsOptions })
      : plain ??= new Agent(agentOptions);
    // The body goes as the string it is: node:http writes it as UTF-8 with the head in one write, with
    // no copy into bytes first (a BatchWriteItem body is ~20 KB).
    const data = request.body;
    const headers = { ...request.headers, "content-length": String(Buffer.byteLength(data)) };
    // The deadline covers the resends on a new socket too.
    const deadline = request.timeoutMs ? Date.now() + request.timeoutMs : 0;
    for (let stale = 0;; stale++) {
      try {
        return await exchange(
          tls?.request ?? httpRequest,
          target,
          request,
          headers,
          data,
          agent,
          deadline,
        );
      } catch (error) {
        if (!(error instanceof StaleSocket) || stale >= STALE_RETRIES) {
          throw error instanceof StaleSocket ? error.cause : error;
        }
      }
    }
  };
  const close = () => {
    plain?.destroy();
    secure?.destroy();
    plain = secure = undefined;
  };
  return Object.assign(transport, { close, timeouts: true, sha256, crc32 });
}

// A request failed before any response on a socket an earlier request had used: the server closed it
// while it sat idle in the pool. Sending again is safe in the sense the client's retry already is.
class StaleSocket extends Error {}

// Where a request goes, in node:http's terms.
type Target = { protocol: string; hostname: string; port: string; path: string };

function exchange(
  send: typeof httpRequest,
  target: Target,
  { method, signal, timeoutMs }: HttpRequest,
  headers: Record<string, string>,
  data: string,
  agent: Agent,
  deadline: number,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let answered = false;
    const req = send({
      ...target,
      method,
      headers,
      agent,
    });
    const onAbort = () => {
      req.destroy();
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    // The attempt's deadline: a plain timer, cheaper than an abort signal with a listener.
    const timer = timeoutMs
      ? setTimeout(() => {
        const error = new Error(`no response within ${timeoutMs} ms`);
        error.name = "TimeoutError";
        reject(error);
        req.destroy();
      }, Math.max(0, deadline - Date.now()))
      : undefined;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    req.on("error", (error: Error & { code?: string }) => {
      done();
      if (
        !answered && req.reusedSocket && !signal?.aborted &&
        (error.code === "ECONNRESET" || error.code === "EPIPE")
      ) reject(new StaleSocket("stale pooled socket", { cause: error }));
      else reject(error);
    });
    req.on("response", (res: IncomingMessage) => {
      answered = true;
      const chunks: Uint8Array[] = [];
      res.on("data", (chunk: Uint8Array) => chunks.push(chunk));
      res.on("error", (error) => {
        done();
        reject(error);
      });
      // A body cut short ends in "error" or, on some runtimes, only in "close".
      res.on("close", () => {
        done();
        if (!res.complete) reject(new Error("the connection closed before the response ended"));
      });
      res.on("end", () => {
        done();
        const raw = res.headers;
        resolve({
          status: res.statusCode ?? 0,
          headers: {
            get(name) {
              const value = raw[name.toLowerCase()];
              return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
            },
          },
          body: chunks.length === 1 ? chunks[0] : concat(chunks),
          reusedConnection: req.reusedSocket,
        });
      });
    });
    req.end(data);
  });
}

// PEM is text: bytes are decoded, so that Node's options (typed as strings or Buffers) take them.
function text(value: string | Uint8Array): string {
  return typeof value === "string" ? value : new TextDecoder().decode(value);
}

function pem(value: string | Uint8Array | undefined): string | undefined {
  return value === undefined ? value : text(value);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

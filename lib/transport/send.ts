/**
 * Sending one operation: sign, send over the HTTP transport, check the CRC-32, parse, and retry what is
 * worth retrying, with every effect (transport, clock, sleep, randomness) passed in.
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { Credentials } from "../sigv4/mod.ts";
import { signJsonPost } from "../sigv4/_json_post.ts";
import {
  buildRequest,
  DynamoDBError,
  ExpiredTokenError,
  isThrottlingCode,
  parseResponse,
  ResponseParseError,
} from "../operations/mod.ts";
import { backoffDelay } from "./backoff.ts";
import { sleep } from "./_sleep.ts";
import { crc32 } from "./crc32.ts";
import { ChecksumError, NetworkError, TimeoutError, TransportError } from "./errors.ts";
import type { HttpResponse, HttpTransport } from "./http.ts";

/** Waits `ms` milliseconds; rejects with the signal's reason when `signal` aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Options for one call: a caller's `AbortSignal` and a per-attempt timeout overriding the client's. */
export type CallOptions = { signal?: AbortSignal; timeoutMs?: number };

/**
 * What the `onEvent` hook sees: each request as sent (the `authorization` and `x-amz-security-token`
 * headers redacted), each response (with `reusedConnection` when the transport knows whether the
 * request went over a connection used before), and each retry with the error that caused it.
 */
export type ClientEvent =
  | {
    type: "request";
    operation: string;
    attempt: number;
    url: string;
    headers: Record<string, string>;
    body: string;
  }
  | {
    type: "response";
    operation: string;
    attempt: number;
    statusCode: number;
    requestId?: string;
    durationMs: number;
    reusedConnection?: boolean;
  }
  | { type: "retry"; operation: string; attempt: number; delayMs: number; error: Error };

/** Everything `send` needs, resolved once per client. */
export type TransportConfig = {
  url: string;
  region: string;
  /** Returns the credentials to sign with; `true` asks the provider to refresh them. */
  credentials: (forceRefresh: boolean) => Credentials | Promise<Credentials>;
  /** Whether `credentials(true)` can return new credentials (false for static ones). */
  refreshable: boolean;
  transport: HttpTransport;
  maxAttempts: number;
  timeoutMs: number;
  validateChecksums: boolean;
  baseDelayMs: number;
  maxDelayMs: number;
  now: () => number;
  sleep: Sleep;
  random: () => number;
  hashing?: "auto" | "webcrypto" | "js";
  onEvent?: (event: ClientEvent) => void;
};

/** Where `send` counts throttling responses. */
export type TransportCounters = { throughputExceededEvents: number };

const decoder = /* @__PURE__ */ new TextDecoder();
const REDACTED = "[redacted]";
const SETTLED = /* @__PURE__ */ new Error("attempt settled");

/**
 * Sends `operation` with `input` and returns its output, retrying throttling, 5xx, network, timeout and
 * checksum failures with backoff, and an expired token once after refreshing the credentials.
 *
 * @param config The client's resolved transport settings.
 * @param counters Where throttling responses are counted.
 * @param operation The operation name, like `PutItem`.
 * @param input The input in wire form.
 * @param call The caller's signal and timeout.
 * @returns The parsed output.
 * @throws {ValidationError} For bad input, before anything is sent.
 * @throws {DynamoDBError} What the service said, when it is not retried or the attempts ran out.
 * @throws {TransportError} A network, timeout or checksum failure on the last attempt.
 * @throws {ResponseParseError} When the body is not DynamoDB JSON.
 */
export async function send(
  config: TransportConfig,
  counters: TransportCounters,
  operation: string,
  input: unknown,
  call?: CallOptions,
): Promise<Record<string, unknown>> {
  const { target, body } = buildRequest(operation, input);
  const signal = call?.signal;
  const timeoutMs = call?.timeoutMs ?? config.timeoutMs;
  const { onEvent } = config;
  // The transport's own deadline serves only with the built-in sleep (a test's clock drives the timer).
  const native = config.transport.timeouts === true && config.sleep === sleep;

  // One exchange: sign with fresh (`refresh`) or current credentials, send, check, parse.
  const attemptOnce = async (attempt: number, refresh: boolean) => {
    const pending = config.credentials(refresh);
    // A provider may go to the network (IMDS, STS): the caller's signal need not wait for it.
    const credentials = signal && pending instanceof Promise
      ? await abortable(pending, signal)
      : await pending;
    signal?.throwIfAborted();
    const headers = await signJsonPost(
      config.url,
      target,
      body,
      credentials,
      config.region,
      "dynamodb",
      new Date(config.now()),
      config.hashing,
    );
    onEvent?.({
      type: "request",
      operation,
      attempt,
      url: config.url,
      headers: redact(headers),
      body,
    });
    const started = config.now();
    // A transport that keeps the deadline itself gets the caller's signal as it is; otherwise the
    // attempt's own controller carries both the caller's abort and the timeout.
    const controller = !native && (signal || timeoutMs > 0) ? new AbortController() : undefined;
    const forward = () => controller?.abort(signal?.reason);
    if (controller) signal?.addEventListener("abort", forward);
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timing = false;
    if (controller && timeoutMs > 0) {
      const expire = () => {
        timedOut = true;
        controller.abort();
      };
      // The built-in sleep is a timer: set one and clear it when the attempt settles, which spares an
      // abort event per request (Node's EventTarget makes that cost ~15 us). An injected sleep times the
      // attempt through the controller's signal and is cancelled by aborting it once settled.
      if (config.sleep === sleep) timer = setTimeout(expire, timeoutMs);
      else {
        timing = true;
        config.sleep(timeoutMs, controller.signal).then(expire, () => {});
      }
    }
    let response: HttpResponse;
    try {
      response = await config.transport(
        native && timeoutMs > 0
          ? { url: config.url, method: "POST", headers, body, signal, timeoutMs }
          : {
            url: config.url,
            method: "POST",
            headers,
            body,
            signal: controller?.signal ?? signal,
          },
      );
    } catch (cause) {
      signal?.throwIfAborted();
      if (timedOut || native && cause instanceof Error && cause.name === "TimeoutError") {
        throw new TimeoutError(`${operation}: no response within ${timeoutMs} ms`, { cause });
      }
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new NetworkError(`${operation}: ${reason}`, { cause });
    } finally {
      if (controller) signal?.removeEventListener("abort", forward);
      clearTimeout(timer);
      // Cancels an injected sleep; a shared reason spares building a DOMException per request.
      if (timing) controller?.abort(SETTLED);
    }
    const { status, body: bytes } = response;
    const got = (name: string) => response.headers.get(name);
    const requestId = got("x-amzn-requestid") ?? undefined;
    onEvent?.({
      type: "response",
      operation,
      attempt,
      statusCode: status,
      requestId,
      durationMs: config.now() - started,
      ...(response.reusedConnection === undefined
        ? {}
        : { reusedConnection: response.reusedConnection }),
    });
    const header = got("x-amz-crc32");
    // A compressed body's checksum covers bytes fetch has already inflated.
    if (
      config.validateChecksums && header !== null &&
      (got("content-encoding") ?? "identity") === "identity"
    ) {
      const actual = crc32(bytes);
      if (Number(header) !== actual) throw new ChecksumError(Number(header), actual);
    }
    return parseResponse(status, decoder.decode(bytes), requestId);
  };

  let refresh = false;
  let refreshed = false;
  for (let attempt = 1;; attempt++) {
    signal?.throwIfAborted();
    try {
      return await attemptOnce(attempt, refresh);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (
        !(error instanceof DynamoDBError || error instanceof TransportError ||
          error instanceof ResponseParseError)
      ) throw error;
      error.attempts = attempt;
      refresh = false;
      if (error instanceof DynamoDBError && isThrottlingCode(error.code)) {
        counters.throughputExceededEvents++;
      }
      let delayMs = 0;
      // An expired token is retried at once, with refreshed credentials, once.
      if (error instanceof ExpiredTokenError && config.refreshable && !refreshed) {
        refresh = refreshed = true;
      } else if (!error.retryable || attempt >= config.maxAttempts) throw error;
      else delayMs = backoffDelay(attempt, config.random, config.baseDelayMs, config.maxDelayMs);
      onEvent?.({ type: "retry", operation, attempt, delayMs, error });
      if (!refresh) await config.sleep(delayMs, signal);
    }
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  let stop = () => {};
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(signal.reason);
    signal.addEventListener("abort", stop, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener("abort", stop));
}

function redact(headers: Record<string, string>): Record<string, string> {
  const copy: Record<string, string> = { ...headers, authorization: REDACTED };
  if (copy["x-amz-security-token"]) copy["x-amz-security-token"] = REDACTED;
  return copy;
}

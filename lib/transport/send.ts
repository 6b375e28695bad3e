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
import { abortable, sleep } from "./_sleep.ts";
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
  const { url, now, sleep: wait, onEvent, transport } = config;
  const signal = call?.signal;
  const timeoutMs = call?.timeoutMs ?? config.timeoutMs;
  // A transport that keeps the deadline itself (`timeouts: true`) is given it, with the caller's signal
  // as it is, when the built-in sleep runs (an injected sleep drives the timeouts itself); otherwise a
  // time limit needs the attempt's own controller, which the caller's abort is forwarded to. With
  // neither, the transport gets the caller's signal as it is: no controller, no listener, no timer.
  const builtIn = wait === sleep;
  const native = builtIn && transport.timeouts === true;
  const deadline = native && timeoutMs > 0 ? timeoutMs : undefined;
  const timed = !native && timeoutMs > 0;
  // The body is the same on every attempt: a native hash of it, when the transport has one, is taken once.
  const bodyHash = config.hashing && config.hashing != "auto"
    ? undefined
    : transport.sha256?.(body);
  let refresh = false;
  let refreshed = false;
  // Each attempt runs inline (no closure per call): sign with fresh (`refresh`) or current credentials,
  // send, check, parse; the catch decides whether to go round again.
  for (let attempt = 1;; attempt++) {
    signal?.throwIfAborted();
    try {
      const pending = config.credentials(refresh);
      // A provider may go to the network (IMDS, STS): the caller's signal need not wait for it.
      const credentials = signal && pending instanceof Promise
        ? await abortable(pending, signal)
        : await pending;
      signal?.throwIfAborted();
      const headers = await signJsonPost(
        url,
        target,
        body,
        credentials,
        config.region,
        "dynamodb",
        new Date(now()),
        config.hashing,
        bodyHash,
      );
      onEvent?.({ type: "request", operation, attempt, url, headers: redact(headers), body });
      const started = onEvent ? now() : 0;
      const controller = timed ? new AbortController() : undefined;
      // The caller's abort reaches the attempt's own controller (made only when both exist).
      const forward = controller && signal && (() => controller.abort(signal.reason));
      if (forward) signal?.addEventListener("abort", forward);
      let timedOut = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      if (controller) {
        const expire = () => {
          timedOut = true;
          controller.abort();
        };
        // The built-in sleep is a timer: set one and clear it when the attempt settles, which spares
        // an abort event per request (Node's EventTarget makes that cost ~15 us). An injected sleep
        // times the attempt through the controller's signal and is cancelled by aborting it once
        // settled.
        if (builtIn) timer = setTimeout(expire, timeoutMs);
        else wait(timeoutMs, controller.signal).then(expire, () => {});
      }
      let response: HttpResponse;
      try {
        response = await transport({
          url,
          method: "POST",
          headers,
          body,
          signal: controller ? controller.signal : signal,
          timeoutMs: deadline,
        });
      } catch (cause) {
        signal?.throwIfAborted();
        throw timedOut || deadline && cause instanceof Error && cause.name == "TimeoutError"
          ? new TimeoutError(`${operation}: no response in ${timeoutMs} ms`, { cause })
          : new NetworkError(
            `${operation}: ${cause instanceof Error ? cause.message : String(cause)}`,
            { cause },
          );
      } finally {
        if (forward) signal?.removeEventListener("abort", forward);
        if (controller) {
          clearTimeout(timer);
          // Cancels an injected sleep; a shared reason spares building a DOMException per request.
          if (!builtIn) controller.abort(SETTLED);
        }
      }
      const { status, headers: got, body: bytes, reusedConnection } = response;
      const requestId = got.get("x-amzn-requestid") ?? undefined;
      onEvent?.({
        type: "response",
        operation,
        attempt,
        statusCode: status,
        requestId,
        durationMs: now() - started,
        ...(reusedConnection === undefined ? {} : { reusedConnection }),
      });
      const crc = got.get("x-amz-crc32");
      // A compressed body's checksum covers bytes fetch has already inflated.
      if (
        config.validateChecksums && crc !== null &&
        (got.get("content-encoding") ?? "identity") == "identity"
      ) {
        const actual = transport.crc32?.(bytes) ?? crc32(bytes);
        if (+crc !== actual) throw new ChecksumError(+crc, actual);
      }
      return parseResponse(status, decoder.decode(bytes), requestId);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (
        !(error instanceof DynamoDBError || error instanceof TransportError ||
          error instanceof ResponseParseError)
      ) throw error;
      error.attempts = attempt;
      if (error instanceof DynamoDBError && isThrottlingCode(error.code)) {
        counters.throughputExceededEvents++;
      }
      // An expired token is retried at once, with refreshed credentials, once.
      refresh = error instanceof ExpiredTokenError && config.refreshable && !refreshed;
      if (!refresh && (!error.retryable || attempt >= config.maxAttempts)) throw error;
      refreshed ||= refresh;
      const delayMs = refresh
        ? 0
        : backoffDelay(attempt, config.random, config.baseDelayMs, config.maxDelayMs);
      onEvent?.({ type: "retry", operation, attempt, delayMs, error });
      if (!refresh) await wait(delayMs, signal);
    }
  }
}

function redact(headers: Record<string, string>): Record<string, string> {
  const copy: Record<string, string> = { ...headers, authorization: REDACTED };
  if (copy["x-amz-security-token"]) copy["x-amz-security-token"] = REDACTED;
  return copy;
}

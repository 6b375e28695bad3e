// Helpers shared by the providers: building validated credentials, HTTP with a timeout, SHA-1.
import { createCredentials, type Credentials, type CredentialsProvider } from "../sigv4/mod.ts";
import { CredentialsError } from "./errors.ts";
import type { Host } from "./host.ts";
import type { MetadataOptions } from "./container.ts";

/** The fields of credentials as a service returned them, not yet checked. */
export interface RawCredentials {
  accessKeyId?: unknown;
  secretAccessKey?: unknown;
  sessionToken?: unknown;
  expiration?: unknown;
}

/**
 * Checks what a source returned and builds `Credentials` (whose secret and token stay out of inspect and
 * JSON output). `expiration` may be an ISO 8601 string or epoch milliseconds.
 */
export function toCredentials(source: string, raw: RawCredentials): Credentials {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = raw;
  if (typeof accessKeyId !== "string" || !accessKeyId) missing(source, "access key id");
  if (typeof secretAccessKey !== "string" || !secretAccessKey) missing(source, "secret access key");
  if (sessionToken !== undefined && sessionToken !== null && typeof sessionToken !== "string") {
    missing(source, "string session token");
  }
  const credentials: Credentials = { accessKeyId, secretAccessKey };
  if (sessionToken) credentials.sessionToken = sessionToken;
  if (expiration !== undefined && expiration !== null && expiration !== "") {
    const date = typeof expiration === "number" || typeof expiration === "string"
      ? new Date(expiration)
      : undefined;
    if (!date || Number.isNaN(date.getTime())) {
      throw new CredentialsError(source, "the credentials' expiration is not a valid date");
    }
    credentials.expiration = date;
  }
  return createCredentials(credentials);
}

function missing(source: string, what: string): never {
  throw new CredentialsError(source, `no ${what}`);
}

/** What an HTTP request answered. */
export interface TextResponse {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Sends one request with a timeout. A timeout or a network failure is a `CredentialsError` whose
 * `code` is `Timeout` or `NetworkError`; the message names only the origin, never headers or body.
 */
export async function fetchText(
  host: Host,
  source: string,
  url: URL,
  init: RequestInit,
  timeoutMs: number,
): Promise<TextResponse> {
  try {
    const response = await host.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      throw new CredentialsError(source, `no answer from ${url.origin} within ${timeoutMs} ms`, {
        code: "Timeout",
      });
    }
    throw new CredentialsError(source, `cannot reach ${url.origin}`, {
      cause: error,
      code: "NetworkError",
    });
  }
}

/** Parses JSON without echoing the text in the error (it may hold a secret). */
export function parseJson(source: string, text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CredentialsError(source, `${what} is not valid JSON`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CredentialsError(source, `${what} is not a JSON object`);
  }
  return Object.fromEntries(Object.entries(value));
}

/** The lower-case hex SHA-1 of a UTF-8 string (the AWS CLI's SSO cache file names). */
export async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Expands a leading `~/` against the home directory. */
export function expandHome(host: Host, path: string): string {
  return path.startsWith("~/") || path.startsWith("~\\")
    ? `${host.homeDir ?? "~"}/${path.slice(2)}`
    : path;
}

/**
 * A provider that builds its real provider on first use (concurrent first callers share the build) and
 * builds again after a failed build, or on `forceRefresh` when `rebuildOnForce` is set.
 */
export function lazyProvider(
  build: () => Promise<CredentialsProvider>,
  rebuildOnForce = false,
): CredentialsProvider {
  let pending: Promise<CredentialsProvider> | undefined;
  return (call) => {
    if (rebuildOnForce && call?.forceRefresh) pending = undefined;
    const attempt = pending ??= build();
    return attempt.then((provider) => provider(call), (error) => {
      if (pending === attempt) pending = undefined;
      throw error;
    });
  };
}

/** The request timeout: the option, `AWS_METADATA_SERVICE_TIMEOUT` (seconds), or 1000 ms. */
export function timeout(options: MetadataOptions, host: Host): number {
  const seconds = Number(host.env.AWS_METADATA_SERVICE_TIMEOUT);
  return options.timeoutMs ?? (seconds > 0 ? seconds * 1000 : 1000);
}

/**
 * Runs `attempt` up to `maxAttempts` times (the option, `AWS_METADATA_SERVICE_NUM_ATTEMPTS`, or 1),
 * retrying network failures, timeouts and 5xx answers.
 */
export async function withAttempts<T extends { status: number }>(
  options: MetadataOptions,
  host: Host,
  attempt: () => Promise<T>,
): Promise<T> {
  const fromEnv = Number(host.env.AWS_METADATA_SERVICE_NUM_ATTEMPTS);
  const max = Math.max(1, options.maxAttempts ?? (fromEnv >= 1 ? Math.floor(fromEnv) : 1));
  for (let n = 1;; n++) {
    try {
      const result = await attempt();
      if (result.status < 500 || n >= max) return result;
    } catch (error) {
      if (n >= max || !(error instanceof CredentialsError)) throw error;
    }
  }
}

/** Reads a token file, trimmed; a missing, unreadable or empty file is a `CredentialsError`. */
export async function readToken(host: Host, path: string, what: string): Promise<string> {
  path = expandHome(host, path);
  let text: string | undefined;
  try {
    text = await host.readFile(path);
  } catch (error) {
    throw new CredentialsError(path, `cannot read the ${what}`, { cause: error });
  }
  if (text === undefined) throw new CredentialsError(path, `the ${what} does not exist`);
  if (!text.trim()) throw new CredentialsError(path, `the ${what} is empty`);
  return text.trim();
}

/**
 * The options of the low-level client, with their defaults.
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { Credentials, CredentialsProvider } from "../sigv4/mod.ts";
import type { ClientEvent, FetchLike, HttpTransport, Sleep } from "../transport/mod.ts";

/** How a `DynamoDB` client is set up; every field is optional. */
export interface DynamoDBOptions {
  /**
   * The AWS region, like `eu-west-1`. Default: `AWS_REGION` / `AWS_DEFAULT_REGION` from the environment,
   * then the profile's `region` in `~/.aws/config`, then `us-east-1` when `endpoint` is set.
   */
  region?: string;
  /**
   * A custom endpoint, like `http://127.0.0.1:8000` for a local server. Default: the region's
   * `https://dynamodb.<region>.amazonaws.com`. Plain http only for loopback hosts unless `allowHttp`.
   */
  endpoint?: string;
  /** Allow a plain-http endpoint on a non-loopback host. Default `false`. */
  allowHttp?: boolean;
  /**
   * Credentials, or a provider called before each request (cache in the provider, e.g. with
   * `refreshing`). Default: `defaultChain()` from `@dynafetch/dynafetch/credentials` (environment,
   * profile, web identity, container, instance metadata), loaded when the first request is made.
   */
  credentials?: Credentials | CredentialsProvider;
  /**
   * How requests go out. Default: in the npm package on Node, the keep-alive `node:http` transport of
   * `@dynafetch/dynafetch/node` (chosen by the package's `node` condition); everywhere else (Deno, JSR,
   * Bun, Workers, browsers) `fetchTransport()` over the global `fetch`. Wins over `fetch`.
   */
  transport?: HttpTransport;
  /** The `fetch` to send with (wrapped by `fetchTransport`), when `transport` is not given. */
  fetch?: FetchLike;
  /** Attempts per call, the first included (boto's NumberRetries). Default `10`. */
  maxAttempts?: number;
  /** Time limit of one attempt in milliseconds, `0` for none. Default `30_000`. */
  timeoutMs?: number;
  /** Check `x-amz-crc32` against the body (boto's validate_checksums). Default `true`. */
  validateChecksums?: boolean;
  /** Ceiling of the first retry's random delay, doubled each retry. Default `50`. */
  retryBaseMs?: number;
  /** Largest ceiling of a retry delay. Default `20_000`. */
  retryMaxMs?: number;
  /** The signer's hashing path (see `signRequest`). Default `"auto"`. */
  hashing?: "auto" | "webcrypto" | "js";
  /** Sees each request (secrets redacted), response and retry; for logs and metrics. */
  onEvent?: (event: ClientEvent) => void;
  /** The clock, in epoch milliseconds, used for signing dates and durations. Default `Date.now`. */
  now?: () => number;
  /**
   * How to wait, for backoff delays and for per-attempt timeouts (an attempt times out when
   * `sleep(timeoutMs)` resolves first). Default: `setTimeout`, cancelled on abort. A test `sleep` that
   * resolves at once makes every attempt time out at once: resolve only backoff delays at once (they are
   * never equal to `timeoutMs` by chance if you pick an odd one), or set `timeoutMs: 0`.
   */
  sleep?: Sleep;
  /** Numbers in [0, 1) for backoff jitter. Default `Math.random`. */
  random?: () => number;
}

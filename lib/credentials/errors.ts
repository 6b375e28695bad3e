/**
 * The errors credential providers throw: `CredentialsError` when a configured source fails, and
 * `CredentialsNotFoundError` when a source is not configured at all (a chain moves on to the next one).
 *
 * This module is browser compatible.
 *
 * @module
 */
import { DynafetchError, nameErrors } from "../errors.ts";

/**
 * A credentials source is configured but failed: a malformed file, an STS or SSO error, an expired SSO
 * token, a refused container URI. `source` names where it happened; the message never holds a secret.
 *
 * @example
 * ```ts
 * import { DynafetchError } from "@dynafetch/dynafetch";
 * import { CredentialsError } from "@dynafetch/dynafetch/credentials";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const error = new CredentialsError("profile dev", "role_arn needs source_profile");
 * assert(error instanceof DynafetchError);
 * assertEquals(error.message, "profile dev: role_arn needs source_profile");
 * ```
 */
export class CredentialsError extends DynafetchError {
  /** Where the failure happened, like `profile dev` or `STS AssumeRole`. */
  readonly source: string;
  /** The service's error code, when a service answered with one (`AccessDenied`, `ExpiredToken`). */
  readonly code?: string;

  /** Makes an error for `source`; the message is prefixed with it. */
  constructor(source: string, message: string, options?: { cause?: unknown; code?: string }) {
    super(
      `${source}: ${message}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.source = source;
    if (options?.code !== undefined) this.code = options.code;
  }
}

/** One source a provider or chain looked at, and why it gave no credentials. */
export interface SkippedSource {
  /** The source, like `environment` or `instance metadata`. */
  source: string;
  /** Why it was skipped, like `AWS_ACCESS_KEY_ID is not set`. */
  reason: string;
}

/**
 * No credentials are configured for a source (or for any source of a chain); `tried` lists each source
 * and why it was skipped.
 *
 * @example
 * ```ts
 * import { CredentialsNotFoundError } from "@dynafetch/dynafetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const error = new CredentialsNotFoundError([{ source: "environment", reason: "nothing set" }]);
 * assertEquals(error.tried[0].source, "environment");
 * assertEquals(error.message, "environment: nothing set");
 * ```
 */
export class CredentialsNotFoundError extends CredentialsError {
  /** Every source looked at, in order, with the reason it was skipped. */
  readonly tried: SkippedSource[];

  /**
   * Makes the error from the skipped sources: one source reads `source: reason`, several read
   * `source: no credentials found; tried a (why), b (why)`, then `hint`.
   */
  constructor(
    tried: SkippedSource[],
    source: string = tried[0]?.source ?? "credentials",
    hint = "",
  ) {
    const list = tried.map((t) => `${t.source} (${t.reason})`).join(", ");
    super(
      source,
      (tried.length === 1 && tried[0].source === source
        ? tried[0].reason
        : `no credentials found; tried ${list}.`) + hint,
    );
    this.tried = tried;
  }
}

nameErrors("CredentialsError CredentialsNotFoundError", CredentialsError, CredentialsNotFoundError);

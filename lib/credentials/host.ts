/**
 * The effects credential providers need (environment, files, home directory, fetch, running a process, the
 * clock), as one small object. Providers take a partial `Host` in their options; what is missing comes from
 * `lib/adapters/host.ts`, imported lazily, so the providers stay pure and tests inject what they need.
 *
 * This module is browser compatible.
 *
 * @module
 */

/** What running a process returned. */
export interface ProcessResult {
  /** The exit code; non-zero is a failure. */
  code: number;
  /** Everything the process wrote to standard output. */
  stdout: string;
  /** Everything the process wrote to standard error. */
  stderr: string;
}

/** The effects of the credential providers, supplied by the runtime adapter or injected by tests. */
export interface Host {
  /** The environment variables. */
  env: Record<string, string | undefined>;
  /** The user's home directory, when the runtime has one (`HOME`/`USERPROFILE` in `env` win). */
  homeDir?: string;
  /** `deno`, `node` or `bun` on a server runtime; absent in Workers and browsers. */
  runtime?: string;
  /** Reads a UTF-8 file; resolves `undefined` when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** Writes a UTF-8 file (a renewed SSO token); without it, nothing is written. */
  writeFile?(path: string, text: string): Promise<void>;
  /** Runs `command` through the system shell. */
  run(command: string, options: { timeoutMs: number }): Promise<ProcessResult>;
  /** The fetch to use for STS, SSO, container and instance metadata requests. */
  fetch: typeof fetch;
  /** The clock, in epoch milliseconds. */
  now(): number;
}

/**
 * Fills what `partial` lacks from the runtime adapter (`lib/adapters/host.ts`, imported lazily).
 *
 * @param partial The effects given by the caller.
 * @returns A complete host.
 * @example
 * ```ts
 * import { resolveHost } from "@dynafetch/dynafetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const host = await resolveHost({ env: { AWS_PROFILE: "dev" }, now: () => 0 });
 * assertEquals(host.env.AWS_PROFILE, "dev");
 * assertEquals(host.now(), 0);
 * ```
 */
export async function resolveHost(partial: Partial<Host> = {}): Promise<Host> {
  const { systemHost } = await import("../adapters/host.ts");
  return { ...systemHost(), ...partial };
}

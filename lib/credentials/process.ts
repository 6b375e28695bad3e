/**
 * Credentials from an external command (`credential_process`), which prints the documented JSON:
 * `{ "Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"? }`.
 *
 * This module is browser compatible (the command runs through the host).
 *
 * @module
 */
import { type Credentials, type CredentialsProvider, refreshing } from "../sigv4/mod.ts";
import { CredentialsError } from "./errors.ts";
import { type Host, resolveHost } from "./host.ts";
import { parseJson, toCredentials } from "./_util.ts";

/** Options of `fromProcess`. */
export interface ProcessOptions {
  /** The command line, run through the system shell. */
  command: string;
  /** How long the command may run, in milliseconds; default 60000. */
  timeoutMs?: number;
  /** Names the source in errors; default `credential_process`. */
  source?: string;
  /** Effects to inject (process runner, clock); the rest come from the runtime. */
  host?: Partial<Host>;
}

/**
 * Runs `command` and reads the credentials it prints; run again ahead of the `Expiration` it gives.
 *
 * @param options The command, a timeout and effects to inject.
 * @returns A provider of the command's credentials.
 * @throws {CredentialsError} From the provider, when the command fails or prints something else (the
 *   error never repeats the output, which may hold a secret).
 * @example
 * ```ts
 * import { fromProcess } from "@dynafetch/dynafetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const stdout = JSON.stringify({ Version: 1, AccessKeyId: "AKID", SecretAccessKey: "secret" });
 * const provider = fromProcess({
 *   command: "get-credentials",
 *   host: { run: () => Promise.resolve({ code: 0, stdout, stderr: "" }) },
 * });
 * assertEquals((await provider()).accessKeyId, "AKID");
 * ```
 */
export function fromProcess(options: ProcessOptions): CredentialsProvider {
  const source = options.source ?? "credential_process";
  return refreshing(async () => {
    const host = await resolveHost(options.host);
    const result = await host.run(options.command, { timeoutMs: options.timeoutMs ?? 60_000 })
      .catch((error) => {
        throw new CredentialsError(source, "cannot run the command", { cause: error });
      });
    if (result.code !== 0) {
      const stderr = result.stderr.trim().slice(0, 300);
      throw new CredentialsError(
        source,
        `the command exited with code ${result.code}${stderr ? `: ${stderr}` : ""}`,
      );
    }
    return parseProcessOutput(result.stdout, source);
  }, { now: options.host?.now });
}

/**
 * Reads what a `credential_process` command printed.
 *
 * @param stdout The command's output.
 * @param source Names the command in errors.
 * @returns The credentials.
 * @throws {CredentialsError} When the output is not the documented JSON with `Version: 1`.
 * @example
 * ```ts
 * import { parseProcessOutput } from "@dynafetch/dynafetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const credentials = parseProcessOutput(
 *   '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2030-01-01T00:00:00Z"}',
 *   "credential_process",
 * );
 * assertEquals(credentials.expiration?.getUTCFullYear(), 2030);
 * ```
 */
export function parseProcessOutput(stdout: string, source: string): Credentials {
  const body = parseJson(source, stdout, "the command's output");
  if (body.Version !== 1) {
    throw new CredentialsError(source, "the command's output needs `Version: 1`");
  }
  return toCredentials(source, {
    accessKeyId: body.AccessKeyId,
    secretAccessKey: body.SecretAccessKey,
    sessionToken: body.SessionToken,
    expiration: body.Expiration,
  });
}

/**
 * The default credentials chain, in the order the AWS SDKs use: environment, profile, web identity,
 * container, instance metadata.
 *
 * This module is browser compatible (in a browser or a Worker it finds nothing and says how to pass
 * credentials).
 *
 * @module
 */
import { type CredentialsProvider, fromEnv } from "../sigv4/mod.ts";
import { CredentialsNotFoundError, type SkippedSource } from "./errors.ts";
import { resolveHost } from "./host.ts";
import type { ProfileOptions } from "./shared_config.ts";
import type { MetadataOptions } from "./container.ts";
import { fromProfile } from "./profile.ts";
import { fromWebIdentity } from "./web_identity.ts";
import { fromContainer } from "./container.ts";
import { fromInstanceMetadata } from "./instance_metadata.ts";
import { lazyProvider } from "./_util.ts";

/** Options of `defaultChain`: the profile, instance metadata timeouts and effects to inject. */
export type DefaultChainOptions = ProfileOptions & MetadataOptions;

const browserHint =
  " Outside Deno, Node and Bun (a Worker, a browser), pass credentials to the client: " +
  "new DynamoDB({ region, credentials: { accessKeyId, secretAccessKey, sessionToken } }), or a " +
  "function returning them.";

/**
 * Finds credentials the way the AWS SDKs do: `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, then the
 * profile, then web identity, then the container endpoint, then EC2 instance metadata. The first source
 * that is configured is used from then on; a configured source that fails stops the search with its own
 * error. When none is configured, the `CredentialsNotFoundError` lists each source and why it was skipped.
 *
 * @param options The profile, metadata timeouts and effects to inject.
 * @returns A provider of the first configured source's credentials.
 * @throws {CredentialsNotFoundError} From the provider, when no source is configured.
 * @throws {CredentialsError} From the provider, when a configured source fails.
 * @example
 * ```ts
 * import { CredentialsNotFoundError, defaultChain } from "@dynafetch/dynafetch/credentials";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const provider = defaultChain({
 *   host: { env: { AWS_EC2_METADATA_DISABLED: "true" }, homeDir: undefined },
 * });
 * const error = await provider().catch((e) => e);
 * assert(error instanceof CredentialsNotFoundError);
 * assertEquals(error.tried.map((t) => t.source), [
 *   "environment", "profile default", "web identity", "container", "instance metadata",
 * ]);
 * ```
 */
export function defaultChain(options: DefaultChainOptions = {}): CredentialsProvider {
  return lazyProvider(async () => {
    const host = await resolveHost(options.host);
    const server = host.runtime !== undefined;
    const env = fromEnv(host.env);
    const sources: [string, CredentialsProvider | string][] = [
      ["environment", host.env.AWS_ACCESS_KEY_ID ? env : "AWS_ACCESS_KEY_ID is not set"],
      [`profile ${options.profile ?? (host.env.AWS_PROFILE || "default")}`, fromProfile(options)],
      ["web identity", fromWebIdentity(options)],
      ["container", fromContainer(options)],
      ["instance metadata", server ? fromInstanceMetadata(options) : "not a server runtime"],
    ];
    const tried: SkippedSource[] = [];
    for (const [source, provider] of sources) {
      if (typeof provider === "string") {
        tried.push({ source, reason: provider });
        continue;
      }
      try {
        await provider();
        return provider;
      } catch (error) {
        if (!(error instanceof CredentialsNotFoundError)) throw error;
        tried.push(...error.tried.map((t) => ({ source, reason: t.reason })));
      }
    }
    throw new CredentialsNotFoundError(tried, "default chain", server ? "" : browserHint);
  });
}

// What a client reads when its options leave the region or the credentials out: the environment, the
// shared config files and the default credentials chain. Loaded on first use, so a client given both
// (a Worker, a browser) never loads it, nor the credential providers.
import { ValidationError } from "../errors.ts";
import { regionFromEnv } from "../sigv4/mod.ts";
import type { CredentialsProvider } from "../sigv4/mod.ts";

// The region: `AWS_REGION`/`AWS_DEFAULT_REGION`, then the profile's, then us-east-1 for a custom endpoint.
export async function defaultRegion(endpoint: string | undefined): Promise<string> {
  const region = (await regionFromEnv()) ??
    (await (await import("../credentials/mod.ts")).regionFromProfile()) ??
    (endpoint ? "us-east-1" : undefined);
  if (!region) {
    throw new ValidationError("no region", {
      path: "region",
      found: "none in the options, the environment (AWS_REGION) or the profile (~/.aws/config)",
      allowed: "a region like us-east-1, or an endpoint",
    });
  }
  return region;
}

// The default credentials chain, loaded at the first request that needs credentials.
export function defaultCredentials(): CredentialsProvider {
  let chain: Promise<CredentialsProvider> | undefined;
  return (call) =>
    (chain ??= import("../credentials/mod.ts").then((m) => m.defaultChain())).then((p) => p(call));
}

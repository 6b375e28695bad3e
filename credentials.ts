/**
 * Credential providers for where applications run: shared `config`/`credentials` profiles (static keys,
 * roles, web identity, `credential_process`, IAM Identity Center SSO), web identity (EKS, OIDC), the ECS
 * and EKS Pod Identity container endpoint, EC2 instance metadata (IMDSv2), and `defaultChain()`, which
 * tries them in the AWS SDKs' order.
 *
 * A separate entry point: an application that passes its own credentials (a Worker, a browser) never
 * loads it. Files, processes, the environment and the clock are reached through a small host adapter for
 * Deno, Node and Bun; every provider accepts `host` to inject them.
 *
 * ```ts
 * import { defaultChain, fromProfile } from "@dynafetch/dynafetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(typeof defaultChain(), "function");
 * assertEquals(typeof fromProfile({ profile: "dev" }), "function");
 * ```
 *
 * @module
 */
export * from "./lib/credentials/mod.ts";

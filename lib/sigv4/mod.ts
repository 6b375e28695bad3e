/**
 * The SigV4 layer: signing requests and presigning URLs with AWS Signature Version 4, and the credentials
 * and credential providers it signs with.
 *
 * This module is browser compatible.
 *
 * @module
 */
// For bundlers: the client's signer is reached from here too, and every module of this layer loaded on
// first use imports this one for its side effects. A bundler splitting code puts a module in the chunk of
// the set of entries reaching it: so the hot path of this layer is one chunk, not one per set of importers.
import "./_json_post.ts";
export { presignUrl, signingStages, signRequest } from "./sign.ts";
export type {
  Hashing,
  HeadersInput,
  PresignOptions,
  SignableRequest,
  SignedRequest,
  SigningStages,
  SignOptions,
} from "./sign.ts";
export {
  chain,
  checkCredentials,
  createCredentials,
  fromEnv,
  refreshing,
  regionFromEnv,
  staticCredentials,
} from "./credentials.ts";
export type { Credentials, CredentialsProvider, RefreshingOptions } from "./credentials.ts";

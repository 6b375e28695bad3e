/**
 * The SigV4 layer: signing requests and presigning URLs with AWS Signature Version 4, and the credentials
 * and credential providers it signs with.
 *
 * This module is browser compatible.
 *
 * @module
 */
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

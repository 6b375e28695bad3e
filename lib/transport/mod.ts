/**
 * The transport: endpoints, the retrying, checksum-checking send loop and its errors.
 *
 * @module
 */
export { checkEndpoint, regionEndpoint } from "./endpoint.ts";
export { regions } from "./regions.ts";
export type { RegionInfo } from "./regions.ts";
export { backoffDelay } from "./backoff.ts";
export { crc32 } from "./crc32.ts";
export { ChecksumError, NetworkError, TimeoutError, TransportError } from "./errors.ts";
export { send } from "./send.ts";
export type {
  CallOptions,
  ClientEvent,
  FetchLike,
  Sleep,
  TransportConfig,
  TransportCounters,
} from "./send.ts";
export { sleep } from "./_sleep.ts";

/**
 * The transport: endpoints, the HTTP exchange (`fetchTransport`), the retrying, checksum-checking send
 * loop and its errors.
 *
 * @module
 */
export { checkEndpoint, regionEndpoint } from "./endpoint.ts";
export { regions } from "./regions.ts";
export type { RegionInfo } from "./regions.ts";
export { backoffDelay } from "./backoff.ts";
export { crc32 } from "./crc32.ts";
export { ChecksumError, NetworkError, TimeoutError, TransportError } from "./errors.ts";
export { fetchTransport } from "./http.ts";
export type { FetchLike, HttpRequest, HttpResponse, HttpTransport } from "./http.ts";
export { send } from "./send.ts";
export type {
  CallOptions,
  ClientEvent,
  Sleep,
  TransportConfig,
  TransportCounters,
} from "./send.ts";
export { sleep } from "./_sleep.ts";

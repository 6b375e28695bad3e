// Public surface of this layer; mod.ts re-exports it.
export { DynamoDB } from "./dynamodb.ts";
export type { DynamoDBOptions } from "./options.ts";
export * from "../operations/mod.ts";
export {
  backoffDelay,
  checkEndpoint,
  ChecksumError,
  crc32,
  fetchTransport,
  NetworkError,
  regionEndpoint,
  regions,
  TimeoutError,
  TransportError,
} from "../transport/mod.ts";
export type {
  CallOptions,
  ClientEvent,
  FetchLike,
  HttpRequest,
  HttpResponse,
  HttpTransport,
  RegionInfo,
  Sleep,
} from "../transport/mod.ts";

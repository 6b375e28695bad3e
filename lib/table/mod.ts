/**
 * The high-level API (boto's Layer2): `Database`, tables, items with queued changes, paginators, batches
 * and transactions, in native JavaScript values.
 *
 * @module
 */
// For bundlers: with the signer's public surface, this module reaches all that the package root does, so
// that the modules importing it (those loaded on first use, see _lazy.ts) share one chunk with the rest.
import "../sigv4/mod.ts";
export { Database } from "./database.ts";
export type {
  BatchGetTableRequest,
  CreateTableOptions,
  DatabaseOptions,
  TransactWriteOptions,
} from "./database.ts";
export { Table } from "./table.ts";
export type {
  BatchGetOptions,
  BatchWriteOptions,
  BatchWriteRequest,
  GetOptions,
  QueryOptions,
  ReadManyOptions,
  ScanOptions,
  TableOptions,
  WaitOptions,
  WriteOptions,
} from "./table.ts";
export { Item } from "./item.ts";
export type { ItemChange } from "./item.ts";
export { Paginator } from "./paginator.ts";
export type { Page, PageRequest, PaginatorSource } from "./paginator.ts";
export { buildKey } from "./schema.ts";
export type {
  KeyAttribute,
  KeyInput,
  KeySchema,
  KeyType,
  KeyValue,
  TableSchema,
} from "./schema.ts";
export { BatchGetError, BatchWriteError } from "./batch_errors.ts";
export type { BatchRetryOptions, TableWrite, UnappliedWrite } from "./batch_errors.ts";
export { BatchWriter } from "./batch_writer.ts";
export type { BatchWriterOptions } from "./batch_writer.ts";
export type {
  TableRef,
  TransactEntryBase,
  TransactGetEntry,
  TransactWriteEntry,
} from "./transactions.ts";
export type {
  GlobalIndexDefinition,
  IndexProjection,
  LocalIndexDefinition,
  TableDefinition,
  Throughput,
} from "./table_definition.ts";

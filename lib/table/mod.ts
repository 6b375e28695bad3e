/**
 * The high-level API (boto's Layer2): `Database`, tables, items with queued changes, paginators, batches
 * and transactions, in native JavaScript values.
 *
 * @module
 */
// For bundlers, the values are re-exported with `export *` (each of those files exports only public names):
// a bundler that splits code (esbuild) puts every file a reached module imports into the chunk of its
// importers, and a named re-export an application imports through makes this module reached, so that
// everything listed here would land in what the application loads. See _lazy.ts.
export * from "./database.ts";
export type {
  BatchGetTableRequest,
  CreateTableOptions,
  DatabaseOptions,
  TransactWriteOptions,
} from "./database.ts";
export * from "./table.ts";
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
export * from "./item.ts";
export type { ItemChange } from "./item.ts";
export { Paginator } from "./paginator.ts";
export type { Page, PageRequest, PaginatorSource } from "./paginator.ts";
export * from "./schema.ts";
export type {
  KeyAttribute,
  KeyInput,
  KeySchema,
  KeyType,
  KeyValue,
  TableSchema,
} from "./schema.ts";
export * from "./batch_errors.ts";
export type { BatchRetryOptions, TableWrite, UnappliedWrite } from "./batch_errors.ts";
export * from "./batch_writer.ts";
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

/**
 * The high-level API (boto's Layer2): `Database`, tables, items with queued changes, paginators, batches
 * and transactions, in native JavaScript values.
 *
 * @module
 */
// For bundlers, these files are re-exported with `export *` (each of them exports only public names; a
// name exported there is public): a bundler that splits code (esbuild) puts every file a reached module
// imports into the chunk of its importers, and a named re-export an application imports through makes
// this module reached, so that everything it re-exports would land in what the application loads, batch
// errors and writers included. See _lazy.ts.
export * from "./database.ts";
export * from "./table.ts";
export * from "./item.ts";
export * from "./schema.ts";
export * from "./batch_errors.ts";
export * from "./batch_writer.ts";
export { Paginator } from "./paginator.ts";
export type { Page, PageRequest, PaginatorSource } from "./paginator.ts";
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

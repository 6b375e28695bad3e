// Private, loaded on first use: batch reads and writes of tables and databases, and the sends of a batch
// writer (one module to load for every batch call).
// For bundlers, see _lazy.ts:
import "../client/dynamodb.ts";
import "./database.ts";
import "./table.ts";
export { batchGetTables, tableBatchGet } from "./batch_get.ts";
export { batchWriteTable, flushWriter, writerRejection } from "./batch_write.ts";

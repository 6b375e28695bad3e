// Private: the modules of this layer loaded on first use, one loader each (so each chunk is named once
// in the initial load). What put, get and query need is imported statically; everything else is here.
// A bundler splitting code (esbuild) puts a file in the chunk of the set of entries reaching it, file by
// file: every file a reached file imports is reached, whether the names it imports are used or not.
// - Each lazily loaded module imports the client, database.ts and table.ts for their side effects: a file
//   only counts as reached through one of them when an application uses it, and an application using the
//   high-level API uses the client and table.ts (and database.ts, unless it makes tables by `new Table`).
//   So what the application reaches is reached by every lazily loaded module too, and the application
//   loads one chunk for it instead of one per set of importers.
// - What an application reaches must not import what only lazily loaded modules use: such a file would be
//   reached, and land in the chunk the application loads. So the files of this layer import other files
//   directly, not through a mod.ts that re-exports everything (the expressions' mod.ts reaches update.ts,
//   which only apps that update use), and this layer's mod.ts re-exports with `export *`, which an import
//   passing through does not make reached (a named re-export does).

/** Batch reads and writes, and the sends of a batch writer. */
export const batches = () => import("./_batches.ts");
/** Tables' life cycle: create, get, list, describe, throughput, delete, waits. */
export const admin = () => import("./_table_admin.ts");
/** Transactions. */
export const transactions = () => import("./transactions.ts");
/** `item.save()`. */
export const itemSave = () => import("./_item_save.ts");
/** A paginator's cursor encoding and cut pages. */
export const resumes = () => import("./_resume.ts");
/** The 400 KB item size check. */
export const itemSizes = () => import("./_item_size.ts");

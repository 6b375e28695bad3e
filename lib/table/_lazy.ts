// Private: the modules of this layer loaded on first use, one loader each (so each chunk is named once
// in the initial load). What put, get and query need is imported statically; everything else is here.
// Each of them imports this layer's mod.ts for its side effects: a bundler splitting code puts a module in
// the chunk of the set of entries reaching it, so when every lazily loaded module reaches all that an
// application reaches, the application loads one chunk instead of one per set of importers (14 before).

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

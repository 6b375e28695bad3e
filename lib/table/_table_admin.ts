// Private, loaded on first use: a table's own life cycle (DescribeTable, UpdateTable, DeleteTable), and
// polling DescribeTable with backoff until a table (and its global indexes) is ACTIVE, or until it is gone;
// with the database's creating, getting and listing of tables (one module to load for the life cycle).
// For bundlers, see _lazy.ts:
import "../client/dynamodb.ts";
import "./database.ts";
import "./table.ts";
export { createTable, getTable, listTableNames } from "./table_definition.ts";
import { DynafetchError } from "../errors.ts";
import { ResourceNotFoundError, type TableDescription } from "../operations/mod.ts";
import { type CallOptions, type Sleep, sleep as timer } from "../transport/mod.ts";
import type { Table, WaitOptions } from "./table.ts";

/** Reads the table's description and keeps it in `table.description` (what `table.describe` does). */
export async function describe(
  table: Table<object>,
  call?: CallOptions,
): Promise<TableDescription> {
  const { Table } = await table.client.describeTable({ TableName: table.name }, call);
  return table.description = Table ?? {};
}

/** Changes the throughput or the billing mode (what `table.updateThroughput` does). */
export async function updateThroughput(
  table: Table<object>,
  throughput: { read: number; write: number } | "onDemand",
  call?: CallOptions,
): Promise<TableDescription> {
  const { TableDescription } = await table.client.updateTable({
    TableName: table.name,
    ...(throughput === "onDemand" ? { BillingMode: "PAY_PER_REQUEST" } : {
      BillingMode: "PROVISIONED",
      ProvisionedThroughput: {
        ReadCapacityUnits: throughput.read,
        WriteCapacityUnits: throughput.write,
      },
    }),
  }, call);
  return table.description = TableDescription ?? {};
}

/** Deletes the table (what `table.deleteTable` does). */
export async function deleteTable(
  table: Table<object>,
  call?: CallOptions,
): Promise<TableDescription> {
  const { TableDescription } = await table.client.deleteTable({ TableName: table.name }, call);
  return table.description = TableDescription ?? {};
}

/**
 * Polls `table.describe()` (waits of 50 ms doubling to 5 s) until the table is ACTIVE with every global
 * index ACTIVE, or (goal "deleted") until DescribeTable says it does not exist; returns the table.
 */
export async function waitFor<T extends Table<object>>(
  table: T,
  goal: "ACTIVE" | "deleted",
  options: WaitOptions,
  sleep: Sleep = timer,
): Promise<T> {
  const max = options.maxWaitMs ?? 600_000;
  for (let attempt = 1, waited = 0;; attempt++) {
    let state: boolean | "deleting";
    try {
      const d = await table.describe(options);
      state = goal === "deleted"
        ? false
        : d.TableStatus === "DELETING"
        ? "deleting"
        : d.TableStatus === "ACTIVE" &&
          (d.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === "ACTIVE");
    } catch (error) {
      if (goal !== "deleted" || !(error instanceof ResourceNotFoundError)) throw error;
      state = true;
    }
    if (state === true) return table;
    const delay = Math.min(5000, 25 * 2 ** attempt);
    if (state === "deleting" || waited + delay > max) {
      throw new DynafetchError(
        `table ${table.name} is ${
          state === "deleting" ? "being deleted" : `not ${goal} after ${waited} ms`
        }`,
      );
    }
    await sleep(delay, options.signal);
    waited += delay;
  }
}

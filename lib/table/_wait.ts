// Private, loaded on first use: polling DescribeTable with backoff until a table (and its global indexes)
// is ACTIVE, or until it is gone.
import { DynafetchError } from "../errors.ts";
import { ResourceNotFoundError } from "../operations/mod.ts";
import type { Sleep } from "../transport/mod.ts";
import type { Table, WaitOptions } from "./table.ts";

/**
 * Polls `table.describe()` (waits of 50 ms doubling to 5 s) until the table is ACTIVE with every global
 * index ACTIVE, or (goal "deleted") until DescribeTable says it does not exist.
 */
export async function waitFor(
  table: Table<object>,
  goal: "ACTIVE" | "deleted",
  options: WaitOptions,
  sleep: Sleep,
): Promise<void> {
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
    if (state === true) return;
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

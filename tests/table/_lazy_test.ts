// What applications using the high-level API load, bundled as bench/bundle_size.ts bundles and runs the
// budget's app (esbuild, code-split, minified, put/get/query against an in-memory fetch): no more chunks
// than that app, and none of the code that only this layer's lazily loaded modules use (lib/table/_lazy.ts
// says how the files are arranged for that; a named re-export in a mod.ts, or an import of a layer's mod.ts
// from the put/get/query path, would bring it back).
import { measure } from "../../bench/bundle_size.ts";
import { assert, assertEquals } from "../assert.ts";

// Apps beside the budget's (bench/bundle/dynafetch.ts), as paths from bench/.
const APPS = ["../tests/table/_apps/typed_errors.ts", "../tests/table/_apps/new_table.ts"];

// Used only by the modules loaded on first use (batches, transactions, table admin, item.save, updates).
const LAZY_ONLY = [
  "lib/expressions/_update_builder.ts",
  "lib/expressions/update.ts",
  "lib/codec/_item_size.ts",
  "lib/table/_batches.ts",
  "lib/table/_item_save.ts",
  "lib/table/_item_size.ts",
  "lib/table/_resume.ts",
  "lib/table/_table_admin.ts",
  "lib/table/batch_errors.ts",
  "lib/table/batch_get.ts",
  "lib/table/batch_write.ts",
  "lib/table/table_definition.ts",
  "lib/table/transactions.ts",
];

Deno.test("a put/get/query app loads no code of the lazily loaded modules, in no more chunks", async () => {
  const esbuild = await import("esbuild");
  try {
    const budget = await measure("put, get and query", "./bundle/dynafetch.ts");
    const apps = [budget];
    for (const app of APPS) apps.push(await measure(app, app));
    for (const app of apps) {
      assertEquals(
        LAZY_ONLY.filter((file) => app.files[file] > 0),
        [],
        `${app.name} loads code only lazily loaded modules use`,
      );
      assert(app.files["lib/table/table.ts"] > 0, `${app.name}: table.ts not loaded`);
      assert(app.chunks <= budget.chunks, `${app.name}: ${app.chunks} chunks`);
    }
  } finally {
    await esbuild.stop();
  }
});

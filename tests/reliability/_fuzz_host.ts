/**
 * The entry that fuzz_runtimes_test.ts bundles with esbuild and runs in Node and Bun: it runs every
 * property of _fuzz_properties.ts under the runtime's own `Object.prototype.__proto__` and prints one JSON
 * line: the runtime, whether the pollution check can see pollution there (a naive merge of
 * `{"__proto__": {...}}` must trip it), and each property's outcome.
 *
 * @module
 */
import process from "node:process";
import { properties, unpolluted } from "./_fuzz_properties.ts";

/** A deliberately unsafe deep merge, the classic way a `__proto__` key pollutes Object.prototype. */
function naiveMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (typeof value === "object" && value !== null) {
      const inner = target[key];
      if (typeof inner !== "object" || inner === null) target[key] = {};
      naiveMerge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
    } else target[key] = value;
  }
}

/** Whether `unpolluted` fails when `body` pollutes Object.prototype (then the pollution is removed). */
async function seesPollution(): Promise<boolean> {
  try {
    await unpolluted(() => naiveMerge({}, JSON.parse('{"__proto__":{"polluted":1}}')));
    return false;
  } catch {
    return true;
  } finally {
    delete (Object.prototype as Record<string, unknown>).polluted;
  }
}

const results: { name: string; error?: string }[] = [];
for (const { name, run } of properties) {
  try {
    await unpolluted(run);
    results.push({ name });
  } catch (error) {
    results.push({
      name,
      error: error instanceof Error ? error.stack ?? error.message : String(error),
    });
  }
}
console.log(JSON.stringify({
  runtime: process.versions.bun ? `bun ${process.versions.bun}` : `node ${process.versions.node}`,
  seesPollution: await seesPollution(),
  results,
}));

// Lets a Deno test file run under Node: esbuild injects this module in place of `Deno.test`, which
// queues each test (`(name, fn)`, `(name, options, fn)` or `({ name, fn, ignore })`); once the file has
// registered them all, they run one after another, a line each, and the exit code says whether any
// failed. `Deno.env.get` reads the process environment.
import process from "node:process";

const queued = [];

function test(name, options, fn) {
  const t = typeof name === "object" ? name : { name, ...(fn ? options : {}), fn: fn ?? options };
  if (t.ignore) return;
  if (queued.push([t.name, t.fn]) === 1) setTimeout(runAll, 0);
}

const env = { get: (name) => process.env[name] };

async function runAll() {
  let failed = 0;
  for (const [name, fn] of queued) {
    try {
      await fn();
      console.log(`ok      ${name}`);
    } catch (error) {
      failed++;
      console.log(`FAILED  ${name}\n${error?.stack ?? error}`);
    }
  }
  console.log(`${queued.length - failed} of ${queued.length} tests passed under Node`);
  process.exitCode = failed ? 1 : 0;
}

export { env as "Deno.env", test as "Deno.test" };

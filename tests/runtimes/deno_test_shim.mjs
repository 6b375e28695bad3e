// Lets a Deno test file run under Node: esbuild injects this module in place of `Deno.test`, which
// queues each test; once the file has registered them all, they run one after another, a line each,
// and the exit code says whether any failed.
const queued = [];

function test(name, fn) {
  if (queued.push([name, fn]) === 1) setTimeout(runAll, 0);
}

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

export { test as "Deno.test" };

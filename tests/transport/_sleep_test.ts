import { assertEquals, assertGreaterOrEqual, assertRejects } from "../assert.ts";
import { sleep } from "../../lib/transport/_sleep.ts";

Deno.test("sleep waits at least the time asked", async () => {
  const start = performance.now();
  await sleep(20);
  assertGreaterOrEqual(performance.now() - start, 15);
});

Deno.test("sleep rejects with the abort reason and clears its timer", async () => {
  const controller = new AbortController();
  const pending = sleep(60_000, controller.signal);
  controller.abort(new Error("stop"));
  // A leaked 60 s timer would fail this test through Deno's op sanitizer.
  await assertRejects(() => pending, Error, "stop");
  await assertRejects(() => sleep(1, AbortSignal.abort(new Error("already"))), Error, "already");
});

Deno.test("a finished sleep no longer listens to its signal", async () => {
  const controller = new AbortController();
  await sleep(1, controller.signal);
  controller.abort();
  assertEquals(controller.signal.aborted, true);
});

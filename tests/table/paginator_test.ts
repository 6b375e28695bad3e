// Paginator unit tests over an in-memory source that honours Limit, ExclusiveStartKey, segments and a
// filter the way DynamoDB does (Limit counts items read before the filter).
import fc from "fast-check";
import { assertEquals, assertInstanceOf, assertRejects, assertThrows } from "../assert.ts";
import type { AttributeMap } from "../../lib/codec/mod.ts";
import { ValidationError } from "../../lib/errors.ts";
import type { ReadManyOutput } from "../../lib/operations/mod.ts";
import {
  type PageRequest,
  Paginator,
  type PaginatorSource,
  SIGNALLESS,
} from "../../lib/table/paginator.ts";

const item = (n: number): AttributeMap => ({ n: { N: String(n) } });
const num = (m: AttributeMap): number => Number((m.n as { N: string }).N);

// A table of `size` items keyed by n; segment s holds the n with n % segments === s.
function source(
  size: number,
  keep: (n: number) => boolean = () => true,
  pageSize = 7,
): { fetch: PaginatorSource<number>["fetch"]; requests: PageRequest[] } {
  const requests: PageRequest[] = [];
  const fetch = (r: PageRequest): Promise<ReadManyOutput> => {
    requests.push(r);
    const all = Array.from({ length: size }, (_, i) => i)
      .filter((n) => r.TotalSegments === undefined || n % r.TotalSegments === r.Segment);
    const from = r.ExclusiveStartKey ? all.indexOf(num(r.ExclusiveStartKey)) + 1 : 0;
    const read = all.slice(from, from + Math.min(r.Limit ?? pageSize, pageSize));
    const items = read.filter(keep).map(item);
    const more = from + read.length < all.length;
    return Promise.resolve({
      Items: items,
      Count: items.length,
      ScannedCount: read.length,
      ConsumedCapacity: { CapacityUnits: 0.5 },
      ...(more && { LastEvaluatedKey: item(read[read.length - 1]) }),
    });
  };
  return { fetch, requests };
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

Deno.test("iterates every page; totals after iteration; cursor undefined at the end", async () => {
  const { fetch, requests } = source(20);
  const p = new Paginator({ fetch, decode: num });
  assertEquals(await p.all(), range(0, 20));
  assertEquals([p.count, p.scannedCount, p.consumedCapacity], [20, 20, 1.5]);
  assertEquals(p.cursor, undefined);
  assertEquals(p.lastEvaluatedKey, undefined);
  assertEquals(requests.length, 3);
  const pages = [];
  for await (const page of p.pages()) pages.push([page.items.length, page.lastEvaluatedKey]);
  assertEquals(pages, [[7, item(6)], [7, item(13)], [6, undefined]]);
});

Deno.test("limit is sent per request; maxResults stops exactly and the cursor resumes there", async () => {
  const { fetch, requests } = source(30);
  const first = new Paginator({ fetch, decode: num, limit: 5, maxResults: 12, exactLimit: true });
  assertEquals(await first.all(), range(0, 12));
  assertEquals(requests.map((r) => r.Limit), [5, 5, 2]);
  assertEquals(first.lastEvaluatedKey, item(11));
  const rest = new Paginator({ fetch, decode: num, start: first.cursor });
  assertEquals(await rest.all(), range(12, 30));
  assertEquals(new Paginator({ fetch, decode: num, maxResults: 0 }).cursor, undefined);
  assertEquals(await new Paginator({ fetch, decode: num, maxResults: 0 }).all(), []);
});

Deno.test("with a filter, a page is cut at maxResults and the resume key is its last item", async () => {
  const even = (n: number) => n % 2 === 0;
  const { fetch, requests } = source(40, even);
  const p = new Paginator({ fetch, decode: num, maxResults: 5, keyNames: ["n"] });
  assertEquals(await p.all(), [0, 2, 4, 6, 8]);
  assertEquals(requests.every((r) => r.Limit === undefined), true);
  assertEquals(p.lastEvaluatedKey, item(8));
  assertEquals(
    await new Paginator({ fetch, decode: num, start: p.cursor }).all(),
    range(10, 40).filter(even),
  );
  // Without keyNames the names come from the page's LastEvaluatedKey; the last page has none.
  assertEquals(await new Paginator({ fetch, decode: num, maxResults: 2 }).all(), [0, 2]);
  const last = source(7, even);
  await assertRejects(
    () => new Paginator({ fetch: last.fetch, decode: num, maxResults: 2 }).all(),
    ValidationError,
  );
});

Deno.test("breaking out mid-page leaves the cursor at that page: nothing is skipped", async () => {
  const { fetch } = source(20);
  const p = new Paginator({ fetch, decode: num });
  const seen: number[] = [];
  for await (const n of p) {
    seen.push(n);
    if (n === 9) break;
  }
  assertEquals(p.lastEvaluatedKey, item(6));
  assertEquals(await new Paginator({ fetch, decode: num, start: p.cursor }).all(), range(7, 20));
  const q = new Paginator({ fetch, decode: num });
  for await (const n of q) if (n === 6) break;
  assertEquals(q.lastEvaluatedKey, item(6), "the last item of a page moves the cursor past it");
});

Deno.test("parallel segments are merged, each item once; the cursor resumes every segment", async () => {
  const { fetch, requests } = source(100);
  const p = new Paginator({ fetch, decode: num, segments: 4 });
  assertEquals((await p.all()).sort((a, b) => a - b), range(0, 100));
  assertEquals(new Set(requests.map((r) => `${r.Segment}/${r.TotalSegments}`)).size, 4);
  const part = new Paginator({
    fetch,
    decode: num,
    segments: 4,
    maxResults: 30,
    keyNames: ["n"],
    exactLimit: true,
  });
  const a = await part.all();
  assertEquals(a.length, 30);
  const b = await new Paginator({ fetch, decode: num, segments: 4, start: part.cursor }).all();
  assertEquals([...a, ...b].sort((x, y) => x - y), range(0, 100));
  assertThrows(
    () => new Paginator({ fetch, decode: num, segments: 3, start: part.cursor }),
    ValidationError,
  );
});

Deno.test("property: pages of maxResults chained by cursor yield every item exactly once, in order", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 13 }),
      fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
      fc.boolean(),
      async (size, mod, maxResults, limit, filtered) => {
        const keep = filtered ? (n: number) => n % mod === 0 : () => true;
        const { fetch } = source(size, keep);
        const out: number[] = [];
        let cursor: string | undefined;
        for (let i = 0; i < 200; i++) {
          const p: Paginator<number> = new Paginator({
            fetch,
            decode: num,
            limit,
            maxResults,
            start: cursor,
            exactLimit: !filtered,
            keyNames: ["n"],
          });
          const got = await p.all();
          if (p.cursor !== undefined) assertEquals(got.length, maxResults);
          out.push(...got);
          cursor = p.cursor;
          if (cursor === undefined) break;
        }
        assertEquals(out, range(0, size).filter(keep));
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("counting: items are not yielded, counts add up", async () => {
  const fetch = (r: PageRequest) =>
    Promise.resolve({
      Count: 4,
      ScannedCount: 10,
      ...(r.ExclusiveStartKey ? {} : { LastEvaluatedKey: item(1) }),
    });
  const p = new Paginator({ fetch, decode: num });
  assertEquals(await p.total(), 8);
  assertEquals(p.scannedCount, 20);
  assertEquals(await p.all(), []);
});

Deno.test("bad cursors are rejected with a ValidationError naming the cursor", () => {
  const { fetch } = source(3);
  for (const cursor of ["", "abc", btoa("[1,2]"), btoa('[{"k":{"X":"1"}}]'), btoa("{}")]) {
    const error = assertThrows(
      () => new Paginator({ fetch, decode: num, start: cursor }),
      ValidationError,
    );
    assertEquals(error.path, "cursor");
  }
});

Deno.test("an early break aborts requests still in flight", async () => {
  const aborted: boolean[] = [];
  const fetch = (r: PageRequest, signal: AbortSignal) =>
    new Promise<ReadManyOutput>((resolve) => {
      if (r.Segment === 0) return resolve({ Items: [item(0)], LastEvaluatedKey: item(0) });
      signal.addEventListener("abort", () => (aborted.push(true), resolve({})));
    });
  const p = new Paginator({ fetch, decode: num, segments: 3 });
  for await (const _ of p) break;
  assertEquals(aborted, [true, true]);
});

Deno.test("every source gets a signal, except the table's own (marked) when one segment pages", async () => {
  const signals: (AbortSignal | undefined)[] = [];
  const fetch = (r: PageRequest, signal?: AbortSignal) => {
    signals.push(signal);
    const done = r.ExclusiveStartKey !== undefined;
    return Promise.resolve({
      Items: [item(signals.length)],
      ...!done && { LastEvaluatedKey: item(0) },
    });
  };
  // A source of the caller's own: its fetch may rely on the signal (the contract since the start).
  assertEquals(await new Paginator({ fetch, decode: num }).all(), [1, 2]);
  assertEquals(signals.length, 2);
  assertInstanceOf(signals[0], AbortSignal);
  assertEquals(signals[1], signals[0]);
  signals.length = 0;
  const marked = { [SIGNALLESS]: true as const, fetch, decode: num };
  assertEquals(await new Paginator(marked).all(), [1, 2]);
  assertEquals(signals, [undefined, undefined]);
  signals.length = 0;
  await new Paginator({ ...marked, segments: 2 }).all();
  assertEquals(signals.length, 4);
  assertInstanceOf(signals[0], AbortSignal);
  assertEquals(signals.every((s) => s === signals[0]), true);
});

Deno.test("all() collects what iteration yields, also in a subclass that iterates its own way", async () => {
  const fetch = () => Promise.resolve({ Items: [item(1), item(2)] });
  class Doubled extends Paginator<number> {
    override async *[Symbol.asyncIterator](): AsyncGenerator<number, void, undefined> {
      for await (const n of new Paginator({ fetch, decode: num })) yield 2 * n;
    }
  }
  const doubled = new Doubled({ fetch, decode: num });
  const iterated: number[] = [];
  for await (const n of doubled) iterated.push(n);
  assertEquals(iterated, [2, 4]);
  assertEquals(await doubled.all(), [2, 4]);
  assertEquals(await new Paginator({ fetch, decode: num }).all(), [1, 2]);
});

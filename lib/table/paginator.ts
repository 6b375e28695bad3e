/**
 * The paginator that `table.query()` and `table.scan()` return (boto's `TableGenerator`): an
 * `AsyncIterable` of items, `.pages()` for whole pages, totals after iteration, an opaque `cursor` to resume
 * from, and parallel scan segments merged as they arrive.
 *
 * ```ts
 * import { decodeItem, Paginator } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const pages = [{ Items: [{ n: { N: "1" } }], LastEvaluatedKey: { n: { N: "1" } } }, { Items: [{ n: { N: "2" } }] }];
 * const paginator = new Paginator({
 *   fetch: (request) => Promise.resolve(pages[request.ExclusiveStartKey ? 1 : 0]),
 *   decode: (item) => decodeItem(item).n,
 * });
 * assertEquals(await paginator.all(), [1, 2]);
 * assertEquals(paginator.count, 2);
 * assertEquals(paginator.cursor, undefined);
 * ```
 *
 * This module is browser compatible.
 *
 * @module
 */
import type { AttributeMap } from "../codec/mod.ts";
import type { ReadManyOutput } from "../operations/item_operations.ts";
import { decodeCursor, type Position } from "./_cursor.ts";
import type { encodeCursor } from "./_resume.ts";
import { resumes } from "./_lazy.ts";

/** One page of results, as `.pages()` yields it. */
export interface Page<T> {
  /** The items of this page (none when counting). */
  items: T[];
  /** How many items matched in this page (after the filter). */
  count: number;
  /** How many items DynamoDB read for this page (before the filter). */
  scannedCount: number;
  /** The capacity units this page consumed. */
  consumedCapacity: number;
  /** The key to resume after this page (decoded), absent when its segment is finished. */
  lastEvaluatedKey?: Record<string, unknown>;
  /** The scan segment this page came from (0 without parallel scan). */
  segment: number;
}

/** One request of a paginator: where to start, how many items to read, which segment. */
export interface PageRequest {
  /** The key to resume after. */
  ExclusiveStartKey?: AttributeMap;
  /** The most items DynamoDB reads for this page. */
  Limit?: number;
  /** The scan segment. */
  Segment?: number;
  /** The number of scan segments. */
  TotalSegments?: number;
}

/** What a paginator pages through: a fetch of one page and a decoder of items, with paging options. */
export interface PaginatorSource<T> {
  /**
   * Fetches one page (a Query or Scan request with `request`'s fields added). `signal` aborts it when
   * the consumer stops while requests are in flight.
   */
  fetch(request: PageRequest, signal: AbortSignal): Promise<ReadManyOutput>;
  /** Turns a wire item into what the paginator yields. */
  decode(item: AttributeMap): T;
  /** Turns a wire key into the `lastEvaluatedKey` it reports; by default the wire form is kept. */
  decodeKey?(key: AttributeMap): Record<string, unknown>;
  /** Items read per request (boto's request_limit). */
  limit?: number;
  /** Items yielded in total (boto's max_results). */
  maxResults?: number;
  /** Parallel scan segments run concurrently; default 1. */
  segments?: number;
  /** Where to start: a cursor from an earlier paginator, or the key to resume after. */
  start?: string | AttributeMap;
  /**
   * Whether `Limit` may be lowered to what `maxResults` still allows, so pages end exactly there (right
   * when there is no filter). Otherwise a page is cut and the resume key is taken from its last item.
   */
  exactLimit?: boolean;
  /** The names of the key attributes of a resume position, for cutting a page. */
  keyNames?: readonly string[];
}

/**
 * Marks a source (the table's) whose `fetch` takes no signal when one segment pages: it then has no
 * request in flight when the consumer stops. Package-private: not re-exported.
 */
export const SIGNALLESS: unique symbol = Symbol("signalless");

/** A source marked with SIGNALLESS, whose fetch may get no signal. */
export type Signalless = {
  [SIGNALLESS]?: true;
  fetch(request: PageRequest, signal?: AbortSignal): Promise<ReadManyOutput>;
};

/**
 * Pages through a Query or Scan: iterate it for items, or `.pages()` for pages. Each iteration starts over
 * from the start position. After (or during) iteration, `count`, `scannedCount`, `consumedCapacity`,
 * `lastEvaluatedKey` and `cursor` describe what has been consumed so far; `cursor` is `undefined` once
 * everything was read, and never skips an item: it moves past a page when its last item is handed out.
 *
 * @example
 * ```ts
 * import { type AttributeMap, decodeItem, encodeItem, Paginator, type PageRequest } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * const items = [0, 1, 2, 3, 4];
 * const fetch = (r: PageRequest) => {
 *   const from = r.ExclusiveStartKey ? Number(decodeItem(r.ExclusiveStartKey).n) + 1 : 0;
 *   const page = items.slice(from, from + (r.Limit ?? 2));
 *   const more = from + page.length < items.length;
 *   return Promise.resolve({
 *     Items: page.map((n) => encodeItem({ n })),
 *     LastEvaluatedKey: more ? encodeItem({ n: page[page.length - 1] }) : undefined,
 *   });
 * };
 * const decode = (item: AttributeMap) => decodeItem(item).n;
 * const first = new Paginator({ fetch, decode, maxResults: 3, exactLimit: true });
 * assertEquals(await first.all(), [0, 1, 2]);
 * const rest = new Paginator({ fetch, decode, start: first.cursor });
 * assertEquals(await rest.all(), [3, 4]);
 * ```
 */
export class Paginator<T> implements AsyncIterable<T> {
  /** Items yielded (or counted, with `count: true`) so far. */
  count = 0;
  /** Items DynamoDB read so far, before filtering. */
  scannedCount = 0;
  /** Capacity units consumed so far. */
  consumedCapacity = 0;
  /** The key after the last page consumed (decoded); `undefined` when that page was the last. */
  lastEvaluatedKey?: Record<string, unknown>;
  /** An opaque string to resume from (the `cursor` option); `undefined` when everything was read. */
  cursor?: string;
  #source: PaginatorSource<T>;
  #start: Position[];

  /**
   * Makes a paginator over `source`.
   *
   * @param source The fetch, the decoder and the paging options.
   * @throws {ValidationError} When `source.start` is a cursor of another kind of paginator.
   */
  constructor(source: PaginatorSource<T>) {
    this.#source = source;
    const n = source.segments ?? 1;
    const start = source.start;
    this.#start = typeof start === "string"
      ? decodeCursor(start, n)
      : Array.from({ length: n }, () => start ?? 0);
    if (typeof start === "string") this.cursor = start;
  }

  /**
   * Iterates over whole pages.
   *
   * @returns An async iterable of pages.
   */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    for await (const [page, commit] of this.#run()) {
      commit();
      yield page;
    }
  }

  /** Iterates over the items of every page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const [page, commit] of this.#run()) {
      const n = page.items.length;
      if (!n) commit();
      for (let i = 0; i < n; i++) {
        if (i === n - 1) commit();
        yield page.items[i];
      }
    }
  }

  /**
   * Reads every item into an array.
   *
   * @returns The items, in the order they arrived.
   */
  async all(): Promise<T[]> {
    const out: T[] = [];
    // By pages (a generator step per item would cost more than the items' own work), unless a subclass
    // iterates items its own way.
    if (this[Symbol.asyncIterator] !== Paginator.prototype[Symbol.asyncIterator]) {
      for await (const item of this) out.push(item);
    } else for await (const page of this.pages()) for (const item of page.items) out.push(item);
    return out;
  }

  /**
   * Runs to the end and returns `count`: the number of matching items (with `count: true`, without
   * transferring them).
   *
   * @returns The number of items.
   */
  async total(): Promise<number> {
    for await (const _ of this.pages());
    return this.count;
  }

  async *#run(): AsyncGenerator<[Page<T>, () => void], void, undefined> {
    const s = this.#source;
    const pos = [...this.#start];
    const n = pos.length;
    const max = s.maxResults ?? Infinity;
    this.count = this.scannedCount = this.consumedCapacity = 0;
    this.lastEvaluatedKey = undefined;
    // Set at once, as the counts are, unless the cursor's encoder has to load first.
    const start = cursorOf(pos);
    this.cursor = typeof start === "object" ? await start : start;
    let emitted = 0;
    // One segment has no request in flight at a yield (the next is asked for on resuming), so a source
    // that says it can do without (the table's own) gets no signal then: a controller costs Node 20
    // several microseconds per query, and its signal a listener per request.
    const ctl = n > 1 || !(s as Signalless)[SIGNALLESS] ? new AbortController() : undefined;
    const inflight = new Map<number, Promise<[number, ReadManyOutput]>>();
    const request = (segment: number) => {
      const p = pos[segment];
      const limit = Math.min(s.limit ?? Infinity, s.exactLimit ? max - emitted : Infinity);
      const req: PageRequest = {
        ...typeof p === "object" && { ExclusiveStartKey: p },
        ...limit < Infinity && { Limit: limit },
        ...n > 1 && { Segment: segment, TotalSegments: n },
      };
      inflight.set(
        segment,
        (s.fetch as Signalless["fetch"])(req, ctl?.signal).then((out) => [segment, out]),
      );
    };
    try {
      if (max > 0) { for (let i = 0; i < n; i++) if (pos[i] !== 1) request(i); }
      while (inflight.size) {
        const [segment, out] = await Promise.race(inflight.values());
        inflight.delete(segment);
        let raw = out.Items ?? [];
        let count = num(out.Count, raw.length);
        let next: Position = out.LastEvaluatedKey ?? 1;
        const room = max - emitted;
        if (count > room) {
          raw = raw.slice(0, room);
          count = room;
          next = (await resumes()).cutKey(
            raw[room - 1],
            out.LastEvaluatedKey ? Object.keys(out.LastEvaluatedKey) : s.keyNames,
          );
        }
        emitted += count;
        const page: Page<T> = {
          items: raw.map((item) => s.decode(item)),
          count,
          scannedCount: num(out.ScannedCount, count),
          consumedCapacity: num(out.ConsumedCapacity?.CapacityUnits, 0),
          segment,
        };
        if (next !== 1) page.lastEvaluatedKey = s.decodeKey ? s.decodeKey(next) : next;
        // Where every segment stands once this page is consumed (the cursor is made here, where its
        // code may load).
        const after = pos.map((p, i) => i === segment ? next : p);
        const cursor = await cursorOf(after);
        yield [page, () => {
          pos[segment] = next;
          for (const k of ["count", "scannedCount", "consumedCapacity"] as const) {
            this[k] += page[k];
          }
          this.lastEvaluatedKey = page.lastEvaluatedKey;
          this.cursor = cursor;
        }];
        if (emitted >= max) break;
        if (next !== 1) request(segment);
      }
    } finally {
      if (inflight.size) {
        ctl?.abort();
        for (const p of inflight.values()) p.catch(() => {});
      }
    }
  }
}

// The encoder of cursors, kept once loaded (a query or scan read in one page never needs it).
let encode: typeof encodeCursor | undefined;

// The cursor of `positions`: none when every segment is finished, or none has started; a promise of it
// while the encoder loads.
const cursorOf = (positions: Position[]): string | undefined | Promise<string> =>
  positions.every((p) => p === 1) || positions.every((p) => p === 0)
    ? undefined
    : encode
    ? encode(positions)
    : resumes().then((m) => (encode = m.encodeCursor)(positions));

// A count from the response, when it is a number (a malformed one is not allowed to throw a TypeError).
const num = (value: unknown, otherwise: number): number =>
  typeof value === "number" ? value : otherwise;

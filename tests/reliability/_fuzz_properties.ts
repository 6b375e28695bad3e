/**
 * The fuzz properties with hostile input, free of any runtime's API so that they run in Deno
 * (fuzz_test.ts) and, bundled with esbuild, in Node and Bun (fuzz_runtimes_test.ts, where
 * `Object.prototype.__proto__` is the standard accessor that Deno removes). Each call succeeds or throws a
 * DynafetchError: never a TypeError or RangeError, never a hang; `unpolluted` checks that Object.prototype
 * gains no keys.
 *
 * @module
 */
import fc from "fast-check";
import {
  Attr,
  compileExpressions,
  decode,
  decodeItem,
  DynafetchError,
  DynamoDB,
  type DynamoDBOptions,
  encode,
  encodeItem,
  update,
} from "../../mod.ts";
import { parseResponse } from "../../lib/operations/response.ts";
import { Database } from "../../lib/table/database.ts";
import { assertEquals } from "../assert.ts";

/** One property: its name, and a run of its cases that throws on a counterexample. */
export interface FuzzProperty {
  name: string;
  run: () => void | Promise<void>;
}

/** Runs `body`, then fails if Object.prototype gained a key (or a key often used in pollution payloads). */
export async function unpolluted(body: () => void | Promise<void>): Promise<void> {
  const before = Reflect.ownKeys(Object.prototype).length;
  await body();
  const probe: Record<string, unknown> = {};
  for (const k of ["polluted", "x", "S", "N", "M", "a", "__type"]) {
    assertEquals(probe[k], undefined, `Object.prototype.${k} was set`);
  }
  assertEquals(Reflect.ownKeys(Object.prototype).length, before, "Object.prototype gained a key");
}

const RUNS = 1000;

/** JSON text of anything the arbitraries make (bigints as numbers). */
const json = (v: unknown): string =>
  JSON.stringify(v, (_, x) => typeof x === "bigint" ? Number(x) : x) ?? "";

/** Runs `fn`; any error that is not a DynafetchError fails the property, naming it. */
function ours(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof DynafetchError)) throw new Error(`not a DynafetchError: ${error}`);
  }
}

const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(
    "",
    "\ud800",
    "a\udc00b",
    "\u0000",
    "\r\n",
    "💥",
    "__proto__",
    "constructor",
    "a.b[0]",
  ),
);
const hostileKey = fc.oneof(
  hostileString,
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"),
);
class Odd {
  x = 1;
}
const odd = fc.constantFrom<unknown>(
  undefined,
  null,
  NaN,
  Infinity,
  -0,
  Symbol("s"),
  () => 1,
  new Date(0),
  /re/,
  new Map([["a", 1]]),
  new Odd(),
  Object.create(null),
  new Uint8Array([1, 2]),
  new ArrayBuffer(2),
  new Set(),
  new Set([1, "a"]),
  new Set(["a", "b"]),
  new Set([new Uint8Array(1)]),
  Promise.resolve(1),
  new Proxy({}, {}),
  [,],
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.double(),
    fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }),
    fc.boolean(),
    odd,
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie("v"), { maxKeys: 4 }),
  ),
})).v;

/** A chain of `depth` maps or lists around a leaf. */
const deep = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.boolean(), hostileValue).map(
  ([depth, list, leaf]) => {
    let v = leaf;
    for (let i = 0; i < depth; i++) v = list ? [v] : { a: v };
    return v;
  },
);

const wireKey = fc.constantFrom(
  "S",
  "N",
  "B",
  "SS",
  "NS",
  "BS",
  "BOOL",
  "NULL",
  "L",
  "M",
  "__proto__",
  "constructor",
  "X",
);
/** Wire-like values, often with wrong types inside. */
const wireValue: fc.Arbitrary<unknown> = fc.letrec<{ w: unknown }>((tie) => ({
  w: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue({ maxDepth: 2 }),
    hostileValue,
    fc.tuple(wireKey, fc.oneof(hostileString, fc.jsonValue({ maxDepth: 1 }))).map(([k, v]) =>
      JSON.parse(json({ [k]: v }))
    ),
    fc.tuple(wireKey, fc.array(tie("w"), { maxLength: 3 })).map(([k, v]) => ({ [k]: v })),
    fc.tuple(wireKey, fc.dictionary(hostileKey, tie("w"), { maxKeys: 3 })).map(([k, v]) => ({
      [k]: v,
    })),
    fc.constantFrom({ N: "1e400" }, { N: "1".repeat(50) }, { B: "!!!" }, { S: "a", N: "1" }, {}),
  ),
})).w;

const pathInput = fc.oneof(
  hostileString,
  fc.array(
    fc.oneof(
      hostileString,
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom(NaN, 1.5, 2 ** 40, 1n, Symbol("p"), Object.create(null), null),
    ),
    { maxLength: 4 },
  ),
  odd,
);

const bodyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }).map((j) => JSON.stringify(j) ?? ""),
  wireValue.map((w) => json({ Item: w, Items: [w], Count: w, LastEvaluatedKey: w })),
  fc.record({
    __type: fc.oneof(hostileString, fc.jsonValue({ maxDepth: 1 })),
    message: fc.oneof(hostileString, fc.jsonValue({ maxDepth: 1 })),
    Message: fc.jsonValue({ maxDepth: 1 }),
    CancellationReasons: fc.jsonValue({ maxDepth: 2 }),
  }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
  fc.constantFrom(
    "<html><body>502 Bad Gateway</body></html>",
    '{"Item":',
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"Item":{"__proto__":{"S":"x"}}}',
    '{"UnprocessedItems":{"t":"x"}}',
    '{"Responses":[1]}',
  ),
);
const status = fc.constantFrom(200, 200, 200, 400, 403, 413, 500, 503, 0, 99, 302);

/** Rejects when `p` takes more than 5 s (a hang), clearing its timer either way. */
async function noHang<T>(p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("hang: no answer in 5 s")), 5000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const outcomes = { ok: 0, error: 0 };

/** Awaits `p` (5 s at most): a value, or a DynafetchError; anything else fails. */
async function settle(p: Promise<unknown>): Promise<void> {
  try {
    await noHang(p);
    outcomes.ok++;
  } catch (error) {
    if (!(error instanceof DynafetchError)) throw new Error(`not a DynafetchError: ${error}`);
    outcomes.error++;
  }
}

/** Every property, in the order the suites run them. */
// A client's options whose every request is answered with `text` and status `s` (a 2xx below 200).
const answering = (s: number, text: string): DynamoDBOptions => ({
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  sleep: () => Promise.resolve(),
  maxAttempts: 2,
  validateChecksums: false,
  fetch: () => Promise.resolve(new Response(text, { status: s < 200 ? 200 : s })),
});

export const properties: FuzzProperty[] = [
  {
    name: "fuzz: encode and encodeItem of hostile values succeed or throw a DynafetchError",
    run: () => {
      fc.assert(
        fc.property(fc.oneof(hostileValue, deep), (v) => {
          ours(() => encode(v));
          ours(() => encodeItem(v as object));
          ours(() => encodeItem({ a: v }));
          ours(() => encode(v, { emptySets: "drop", undefinedValues: "remove" } as never));
        }),
        { numRuns: RUNS },
      );
    },
  },
  {
    name: "fuzz: encodable values round-trip through decode, JSON and prototype keys included",
    run: () => {
      fc.assert(
        fc.property(fc.dictionary(hostileKey, hostileValue, { maxKeys: 5 }), (item) => {
          let wire;
          try {
            wire = encodeItem(item);
          } catch (error) {
            if (error instanceof DynafetchError) return;
            throw error;
          }
          const back = decodeItem(JSON.parse(JSON.stringify(wire)));
          assertEquals(Object.getPrototypeOf(back), Object.prototype);
          assertEquals(JSON.stringify(encodeItem(back)), JSON.stringify(wire));
        }),
        { numRuns: RUNS },
      );
    },
  },
  {
    name: "fuzz: decode and decodeItem of malformed wire values succeed or throw a DynafetchError",
    run: () => {
      fc.assert(
        fc.property(wireValue, deep, (w, d) => {
          ours(() => decode(w as never));
          ours(() => decodeItem(w as never));
          ours(() => decodeItem({ a: w } as never));
          ours(() => decode({ M: { a: w } } as never));
          ours(() => decode(d as never));
        }),
        { numRuns: RUNS },
      );
    },
  },
  {
    name:
      "fuzz: expression builders with hostile paths and values compile or throw a DynafetchError",
    run: () => {
      fc.assert(
        fc.property(
          pathInput,
          pathInput,
          hostileValue,
          hostileValue,
          fc.nat(9),
          (p, q, v, w, op) => {
            ours(() => {
              const a = Attr(p as never);
              const c = [
                () => a.eq(v),
                () => a.lt(v),
                () => a.between(v, w),
                () => a.in([v, w]),
                () => a.contains(v),
                () => a.beginsWith(v),
                () => a.exists().and(Attr(q as never).ne(w)),
                () => a.notExists().or(a.gte(v)),
                () => a.eq(v).and(a.eq(w)).or(a.lt(v)),
                () => a.attributeType(v as never),
              ][op]();
              compileExpressions({ condition: c });
              compileExpressions({ filter: c, projection: [p as never, q as never] });
            });
            ours(() => {
              const u = [
                () => update().set(p as never, v).set(q as never, w),
                () => update().add(p as never, v),
                () => update().delete(p as never, v),
                () => update().remove(p as never, q as never),
                () => update().set(p as never, v).remove(q as never),
              ][op % 5]();
              compileExpressions({ update: u });
            });
          },
        ),
        { numRuns: RUNS },
      );
    },
  },
  {
    name:
      "fuzz: parseResponse of malformed bodies and statuses returns a record or throws a DynafetchError",
    run: () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 999 }), status, bodyText, (s, t, text) => {
          ours(() => parseResponse(s, text));
          ours(() => parseResponse(t, text, "rid"));
        }),
        { numRuns: RUNS * 2 },
      );
    },
  },
  {
    name:
      "fuzz: the client over a fetch answering malformed JSON and wrong-typed fields gives typed errors",
    run: async () => {
      await fc.assert(
        fc.asyncProperty(status, bodyText, fc.nat(4), async (s, text, op) => {
          const client = new DynamoDB(answering(s, text));
          const Key = { pk: { S: "a" } };
          const calls = [
            () => client.getItem({ TableName: "things", Key }),
            () => client.query({ TableName: "things", KeyConditionExpression: "pk = :a" }),
            () => client.batchWriteItem({ RequestItems: { things: [{ DeleteRequest: { Key } }] } }),
            () =>
              client.transactWriteItems({
                TransactItems: [{ Delete: { TableName: "things", Key } }],
              }),
            () => client.describeTable({ TableName: "things" }),
          ];
          await settle(calls[op]());
        }),
        { numRuns: RUNS },
      );
      // Both outcomes happened: the property is not vacuous.
      assertEquals(outcomes.ok > 0 && outcomes.error > 0, true, JSON.stringify(outcomes));
    },
  },
  {
    name:
      "fuzz: the high-level API over a fetch answering malformed items gives values or typed errors",
    run: async () => {
      await fc.assert(
        fc.asyncProperty(status, bodyText, fc.nat(4), async (s, text, op) => {
          const db = new Database(answering(s, text));
          const t = db.table("things", { partitionKey: ["pk", "S"] });
          const calls = [
            () => t.get({ pk: "a" }),
            async () => {
              for await (const _ of t.query("a")) break;
            },
            () => t.batchGet([{ pk: "a" }], { maxAttempts: 2 } as never),
            () => db.transactGet([{ table: t, key: { pk: "a" } }]),
            () => t.put({ pk: "a" }, { returnValues: "ALL_OLD" }),
          ];
          await settle(calls[op]());
        }),
        { numRuns: RUNS / 2 },
      );
    },
  },
];

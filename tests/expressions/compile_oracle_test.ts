// The semantic oracle: random items go into a real server, random FilterExpressions, updates and key
// conditions built with the builders run there, and an independent evaluator (./_evaluator.ts) computes
// what DynamoDB's documented semantics say. The two must agree. It runs on both engines; DynamoDB Local
// is the reference, so the generators cover DynamoDB's whole domain there, and on dynalite they steer
// around each of its departures from DynamoDB (shared/FACTS.md), named in DYNALITE below. The tests at the
// end show each departure on both engines.
import fc from "fast-check";
import { assertEquals } from "../assert.ts";
import { encode, encodeItem } from "../../lib/codec/mod.ts";
import type { AttributeMap } from "../../lib/codec/mod.ts";
import {
  Attr,
  BEGINS_WITH,
  BETWEEN,
  compileExpressions,
  conditionFromMap,
  EQ,
  GE,
  GT,
  ifNotExists,
  Key,
  LE,
  listAppend,
  LT,
  minus,
  plus,
  update,
} from "../../lib/expressions/mod.ts";
import type { BotoCondition, UpdateBuilder } from "../../lib/expressions/mod.ts";
import type { LocalEngine } from "../../testing.ts";
import { forEachEngine } from "../_engines.ts";
import { applyUpdate, equal, evaluate, type UpdateStep } from "./_evaluator.ts";
import { build, type CmpOp, type PathSpec, ref, type Spec, specArbitrary } from "./_spec.ts";

async function call(endpoint: string, op: string, body: unknown): Promise<Record<string, unknown>> {
  const date = new Date().toISOString().replace(/[-:]|\.\d+/g, "");
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": `DynamoDB_20120810.${op}`,
      "x-amz-date": date,
      authorization:
        `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/us-east-1/dynamodb/aws4_request, ` +
        `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${"0".repeat(64)}`,
    },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) {
    throw new Error(`${op} failed: ${JSON.stringify(json)} for ${JSON.stringify(body)}`);
  }
  return json;
}

// CreateTable, then wait until the table is ACTIVE (even with createTableMs: 0 it is CREATING for a tick).
async function createTable(endpoint: string, body: Record<string, unknown>): Promise<void> {
  await call(endpoint, "CreateTable", { BillingMode: "PAY_PER_REQUEST", ...body });
  for (;;) {
    const { Table } = await call(endpoint, "DescribeTable", { TableName: body.TableName });
    if ((Table as { TableStatus: string }).TableStatus === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const TABLE = "oracle";
const NAMES = ["a", "size", "weird.name", "br[0]", "m"];
const KEYS = ["a", "b", "x.y", "n"];

// dynalite's departures from DynamoDB, each the reason its generators are narrower than DynamoDB Local's:
const DYNALITE = {
  // Strings compare by UTF-16 units (DynamoDB: UTF-8 bytes): its strings are ASCII, where the two
  // orders agree.
  utf16: ["é", "ｚ", "😀"],
  // IN, BETWEEN, attribute_type and size() treat BOOL false and "" as absent: neither appears.
  falsy: [false, ""],
  // = on lists and maps compares by reference: = and IN compare with scalars only.
  // Its expression parser slows exponentially with parenthesis depth: trees are 3 levels deep, not 4.
  depth: 3,
};

interface Domain {
  strings: string[];
  scalar: fc.Arbitrary<unknown>;
  value: fc.Arbitrary<unknown>;
  spec: fc.Arbitrary<Spec>;
}

function domain(engine: LocalEngine): Domain {
  const full = engine === "dynamodb-local";
  const strings = ["a", "ab", "b", ...(full ? DYNALITE.utf16 : [])];
  // Weighted so that leaves often meet a value of their own type and decide the result.
  const scalar = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -2, max: 2 }) },
    { weight: 3, arbitrary: fc.constantFrom(...strings) },
    { weight: 2, arbitrary: fc.constant(true) },
    { weight: 2, arbitrary: fc.constant(null) },
    ...(full ? [{ weight: 2, arbitrary: fc.constantFrom(...DYNALITE.falsy) }] : []),
  );
  const value: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 6, arbitrary: scalar },
    { weight: 2, arbitrary: fc.array(scalar, { minLength: 1, maxLength: 3 }) },
    fc.record(
      { a: scalar, b: scalar, "x.y": scalar, n: fc.record({ a: scalar }, { requiredKeys: [] }) },
      { requiredKeys: [] },
    ),
    fc.uniqueArray(fc.constantFrom("a", "b", "ab"), { minLength: 1 }).map((a) => new Set(a)),
    fc.uniqueArray(fc.constantFrom(1, 2, 3), { minLength: 1 }).map((a) => new Set(a)),
  );
  // Lists and maps to compare with, on DynamoDB Local: small ones, so that some are equal.
  const compound = fc.oneof(
    fc.array(fc.constantFrom(1, "a", true), { minLength: 1, maxLength: 2 }),
    fc.record({ a: fc.constantFrom(1, "a") }),
  );
  const path: fc.Arbitrary<PathSpec> = fc.tuple(
    fc.constantFrom(...NAMES),
    fc.oneof(
      { weight: 4, arbitrary: fc.constant([]) },
      fc.tuple(fc.constantFrom(...KEYS)),
      { weight: 2, arbitrary: fc.tuple(fc.nat(2)) },
      fc.constant(["n", "a"]),
    ),
  ).map(([first, rest]) => [first, ...rest]);
  const ordered = fc.oneof(
    fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 })).map((
      [a, b],
    ) => [Math.min(a, b), Math.max(a, b)]),
    fc.tuple(fc.constantFrom(...strings), fc.constantFrom(...strings)).map(([a, b]) =>
      utf8Order(a, b) <= 0 ? [a, b] : [b, a]
    ),
  ) as fc.Arbitrary<[unknown, unknown]>;
  const spec = specArbitrary({
    path,
    scalar: full ? fc.oneof({ weight: 5, arbitrary: scalar }, compound) : scalar,
    ordered,
    sizeValue: fc.nat(4),
    prefix: fc.constantFrom("a", "b", "ab", ...(full ? ["é", "😀"] : [])),
    element: fc.oneof(fc.constantFrom("a", "b", "ab"), fc.integer({ min: 1, max: 3 })),
    type: fc.constantFrom("S", "N", "NULL", "BOOL", "L", "M", "SS", "NS"),
  }, full ? DYNALITE.depth + 1 : DYNALITE.depth);
  return { strings, scalar, value, spec };
}

const utf8 = new TextEncoder();
function utf8Order(a: string, b: string): number {
  const x = utf8.encode(a), y = utf8.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

await forEachEngine(({ engine, local, test }) => {
  const { strings: STRINGS, scalar, value, spec } = domain(engine);
  const itemBody = fc.record(Object.fromEntries(NAMES.map((n) => [n, value])), {
    requiredKeys: [],
  });
  const withTable = async (run: (endpoint: string) => Promise<void>): Promise<void> => {
    await createTable(local.endpoint, {
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    });
    await run(local.endpoint);
  };

  test("oracle: Scan with random FilterExpressions agrees with the evaluator", async () => {
    await withTable(async (endpoint) => {
      let run = 0, matched = 0, total = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(itemBody, { minLength: 1, maxLength: 10 }),
          fc.array(spec, { minLength: 1, maxLength: 6 }),
          async (bodies, specs) => {
            run++;
            const items: AttributeMap[] = bodies.map((b, i) =>
              encodeItem({ ...b, pk: `r${run}-${i}` })
            );
            await call(endpoint, "BatchWriteItem", {
              RequestItems: { [TABLE]: items.map((Item) => ({ PutRequest: { Item } })) },
            });
            try {
              for (const s of specs) {
                const compiled = compileExpressions({ filter: build(s) });
                const scanned = await call(endpoint, "Scan", { TableName: TABLE, ...compiled });
                const got = (scanned.Items as AttributeMap[]).map((i) => (i.pk as { S: string }).S)
                  .sort();
                const want = items.filter((i) => evaluate(s, i, (v) => encode(v))).map((i) =>
                  (i.pk as { S: string }).S
                ).sort();
                assertEquals(got, want, `${compiled.FilterExpression} ${JSON.stringify(compiled)}`);
                matched += want.length;
                total += items.length;
              }
            } finally {
              await call(endpoint, "BatchWriteItem", {
                RequestItems: {
                  [TABLE]: items.map((i) => ({ DeleteRequest: { Key: { pk: i.pk } } })),
                },
              });
            }
          },
        ),
        { numRuns: 300 },
      );
      // The trees must be selective both ways for the comparison to mean something.
      assertEquals(
        matched > total * 0.1 && matched < total * 0.9,
        true,
        `${matched} of ${total} matched`,
      );
    });
  });

  // Update items have a fixed shape so every generated action is valid: `s` and `m` and `l` always exist.
  const updateItem = fc.record({
    s: fc.constantFrom(...STRINGS),
    m: fc.record({ a: scalar, b: scalar }, { requiredKeys: [] }),
    l: fc.array(scalar, { maxLength: 3 }),
    cnt: fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined }),
    ss: fc.option(
      fc.uniqueArray(fc.constantFrom("a", "b", "ab"), { minLength: 1 }).map((a) => new Set(a)),
      { nil: undefined },
    ),
    a: fc.option(scalar, { nil: undefined }),
    "weird.name": fc.option(scalar, { nil: undefined }),
  }).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));

  const stringSet = fc.uniqueArray(fc.constantFrom("a", "b", "ab", "q"), { minLength: 1 }).map((
    a,
  ) => new Set(a));
  const slot = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const steps: fc.Arbitrary<UpdateStep[]> = fc.record({
    a: slot(fc.oneof(
      scalar.map((value): UpdateStep => ({ do: "set", path: ["a"], value })),
      fc.constant<UpdateStep>({ do: "setFrom", path: ["a"], from: ["s"] }),
      fc.constant<UpdateStep>({ do: "remove", path: ["a"] }),
    )),
    weird: slot(fc.oneof(
      value.map((value): UpdateStep => ({ do: "set", path: ["weird.name"], value })),
      fc.constant<UpdateStep>({ do: "remove", path: ["weird.name"] }),
    )),
    cnt: slot(fc.oneof(
      fc.integer({ min: -3, max: 3 }).map((value): UpdateStep => ({
        do: "add",
        path: ["cnt"],
        value,
      })),
      fc.record({
        add: fc.nat(3),
        start: fc.integer({ min: -3, max: 10 }),
        sign: fc.constantFrom<1 | -1>(1, -1),
      })
        .map((r): UpdateStep => ({ do: "setSum", path: ["cnt"], ...r })),
    )),
    l: slot(fc.oneof(
      fc.record({ list: fc.array(scalar, { maxLength: 2 }), front: fc.boolean() }).map((
        r,
      ): UpdateStep => ({ do: "append", path: ["l"], ...r })),
      fc.nat(3).map((i): UpdateStep => ({ do: "remove", path: ["l", i] })),
      fc.record({ i: fc.nat(4), value: scalar }).map((r): UpdateStep => ({
        do: "set",
        path: ["l", r.i],
        value: r.value,
      })),
    )),
    m: slot(fc.oneof(
      value.map((value): UpdateStep => ({ do: "set", path: ["m", "x.y"], value })),
      fc.constant<UpdateStep>({ do: "remove", path: ["m", "a"] }),
      scalar.map((value): UpdateStep => ({ do: "setIfMissing", path: ["m", "b"], value })),
    )),
    ss: slot(fc.oneof(
      stringSet.map((value): UpdateStep => ({ do: "add", path: ["ss"], value })),
      stringSet.map((value): UpdateStep => ({ do: "delete", path: ["ss"], value })),
    )),
  }).map((r) => Object.values(r).filter((s): s is UpdateStep => s !== undefined))
    .filter((s) => s.length > 0);

  function buildUpdate(list: UpdateStep[]): UpdateBuilder {
    return list.reduce((u, s) => {
      const p = ref(s.path);
      switch (s.do) {
        case "set":
          return u.set(p, s.value);
        case "setFrom":
          return u.set(p, Attr(ref(s.from)));
        case "setSum":
          return u.set(p, (s.sign > 0 ? plus : minus)(ifNotExists(p, s.start), s.add));
        case "append":
          return u.set(
            p,
            s.front
              ? listAppend(s.list, ifNotExists(p, []))
              : listAppend(ifNotExists(p, []), s.list),
          );
        case "setIfMissing":
          return u.set(p, ifNotExists(p, s.value));
        case "remove":
          return u.remove(p);
        case "add":
          return u.add(p, s.value);
        case "delete":
          return u.delete(p, s.value);
      }
    }, update());
  }

  test("oracle: random updates applied by the server agree with the evaluator", async () => {
    await withTable(async (endpoint) => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(updateItem, steps, async (body, list) => {
          const Key = { pk: { S: `u${++run}` } };
          const item = encodeItem({ ...body, pk: Key.pk.S });
          await call(endpoint, "PutItem", { TableName: TABLE, Item: item });
          const compiled = compileExpressions({ update: buildUpdate(list) });
          const result = await call(endpoint, "UpdateItem", {
            TableName: TABLE,
            Key,
            ReturnValues: "ALL_NEW",
            ...compiled,
          });
          const got = result.Attributes as AttributeMap;
          const want = applyUpdate(item, list, (v) => encode(v));
          assertEquals(
            equal({ M: got }, { M: want }),
            true,
            `${compiled.UpdateExpression}\n got ${JSON.stringify(got)}\nwant ${
              JSON.stringify(want)
            }\nfrom ${JSON.stringify(item)}`,
          );
        }),
        { numRuns: 200 },
      );
    });
  });

  // Key conditions: tables whose key attributes are reserved words ("name", "size"), with string and
  // number sort keys; each condition is built with Key(...) or, alternately, from a boto map.
  for (const type of ["S", "N"] as const) {
    test(`oracle: Query with random key conditions on a ${type} sort key agrees with the evaluator`, async () => {
      {
        const endpoint = local.endpoint;
        await createTable(endpoint, {
          TableName: "keyed",
          AttributeDefinitions: [{ AttributeName: "name", AttributeType: "S" }, {
            AttributeName: "size",
            AttributeType: type,
          }],
          KeySchema: [{ AttributeName: "name", KeyType: "HASH" }, {
            AttributeName: "size",
            KeyType: "RANGE",
          }],
        });
        const sorts: unknown[] = type === "S"
          ? [
            "a",
            "ab",
            "abc",
            "b",
            "ba",
            "B",
            "c",
            ...(engine === "dynamodb-local" ? DYNALITE.utf16 : []),
          ]
          : [-3, -1, 0, 1, 2, 10, 11];
        const items = ["p1", "p2"].flatMap((name) =>
          sorts.map((size) => encodeItem({ name, size, v: 1 }))
        );
        for (const Item of items) await call(endpoint, "PutItem", { TableName: "keyed", Item });
        const sortValue = fc.constantFrom(...sorts, ...(type === "S" ? ["aa", "Z"] : [5, -10]));
        const sortSpec: fc.Arbitrary<Spec | undefined> = fc.option(
          fc.oneof(
            fc.record({ op: fc.constantFrom<CmpOp>("=", "<", "<=", ">", ">="), value: sortValue })
              .map((r): Spec => ({
                t: "cmp",
                op: r.op,
                path: ["size"],
                size: false,
                value: r.value,
              })),
            fc.tuple(sortValue, sortValue).map(([a, b]): Spec => {
              const [low, high] =
                (type === "S" ? utf8Order(String(a), String(b)) <= 0 : Number(a) <= Number(b))
                  ? [a, b]
                  : [b, a];
              return { t: "between", path: ["size"], size: false, low, high };
            }),
            ...(type === "S"
              ? [
                fc.constantFrom("a", "ab", "b", "z").map((value): Spec => ({
                  t: "begins",
                  path: ["size"],
                  value,
                })),
              ]
              : []),
          ),
          { nil: undefined },
        );
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom("p1", "p2", "p3"),
            sortSpec,
            fc.boolean(),
            async (name, sort, boto) => {
              const keyCondition = boto
                ? conditionFromMap({ name, ...(sort && { size: botoOf(sort) }) })
                : sort
                ? Key("name").eq(name).and(build(sort))
                : Key("name").eq(name);
              const compiled = compileExpressions({ keyCondition });
              const result = await call(endpoint, "Query", { TableName: "keyed", ...compiled });
              const got = (result.Items as AttributeMap[]).map((i) => JSON.stringify(i.size));
              const spec: Spec = {
                t: "and",
                of: [
                  { t: "cmp", op: "=", path: ["name"], size: false, value: name },
                  ...(sort ? [sort] : []),
                ],
              };
              const want = items.filter((i) => evaluate(spec, i, (v) => encode(v))).map((i) =>
                JSON.stringify(i.size)
              );
              assertEquals(got.sort(), want.sort(), compiled.KeyConditionExpression);
            },
          ),
          { numRuns: 150 },
        );
      }
    });
  }

  // Each row: a filter over the items below, and the keys each engine returns. DynamoDB Local is the
  // reference; the dynalite column is the departure the generators above steer around.
  test("divergences: string order, false and empty string, = on lists and maps", async () => {
    await createTable(local.endpoint, {
      TableName: "diverge",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    });
    const items = { emoji: "😀", e: "é", empty: "", f: false, l: [1], m: { a: 1 } };
    for (const [pk, v] of Object.entries(items)) {
      await call(local.endpoint, "PutItem", { TableName: "diverge", Item: encodeItem({ pk, v }) });
    }
    const rows: [string, Record<string, unknown>, string, string][] = [
      // UTF-8 bytes: "😀" (F0..) sorts after "ｚ" (EF..); UTF-16 units: before (D83D < FF5A).
      ["v < :x", { ":x": "ｚ" }, "e,empty", "e,emoji,empty"],
      ["v IN (:x, :y)", { ":x": false, ":y": "" }, "empty,f", ""],
      ["v BETWEEN :x AND :y", { ":x": "", ":y": "a" }, "empty", ""],
      ["attribute_type(v, :x)", { ":x": "BOOL" }, "f", ""],
      ["v = :x OR v = :y", { ":x": [1], ":y": { a: 1 } }, "l,m", ""],
      // Not a divergence: both count size() of a string in UTF-16 units, not UTF-8 bytes.
      ["size(v) = :x", { ":x": 2 }, "emoji", "emoji"],
    ];
    for (const [filter, values, local_, dynalite] of rows) {
      const { Items } = await call(local.endpoint, "Scan", {
        TableName: "diverge",
        FilterExpression: filter,
        ExpressionAttributeValues: Object.fromEntries(
          Object.entries(values).map(([k, v]) => [k, encode(v)]),
        ),
      });
      const got = (Items as AttributeMap[]).map((i) => (i.pk as { S: string }).S).sort().join(",");
      assertEquals(got, engine === "dynamodb-local" ? local_ : dynalite, filter);
    }
  });
});

const BOTO = { "=": EQ, "<": LT, "<=": LE, ">": GT, ">=": GE } as const;
function botoOf(s: Spec): BotoCondition {
  if (s.t === "cmp" && s.op !== "<>") return BOTO[s.op](s.value);
  if (s.t === "between") return BETWEEN(s.low, s.high);
  if (s.t === "begins") return BEGINS_WITH(s.value);
  throw new Error(`no boto form for ${s.t}`);
}

// The lean signer of the client's requests must give exactly the headers signRequest gives.
import fc from "fast-check";
import { unicodeString } from "./_arbitraries.ts";
import { assertEquals, assertRejects } from "../assert.ts";
import { ValidationError } from "../../lib/errors.ts";
import { signRequest } from "../../lib/sigv4/mod.ts";
import type { Credentials, Hashing } from "../../lib/sigv4/mod.ts";
import { signJsonPost } from "../../lib/sigv4/_json_post.ts";
import { sha256Hex } from "../../lib/sigv4/_sha256.ts";
import { AUTO_LIMIT } from "../../lib/sigv4/_signature.ts";

const CONTENT_TYPE = "application/x-amz-json-1.0";

function general(
  url: string,
  target: string,
  body: string,
  credentials: Credentials,
  region: string,
  service: string,
  date: Date,
  hashing?: Hashing,
): Promise<Record<string, string>> {
  return signRequest(
    {
      method: "POST",
      url,
      headers: { "content-type": CONTENT_TYPE, "x-amz-target": target },
      body,
    },
    { credentials, region, service, date, hashing },
  ).then((signed) => signed.headers);
}

const endpoint = fc.oneof(
  fc.constantFrom(
    "https://dynamodb.us-east-1.amazonaws.com/",
    "https://dynamodb.cn-north-1.amazonaws.com.cn/",
    "http://localhost:8000/",
    "http://127.0.0.1:8000",
    "https://DynamoDB.EU-West-1.amazonaws.com:443/",
    "http://[::1]:80/",
    "https://example.com:8443",
  ),
  // Handed to signRequest: a path, a query, user info, a non-ASCII host, an underscore.
  fc.constantFrom(
    "https://proxy.example.com/dynamo/./db/",
    "https://proxy.example.com/?a=b",
    "https://user:pw@example.com/",
    "https://bücher.example/",
    "http://db_1:8000/",
    "https://example.com/#top",
  ),
);
const target = fc.oneof(
  fc.constantFrom("GetItem", "PutItem", "Query", "BatchWriteItem", "DescribeTable")
    .map((op) => "DynamoDB_20120810." + op),
  fc.stringMatching(/^[ \t]?[A-Za-z_.]{1,20}( {1,2}[A-Za-z]{1,5})?[ \t]?$/),
);
const body = fc.oneof(
  fc.json(),
  unicodeString({ maxLength: 300 }).map((s) =>
    JSON.stringify({ TableName: "t", Item: { s: { S: s } } })
  ),
  fc.constant(""),
  fc.constant("x".repeat(9000)),
);
const credentials = fc.record({
  accessKeyId: fc.stringMatching(/^[A-Z0-9]{4,20}$/),
  secretAccessKey: fc.string({ minLength: 1, maxLength: 80 }),
  sessionToken: fc.option(
    fc.oneof(fc.stringMatching(/^[A-Za-z0-9+/=]{1,80}$/), fc.constant(""), fc.constant(" a  b ")),
    { nil: undefined },
  ),
}).map(({ sessionToken, ...keys }): Credentials =>
  sessionToken === undefined ? keys : { ...keys, sessionToken }
);
const region = fc.constantFrom("us-east-1", "eu-west-1", "cn-north-1", "local");
const service = fc.constantFrom("dynamodb", "streams.dynamodb");
const date = fc.date({
  noInvalidDate: true,
  min: new Date(0),
  max: new Date("9999-12-31T23:59:59Z"),
});
const hashing = fc.constantFrom<Hashing | undefined>(undefined, "auto", "js", "webcrypto");

Deno.test("property: the lean path's headers equal signRequest's, in the same order", async () => {
  await fc.assert(
    fc.asyncProperty(
      endpoint,
      target,
      body,
      credentials,
      region,
      service,
      date,
      hashing,
      async (...args) => {
        const lean = await signJsonPost(...args);
        const expected = await general(...args);
        assertEquals(Object.entries(lean), Object.entries(expected));
      },
    ),
    { numRuns: 400 },
  );
});

const EXAMPLE = {
  url: "https://dynamodb.us-east-1.amazonaws.com/",
  target: "DynamoDB_20120810.GetItem",
  body: '{"TableName":"t","Key":{"id":{"S":"1"}}}',
  credentials: {
    accessKeyId: "AKIDEXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  } as Credentials,
  region: "us-east-1",
  service: "dynamodb",
  date: new Date("2015-08-30T12:36:00Z"),
  hashing: undefined as Hashing | undefined,
};

function args(changes: Partial<typeof EXAMPLE> = {}): Parameters<typeof general> {
  const e = { ...EXAMPLE, ...changes };
  return [e.url, e.target, e.body, e.credentials, e.region, e.service, e.date, e.hashing];
}

Deno.test("a GetItem without a session token: four headers, the signature signRequest gives", async () => {
  const headers = await signJsonPost(...args());
  assertEquals(Object.keys(headers), [
    "content-type",
    "x-amz-target",
    "x-amz-date",
    "authorization",
  ]);
  assertEquals(headers.authorization, (await general(...args())).authorization);
  assertEquals(
    headers.authorization.split(", ")[1],
    "SignedHeaders=content-type;host;x-amz-date;x-amz-target",
  );
});

Deno.test("the lean path rejects what signRequest rejects, with the same path and message", async () => {
  const bad: [string, Partial<typeof EXAMPLE>][] = [
    ["options.credentials.accessKeyId", { credentials: { accessKeyId: "", secretAccessKey: "s" } }],
    ["options.credentials", { credentials: null as unknown as Credentials }],
    ["options.region", { region: "us/east" }],
    ["options.service", { service: "" }],
    ["options.date", { date: new Date(NaN) }],
    ["options.hashing", { hashing: "md5" as Hashing }],
    ["request.url", { url: "/relative" }],
  ];
  for (const [path, changes] of bad) {
    const lean = await assertRejects(() => signJsonPost(...args(changes)), ValidationError);
    const expected = await assertRejects(() => general(...args(changes)), ValidationError);
    assertEquals([lean.path, lean.message], [path, expected.message]);
  }
});

Deno.test("property: a body hash handed in is used under auto at any size, and the headers stay signRequest's", async () => {
  const big = unicodeString({ minLength: 3000, maxLength: 5000 }).map((s) => JSON.stringify({ s }));
  await fc.assert(
    fc.asyncProperty(
      endpoint,
      target,
      fc.oneof(body, big),
      credentials,
      region,
      date,
      hashing,
      async (url, target, body, credentials, region, date, hashing) => {
        const args = [url, target, body, credentials, region, "dynamodb", date, hashing] as const;
        const given = await signJsonPost(...args, sha256Hex(body));
        const expected = await general(...args);
        assertEquals(Object.entries(given), Object.entries(expected));
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("a body hash handed in replaces hashing the body under auto only", async () => {
  // A wrong hash shows whether it was used: it changes the signature.
  const wrong = "0".repeat(64);
  const signature = async (hashing: Hashing | undefined, bodyHash?: string) =>
    (await signJsonPost(...args({ hashing }), bodyHash)).authorization;
  const honest = await signature(undefined);
  assertEquals(await signature("js", wrong), honest);
  assertEquals(await signature("webcrypto", wrong), honest);
  assertEquals(await signature(undefined, sha256Hex(EXAMPLE.body)), honest);
  const used = await signature("auto", wrong);
  assertEquals(used === honest, false);
  assertEquals(await signature(undefined, wrong), used);
  // Past AUTO_LIMIT, too, where "auto" would otherwise take WebCrypto through signRequest.
  const long = args({ body: JSON.stringify({ s: "é".repeat(AUTO_LIMIT) }) });
  assertEquals(
    (await signJsonPost(...long, wrong)).authorization ===
      (await signJsonPost(...long)).authorization,
    false,
  );
});

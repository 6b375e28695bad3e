/**
 * The clients that the end-to-end and cold-start rows of `deno task bench:compare` compare, each behind
 * the same four calls on plain JavaScript values: `put(item)`, `get(key)` -> item, `query(pk)` -> items
 * (one page), `batch(items)` (one BatchWriteItem of up to 25 puts). Runs in Deno (dynafetch from the
 * sources), Node and Bun (dynafetch from the npm build, resolved by package name and its conditions).
 *
 * The two floors send request bodies built before the clock starts, with a fixed, well-formed
 * Authorization header (dynalite checks its form, not its signature), and parse the JSON answer: what
 * any client must do at least, over fetch or over a keep-alive node:http Agent.
 *
 * Node's modules are imported only by the clients that use them, so that a cold start loads only its own
 * client's code.
 *
 * @module
 */
export const REGION = "us-east-1";
export const CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};

/**
 * @typedef {Record<string, unknown>} Item
 * @typedef {{ put(item: Item): Promise<unknown>, get(key: Item): Promise<Item | undefined>,
 *   query(pk: string): Promise<Item[]>, batch(items: Item[]): Promise<unknown>,
 *   close?(): void }} Client
 */

/**
 * The clients by name; each builder gets the endpoint, the table and the data set (`items`, their
 * `keys`, the `partitions`, the `batches` of 25 items; the floors build their bodies from it) and
 * returns a Client.
 */
export const builders = {
  /** dynafetch's low-level client with the runtime's default transport, plus encodeItem/decodeItem. */
  "dynafetch": (endpoint, table) => dynafetch(endpoint, table, () => ({})),
  /** dynafetch on the global fetch, chosen explicitly. */
  "dynafetch on fetch": (endpoint, table) =>
    dynafetch(endpoint, table, () => ({ fetch: globalThis.fetch })),
  /** dynafetch on its node:http transport, chosen explicitly (the `./node` entry). */
  "dynafetch on node:http": (endpoint, table) =>
    dynafetch(endpoint, table, async () => {
      const { nodeHttpTransport } = await import("@dynafetch/dynafetch/node");
      return { transport: nodeHttpTransport() };
    }),
  "AWS SDK v3 DocumentClient": sdk,
  "aws-lite": awsLite,
  "bare fetch (floor)": (endpoint, table, data) => bare(endpoint, table, fetchPost, data),
  "bare node:http keep-alive (floor)": async (endpoint, table, data) =>
    bare(endpoint, table, await nodePost(), data),
};

/**
 * Which transport dynafetch's client takes by default here: a second call reports `reusedConnection`
 * when the transport knows it (node:http does, fetch cannot).
 */
export async function defaultTransport(endpoint, table, key) {
  const { DynamoDB, encodeItem } = await import("@dynafetch/dynafetch");
  let reused;
  const onEvent = (event) => {
    if (event.type === "response") reused = event.reusedConnection;
  };
  const db = new DynamoDB({ region: REGION, endpoint, credentials: CREDENTIALS, onEvent });
  for (let i = 0; i < 2; i++) await db.getItem({ TableName: table, Key: encodeItem(key) });
  return reused === undefined
    ? "fetch (no connection reuse reported)"
    : `node:http (second call reusedConnection: ${reused})`;
}

const query = (table, pk) => ({
  TableName: table,
  KeyConditionExpression: "pk = :p",
  ExpressionAttributeValues: { ":p": pk },
});

async function dynafetch(endpoint, table, options) {
  const { DynamoDB, decodeItem, encodeItem } = await import("@dynafetch/dynafetch");
  const extra = await options();
  const db = new DynamoDB({ region: REGION, endpoint, credentials: CREDENTIALS, ...extra });
  return {
    put: (item) => db.putItem({ TableName: table, Item: encodeItem(item) }),
    get: async (key) => {
      const { Item } = await db.getItem({ TableName: table, Key: encodeItem(key) });
      return Item && decodeItem(Item);
    },
    query: async (pk) => {
      const { Items } = await db.query({
        ...query(table, pk),
        ExpressionAttributeValues: encodeItem({ ":p": pk }),
      });
      return Items.map((item) => decodeItem(item));
    },
    batch: async (items) => {
      const puts = items.map((item) => ({ PutRequest: { Item: encodeItem(item) } }));
      const { UnprocessedItems } = await db.batchWriteItem({ RequestItems: { [table]: puts } });
      if (Object.keys(UnprocessedItems ?? {}).length) throw new Error("unprocessed items");
    },
    close: () => extra.transport?.close?.(),
  };
}

async function sdk(endpoint, table) {
  const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
  const { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } =
    await import("@aws-sdk/lib-dynamodb");
  const client = new DynamoDBClient({ region: REGION, endpoint, credentials: CREDENTIALS });
  const db = DynamoDBDocumentClient.from(client);
  return {
    put: (item) => db.send(new PutCommand({ TableName: table, Item: item })),
    get: async (key) => (await db.send(new GetCommand({ TableName: table, Key: key }))).Item,
    query: async (pk) => (await db.send(new QueryCommand(query(table, pk)))).Items,
    batch: async (items) => {
      const puts = items.map((item) => ({ PutRequest: { Item: item } }));
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: puts } }));
      if (Object.keys(out.UnprocessedItems ?? {}).length) throw new Error("unprocessed items");
    },
    close: () => client.destroy(),
  };
}

async function awsLite(endpoint, table) {
  const { default: client } = await import("@aws-lite/client");
  const aws = await client({
    region: REGION,
    endpoint,
    ...CREDENTIALS,
    autoloadPlugins: false,
    plugins: [import("@aws-lite/dynamodb")],
  });
  return {
    put: (item) => aws.DynamoDB.PutItem({ TableName: table, Item: item }),
    get: async (key) => (await aws.DynamoDB.GetItem({ TableName: table, Key: key })).Item,
    query: async (pk) => (await aws.DynamoDB.Query(query(table, pk))).Items,
    batch: async (items) => {
      const puts = items.map((item) => ({ PutRequest: { Item: item } }));
      const out = await aws.DynamoDB.BatchWriteItem({ RequestItems: { [table]: puts } });
      if (Object.keys(out.UnprocessedItems ?? {}).length) throw new Error("unprocessed items");
    },
  };
}

const AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/dynamodb/" +
  "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" +
  "0".repeat(64);
const headersFor = (operation) => ({
  "content-type": "application/x-amz-json-1.0",
  "x-amz-target": `DynamoDB_20120810.${operation}`,
  "x-amz-date": "20260101T000000Z",
  "authorization": AUTHORIZATION,
});

/**
 * A floor: every request body of the data set is built (with the SDK's `marshall`) before anything is
 * timed, and found by its input object when sent.
 */
async function bare(endpoint, table, post, data) {
  const { marshall } = await import("@aws-sdk/util-dynamodb");
  const bodies = new Map();
  const encoder = new TextEncoder();
  const build = (input, body) => bodies.set(input, encoder.encode(JSON.stringify(body)));
  for (const item of data.items) build(item, { TableName: table, Item: marshall(item) });
  for (const key of data.keys) build(key, { TableName: table, Key: marshall(key) });
  for (const pk of data.partitions) {
    build(pk, { ...query(table, pk), ExpressionAttributeValues: marshall({ ":p": pk }) });
  }
  for (const items of data.batches) {
    const puts = items.map((item) => ({ PutRequest: { Item: marshall(item) } }));
    build(items, { RequestItems: { [table]: puts } });
  }
  const send = (operation, input) => post(endpoint, headersFor(operation), bodies.get(input));
  return {
    put: (item) => send("PutItem", item),
    get: async (key) => (await send("GetItem", key)).Item,
    query: async (pk) => (await send("Query", pk)).Items,
    batch: async (items) => {
      const out = await send("BatchWriteItem", items);
      if (Object.keys(out.UnprocessedItems ?? {}).length) throw new Error("unprocessed items");
    },
    close: () => post.close?.(),
  };
}

async function fetchPost(url, headers, body) {
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`status ${response.status}: ${text}`);
  return JSON.parse(text);
}

async function nodePost() {
  const { default: http } = await import("node:http");
  const { Buffer } = await import("node:buffer");
  const agent = new http.Agent({ keepAlive: true });
  const post = (url, headers, body) =>
    new Promise((resolve, reject) => {
      const request = http.request(url, {
        method: "POST",
        agent,
        headers: { ...headers, "content-length": body.byteLength },
      }, (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          if (response.statusCode !== 200) {
            reject(new Error(`status ${response.statusCode}: ${text}`));
          } else resolve(JSON.parse(text));
        });
      });
      request.on("error", reject);
      request.end(body);
    });
  post.close = () => agent.destroy();
  return post;
}

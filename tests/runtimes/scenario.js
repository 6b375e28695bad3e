/**
 * The smoke scenario every runtime runs, written once in plain JavaScript: create a table, put, get,
 * query with paging, a batch write, a failed conditional write caught as a typed error, delete the table.
 * It takes the dynafetch module (from mod.ts or from the npm package) and a local DynamoDB endpoint, uses
 * only web-platform globals, and throws on the first step that goes wrong.
 *
 * @module
 */

/**
 * Runs the scenario.
 *
 * @param {Record<string, any>} dynafetch The dynafetch module.
 * @param {{ endpoint?: string, tableName: string, db?: unknown }} options The endpoint (or a ready
 *   `Database`) and a table name no other run uses.
 * @returns {Promise<string>} A one-line summary of what was checked.
 */
export async function scenario(dynafetch, options) {
  const { Attr, ConditionalCheckFailedError, Database, DynafetchError, DynamoDBError, Key } =
    dynafetch;
  const db = options.db ?? new Database({
    endpoint: options.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const name = options.tableName;

  const table = await db.createTable({
    name,
    partitionKey: ["user", "S"],
    sortKey: ["at", "N"],
  });
  check(table.status === "ACTIVE", `created table is ${table.status}`);

  const ada = {
    user: "ada",
    at: 0,
    name: "Ada Lovelace \u{1F4D0}",
    born: 1815,
    exact: new dynafetch.DynamoNumber("12345678901234567890.000000000000000001"),
    tags: new Set(["math", "engines"]),
    portrait: new Uint8Array([0, 1, 2, 250, 255]),
    notes: { list: [1, "two", null, true], empty: "" },
  };
  await table.put(ada);
  const got = await table.get({ user: "ada", at: 0 });
  check(got !== undefined, "get found nothing");
  same(got.name, ada.name, "string");
  same(got.born, 1815, "number");
  same(String(got.exact), "12345678901234567890.000000000000000001", "38-digit number");
  same([...got.tags].sort(), ["engines", "math"], "string set");
  same([...got.portrait], [0, 1, 2, 250, 255], "binary");
  same(got.notes, ada.notes, "map");

  await table.batchWrite({
    puts: Array.from(
      { length: 10 },
      (_, i) => ({ user: "ada", at: i + 1, amount: (i + 1) * 1.25 }),
    ),
  });

  const pages = [];
  for await (
    const page of table.query(Key("user").eq("ada").and(Key("at").between(1, 10)), { limit: 4 })
      .pages()
  ) {
    pages.push(page.items.map((item) => item.at));
  }
  same(pages, [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]], "query pages of 4");

  let caught;
  try {
    await table.put({ user: "ada", at: 0, name: "someone else" }, {
      condition: Attr("user").notExists(),
    });
  } catch (error) {
    caught = error;
  }
  check(caught instanceof ConditionalCheckFailedError, `conditional put threw ${caught}`);
  check(caught instanceof DynamoDBError && caught instanceof DynafetchError, "error hierarchy");
  same(caught.code, "ConditionalCheckFailedException", "error code");
  same((await table.get({ user: "ada", at: 0 })).name, ada.name, "item after failed write");

  await table.deleteTable();
  check(!(await db.listTableNames()).includes(name), "table still listed after delete");

  // Local servers do not check signatures, so the signer is checked here against a known answer:
  // AWS's get-vanilla example, on the pure SHA-256 path and on WebCrypto, and both paths agree on a
  // body of several blocks (the hash constants are computed at load, in this runtime's arithmetic).
  const example = {
    credentials: {
      accessKeyId: "AKIDEXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    },
    region: "us-east-1",
    service: "service",
    date: new Date(Date.UTC(2015, 7, 30, 12, 36)),
  };
  const signatures = [];
  for (const hashing of ["js", "webcrypto"]) {
    const vanilla = await dynafetch.signRequest(
      { method: "GET", url: "https://example.amazonaws.com/", headers: {} },
      { ...example, hashing },
    );
    same(
      vanilla.headers.authorization.split("Signature=")[1],
      "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
      `get-vanilla signature (${hashing})`,
    );
    const post = await dynafetch.signRequest(
      {
        method: "POST",
        url: "https://example.amazonaws.com/",
        headers: {},
        body: "é".repeat(3000),
      },
      { ...example, hashing },
    );
    signatures.push(post.headers.authorization);
  }
  same(signatures[0], signatures[1], "pure and WebCrypto signatures of a 6 KB body");
  return "create, put, get, query 3 pages, batch write 10, conditional failure typed, delete, SigV4 known answer";
}

function check(ok, message) {
  if (!ok) throw new Error(message);
}

function same(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: got ${a}, expected ${e}`);
}

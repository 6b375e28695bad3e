// No error and no event shows the secret access key or the session token: every error path the client
// has (service errors, network errors, timeouts, checksum and parse errors, validation and credential
// errors, batch errors) is driven with known credentials, and each error, its cause chain and each event is
// rendered every way a program or a logger renders it.
import { inspect } from "node:util";
import {
  assertEquals,
  assertGreater,
  assertInstanceOf,
  assertRejects,
  type ErrorClass,
  fail,
} from "../assert.ts";
import {
  Attr,
  BatchWriteError,
  ChecksumError,
  type ClientEvent,
  ConditionalCheckFailedError,
  type Credentials,
  Database,
  type DynamoDB,
  type DynamoDBOptions,
  ExpiredTokenError,
  type FetchLike,
  NetworkError,
  ProvisionedThroughputExceededError,
  ResourceNotFoundError,
  ResponseParseError,
  ServiceValidationError,
  staticCredentials,
  TimeoutError,
  ValidationError,
} from "../../mod.ts";
import {
  CredentialsError,
  fromProcess,
  parseProcessOutput,
  parseStsResponse,
} from "../../credentials.ts";
import { startLocalDynamo } from "../../testing.ts";
import { ALL_FAULTS, type FaultKind, faultyFetch, instantBackoff } from "./_faults.ts";

const ACCESS_KEY_ID = "AKIDSECRETSTEST00001";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETSECRET";
const TOKEN = "FwoGZXIvYXdzTOKENTOKENtoken//////////wEaDLeakCheckSessionToken+/=";
// A leak may be partial (an excerpt cut at 40 or 200 characters): look for pieces too.
const NEEDLES = [SECRET, TOKEN, SECRET.slice(0, 16), SECRET.slice(-16), TOKEN.slice(12, 40)];
const CREDENTIALS: Credentials = {
  accessKeyId: ACCESS_KEY_ID,
  secretAccessKey: SECRET,
  sessionToken: TOKEN,
};

// Every way an error is shown: message, stack, String, JSON (of the error and of its own properties),
// Deno.inspect and node:util inspect, for the error and each error in its cause chain.
function renderings(error: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  for (let e = error; e !== undefined && e !== null && !seen.has(e);) {
    seen.add(e);
    out.push(
      String(e),
      JSON.stringify(e) ?? "",
      Deno.inspect(e, { depth: Infinity, showHidden: true, getters: true }),
      inspect(e, { depth: Infinity, showHidden: true, getters: true }),
    );
    if (e instanceof Error) {
      out.push(e.message, e.stack ?? "");
      const own: Record<string, unknown> = {};
      for (const key of Object.getOwnPropertyNames(e)) own[key] = Reflect.get(e, key);
      out.push(JSON.stringify(own, (_k, v) => typeof v === "bigint" ? String(v) : v));
      e = e.cause;
    } else break;
  }
  return out;
}

function assertNoSecret(what: string, value: unknown): void {
  for (const text of renderings(value)) {
    for (const needle of NEEDLES) {
      if (text.includes(needle)) fail(`${what} shows a secret (${needle.slice(0, 6)}...): ${text}`);
    }
  }
}

Deno.test("no error of any path, nor its cause chain, shows the secret access key or the session token", async () => {
  const local = await startLocalDynamo();
  const events: ClientEvent[] = [];
  const errors: [string, unknown][] = [];
  // A client whose fetch injects `plan`, then answers from dynalite. The attempt timeout is short only
  // where the plan has a timeout (a loaded machine may take 100 ms to answer, and a spurious timeout
  // would change which error a case ends with).
  const client = (
    plan: (FaultKind | undefined)[] = [],
    options: DynamoDBOptions = {},
  ): DynamoDB => {
    const timeoutMs = plan.some((k) => k?.startsWith("timeout")) ? 200 : 10_000;
    return local.client({
      credentials: CREDENTIALS,
      fetch: faultyFetch({ plan, rate: 0 }).fetch,
      sleep: instantBackoff(timeoutMs).sleep,
      timeoutMs,
      onEvent: (event) => events.push(event),
      ...options,
    });
  };
  const record = async (name: string, cls: ErrorClass, fn: () => Promise<unknown>) => {
    errors.push([name, await assertRejects(fn, cls)]);
  };
  try {
    const db = new Database({ client: client() });
    const items = await db.createTable<{ id: string; n?: number }>({
      name: "items",
      partitionKey: ["id", "S"],
    });
    const once = (plan: FaultKind[]) =>
      new Database({ client: client(plan, { maxAttempts: plan.length }) }).table<
        { id: string; n?: number }
      >("items", { partitionKey: ["id", "S"] });

    // One call that meets every fault before it succeeds: each retry event carries its error.
    await client([...ALL_FAULTS], { maxAttempts: ALL_FAULTS.length + 5 }).listTables();
    // What the service says.
    await record(
      "ResourceNotFound",
      ResourceNotFoundError,
      () => client().getItem({ TableName: "missing", Key: { id: { S: "a" } } }),
    );
    await record(
      "ValidationException",
      ServiceValidationError,
      () => client().putItem({ TableName: "items", Item: { other: { S: "a" } } }),
    );
    await record(
      "ConditionalCheckFailed",
      ConditionalCheckFailedError,
      () => items.put({ id: "a" }, { condition: Attr("id").exists() }),
    );
    await record(
      "throttled to the last attempt",
      ProvisionedThroughputExceededError,
      () => once(["throttling", "throughput"]).get("a"),
    );
    // The exchange failing.
    await record("connection reset", NetworkError, () => once(["reset", "resetAfter"]).get("a"));
    await record("body cut mid-stream", NetworkError, () => once(["truncatedStream"]).get("a"));
    await record("timeout", TimeoutError, () => once(["timeout"]).get("a"));
    await record(
      "timeout after applying",
      TimeoutError,
      () => once(["timeoutAfter"]).put({ id: "b" }),
    );
    await record("CRC-32 mismatch", ChecksumError, () => once(["crc"]).get("a"));
    await record("truncated body", ChecksumError, () => once(["truncated"]).get("a"));
    await record("HTML 502", ResponseParseError, () => once(["html502"]).get("a"));
    await record("truncated body, checksums off", ResponseParseError, () =>
      new Database({
        client: client(["truncated"], { maxAttempts: 1, validateChecksums: false }),
      }).table("items", { partitionKey: ["id", "S"] }).get("a"));
    await record("a scan page lost", ResponseParseError, () => once(["html502After"]).scan().all());
    await record(
      "batch write cut off",
      BatchWriteError,
      () => once(["reset"]).batchWrite({ puts: [{ id: "c" }, { id: "d" }] }),
    );
    // Bad input, before sending.
    await record(
      "a value that does not encode",
      ValidationError,
      () => items.put({ id: "e", n: NaN }),
    );
    await record(
      "a key of the wrong type",
      ValidationError,
      () => items.get(42 as unknown as string),
    );
    // Bad credentials, and credential sources failing.
    for (
      const [name, bad] of [
        ["expiration not a Date", { ...CREDENTIALS, expiration: TOKEN }],
        ["secret not a string", { accessKeyId: ACCESS_KEY_ID, secretAccessKey: [SECRET] }],
        ["token not a string", { ...CREDENTIALS, sessionToken: { TOKEN } }],
        ["no access key id", { accessKeyId: "", secretAccessKey: SECRET, sessionToken: TOKEN }],
      ] as const
    ) {
      await record(
        `credentials: ${name}`,
        ValidationError,
        () => client([], { credentials: bad as unknown as Credentials }).listTables(),
      );
      errors.push([
        `staticCredentials: ${name}`,
        captureSync(() => staticCredentials(bad as unknown as Credentials)),
      ]);
    }
    await record("a provider that fails", CredentialsError, () =>
      client([], {
        credentials: () => Promise.reject(new CredentialsError("vault", "access denied")),
      }).listTables());
    const expired: FetchLike = () =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            __type: "com.amazonaws.dynamodb.v20120810#ExpiredTokenException",
            message: "The security token included in the request is expired",
          }),
          { status: 400 },
        ),
      );
    await record(
      "expired token after a refresh",
      ExpiredTokenError,
      () =>
        client([], { fetch: expired, credentials: () => Promise.resolve(CREDENTIALS) })
          .listTables(),
    );
    const output = (body: Record<string, unknown>) =>
      JSON.stringify({
        AccessKeyId: ACCESS_KEY_ID,
        SecretAccessKey: SECRET,
        SessionToken: TOKEN,
        ...body,
      });
    for (
      const [name, stdout] of [
        ["no Version", output({})],
        ["bad Expiration", output({ Version: 1, Expiration: `not a date ${TOKEN}` })],
        ["secret not a string", output({ Version: 1, SecretAccessKey: [SECRET] })],
        ["not JSON", output({ Version: 1 }).slice(0, -3)],
      ] as const
    ) {
      errors.push([
        `credential_process: ${name}`,
        captureSync(() => parseProcessOutput(stdout, "credential_process")),
      ]);
      await record(
        `credential_process through the client: ${name}`,
        CredentialsError,
        () =>
          client([], {
            credentials: fromProcess({
              command: "print-credentials",
              host: { run: () => Promise.resolve({ code: 0, stdout, stderr: "" }) },
            }),
          }).listTables(),
      );
    }
    const sts = (fields: string) =>
      `<AssumeRoleResponse><AssumeRoleResult><Credentials>${fields}</Credentials>` +
      `</AssumeRoleResult></AssumeRoleResponse>`;
    for (
      const [name, status, xml] of [
        [
          "bad expiration",
          200,
          sts(
            `<AccessKeyId>${ACCESS_KEY_ID}</AccessKeyId><SecretAccessKey>${SECRET}</SecretAccessKey>` +
              `<SessionToken>${TOKEN}</SessionToken><Expiration>${TOKEN}</Expiration>`,
          ),
        ],
        [
          "no access key id",
          200,
          sts(`<SecretAccessKey>${SECRET}</SecretAccessKey><SessionToken>${TOKEN}</SessionToken>`),
        ],
        ["not XML", 200, `{"SecretAccessKey":"${SECRET}","SessionToken":"${TOKEN}"}`],
      ] as const
    ) {
      errors.push([`STS: ${name}`, captureSync(() => parseStsResponse(status, xml, "STS"))]);
    }
  } finally {
    await local.close();
  }

  assertGreater(errors.length, 30);
  for (const [name, error] of errors) {
    assertInstanceOf(error, Error, name);
    assertNoSecret(name, error);
  }
  // The events: requests with the Authorization and token headers redacted, retries with their errors.
  const requests = events.filter((e) => e.type === "request");
  assertGreater(requests.length, 15);
  for (const event of requests) {
    assertEquals(event.headers.authorization, "[redacted]");
    assertEquals(event.headers["x-amz-security-token"], "[redacted]");
    assertEquals(event.headers["x-amz-date"]?.length, 16);
  }
  assertGreater(events.filter((e) => e.type === "retry").length, ALL_FAULTS.length);
  for (const event of events) assertNoSecret(`${event.type} event`, event);
});

Deno.test("the checker itself finds a secret in a message, a property, a cause and an inspect", () => {
  // Guards the test above: each rendering it relies on does reach where a secret could hide.
  const cases: unknown[] = [
    new Error(`bad ${SECRET}`),
    Object.assign(new Error("x"), { token: TOKEN }),
    new Error("outer", { cause: new Error("inner", { cause: { headers: { t: TOKEN } } }) }),
    Object.defineProperty(new Error("hidden"), "secret", { value: SECRET, enumerable: false }),
  ];
  for (const error of cases) {
    let caught = false;
    try {
      assertNoSecret("case", error);
    } catch {
      caught = true;
    }
    assertEquals(caught, true, String(error));
  }
});

function captureSync(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return fail("expected an error");
}

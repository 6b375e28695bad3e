import { inspect } from "node:util";
import {
  assertEquals,
  assertInstanceOf,
  assertRejects,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
} from "../assert.ts";
import { DynafetchError, ValidationError } from "../../lib/errors.ts";
import {
  chain,
  checkCredentials,
  createCredentials,
  fromEnv,
  refreshing,
  regionFromEnv,
  signRequest,
  staticCredentials,
} from "../../lib/sigv4/mod.ts";
import type { Credentials, CredentialsProvider } from "../../lib/sigv4/mod.ts";

const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKENvalue==";
const plain = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET, sessionToken: TOKEN };

/** Every way a value gets printed: String(), JSON, Deno.inspect and util.inspect, bare and nested. */
function renderings(value: unknown): string[] {
  const nested = { client: { config: { credentials: value } } };
  return [
    String(value),
    `${value}`,
    JSON.stringify(value),
    JSON.stringify(nested),
    Deno.inspect(value),
    Deno.inspect(value, { showHidden: true, depth: 10 }),
    Deno.inspect(nested, { depth: 10 }),
    inspect(value),
    inspect(value, { showHidden: true, depth: 10 }),
    inspect(nested, { depth: 10 }),
    inspect([value]),
  ];
}

function assertNoSecret(text: string): void {
  assertEquals(text.includes(SECRET), false, `secret in ${text}`);
  assertEquals(text.includes(TOKEN), false, `token in ${text}`);
}

Deno.test("createCredentials: the secret and token never show in String, JSON, Deno.inspect or util.inspect", () => {
  const expiration = new Date("2030-01-01T00:00:00Z");
  const credentials = createCredentials({ ...plain, expiration });
  for (const text of renderings(credentials)) assertNoSecret(text);
  // They are still there to read by name, and what is shown is useful.
  assertEquals(credentials.secretAccessKey, SECRET);
  assertEquals(credentials.sessionToken, TOKEN);
  assertEquals(credentials.expiration, expiration);
  assertStringIncludes(Deno.inspect(credentials), "AKIDEXAMPLE");
  assertStringIncludes(inspect(credentials), "[redacted]");
  assertEquals(JSON.parse(JSON.stringify(credentials)), {
    accessKeyId: "AKIDEXAMPLE",
    expiration: "2030-01-01T00:00:00.000Z",
  });
  assertEquals(Object.keys(credentials), ["accessKeyId", "expiration"]);
  assertEquals(Object.isFrozen(credentials), true);
  // Without a token nothing claims one.
  assertEquals(
    String(createCredentials({ accessKeyId: "A", secretAccessKey: "B" })).includes("sessionToken"),
    false,
  );
});

Deno.test("checkCredentials names the bad field, never its value", () => {
  const cases: [unknown, string][] = [
    [null, "credentials"],
    ["AKID:SECRET", "credentials"],
    [{ secretAccessKey: SECRET }, "credentials.accessKeyId"],
    [{ accessKeyId: "AKID", secretAccessKey: "" }, "credentials.secretAccessKey"],
    [{ accessKeyId: "AKID", secretAccessKey: SECRET, sessionToken: 1 }, "credentials.sessionToken"],
    [
      { accessKeyId: "AKID", secretAccessKey: SECRET, expiration: "2030" },
      "credentials.expiration",
    ],
    [
      { accessKeyId: "AKID", secretAccessKey: SECRET, expiration: new Date(NaN) },
      "credentials.expiration",
    ],
  ];
  for (const [value, path] of cases) {
    const error = assertThrows(() => checkCredentials(value), ValidationError);
    assertEquals(error.path, path);
    assertNoSecret(error.message);
    assertNoSecret(inspect(error));
  }
  assertStrictEquals(checkCredentials(plain), plain);
});

Deno.test("staticCredentials checks at once and always returns the same hidden-secret object", async () => {
  const provider = staticCredentials(plain);
  const a = await provider();
  const b = await provider({ forceRefresh: true });
  assertStrictEquals(a, b);
  assertEquals(a.secretAccessKey, SECRET);
  for (const text of renderings(a)) assertNoSecret(text);
  assertThrows(
    () => staticCredentials({ accessKeyId: "AKID" } as Credentials),
    ValidationError,
    "credentials.secretAccessKey",
  );
});

Deno.test("fromEnv reads a Workers-style env object", async () => {
  const env = {
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_SESSION_TOKEN: TOKEN,
    AWS_CREDENTIAL_EXPIRATION: "2030-01-01T00:00:00Z",
  };
  const credentials = await fromEnv(env)();
  assertEquals(credentials.accessKeyId, "AKIDEXAMPLE");
  assertEquals(credentials.secretAccessKey, SECRET);
  assertEquals(credentials.sessionToken, TOKEN);
  assertEquals(credentials.expiration?.toISOString(), "2030-01-01T00:00:00.000Z");
  for (const text of renderings(credentials)) assertNoSecret(text);
  // Read at each call, not once; the same values give the same object (no allocation per request).
  const provider = fromEnv(env);
  const first = await provider();
  assertStrictEquals(await provider(), first);
  env.AWS_ACCESS_KEY_ID = "AKIDOTHER";
  const changed = await provider();
  assertEquals(changed.accessKeyId, "AKIDOTHER");
  assertEquals(changed === first, false);
  env.AWS_SESSION_TOKEN = "";
  assertEquals((await provider()).sessionToken, undefined);
  const noToken = await fromEnv({
    AWS_ACCESS_KEY_ID: "A",
    AWS_SECRET_ACCESS_KEY: "B",
    AWS_SESSION_TOKEN: "",
  })();
  assertEquals(noToken.sessionToken, undefined);
});

Deno.test("fromEnv rejects naming the missing variable, never a secret", async () => {
  const cases: [Record<string, string | undefined>, string][] = [
    [{ AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN }, "AWS_ACCESS_KEY_ID is not set"],
    [{ AWS_ACCESS_KEY_ID: "AKID", AWS_SESSION_TOKEN: TOKEN }, "AWS_SECRET_ACCESS_KEY is not set"],
    [
      {
        AWS_ACCESS_KEY_ID: "AKID",
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_CREDENTIAL_EXPIRATION: "soon",
      },
      "AWS_CREDENTIAL_EXPIRATION",
    ],
  ];
  for (const [env, message] of cases) {
    const error = await assertRejects(() => fromEnv(env)(), DynafetchError, message);
    assertNoSecret(error.message);
    assertNoSecret(inspect(error));
  }
});

Deno.test("fromEnv() and regionFromEnv() read the process environment through the adapter", async () => {
  const names = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
  ];
  const saved = names.map((n) => [n, Deno.env.get(n)] as const);
  try {
    for (const n of names) Deno.env.delete(n);
    Deno.env.set("AWS_ACCESS_KEY_ID", "AKIDPROCESS");
    Deno.env.set("AWS_SECRET_ACCESS_KEY", SECRET);
    Deno.env.set("AWS_DEFAULT_REGION", "eu-west-1");
    const credentials = await fromEnv()();
    assertEquals(credentials.accessKeyId, "AKIDPROCESS");
    assertEquals(credentials.secretAccessKey, SECRET);
    assertEquals(await regionFromEnv(), "eu-west-1");
    Deno.env.set("AWS_REGION", "ap-south-1");
    assertEquals(await regionFromEnv(), "ap-south-1");
    Deno.env.delete("AWS_ACCESS_KEY_ID");
    await assertRejects(() => fromEnv()(), DynafetchError, "AWS_ACCESS_KEY_ID is not set");
  } finally {
    for (const [n, v] of saved) v === undefined ? Deno.env.delete(n) : Deno.env.set(n, v);
  }
});

Deno.test("regionFromEnv prefers AWS_REGION, then AWS_DEFAULT_REGION, else undefined", async () => {
  assertEquals(
    await regionFromEnv({ AWS_REGION: "us-west-2", AWS_DEFAULT_REGION: "eu-west-1" }),
    "us-west-2",
  );
  assertEquals(
    await regionFromEnv({ AWS_REGION: "", AWS_DEFAULT_REGION: "eu-west-1" }),
    "eu-west-1",
  );
  assertEquals(await regionFromEnv({}), undefined);
});

/** A provider whose every call is recorded and resolved by the test. */
function controlled() {
  const calls: { forceRefresh?: boolean }[] = [];
  const pending: { resolve: (c: Credentials) => void; reject: (e: unknown) => void }[] = [];
  const provider: CredentialsProvider = (options) => {
    calls.push(options ?? {});
    return new Promise((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { provider, calls, pending };
}

const MINUTE = 60_000;
const expiringAt = (ms: number, id = "AKID"): Credentials => ({
  accessKeyId: id,
  secretAccessKey: SECRET,
  sessionToken: TOKEN,
  expiration: new Date(ms),
});

Deno.test("refreshing: concurrent callers share one refresh; cached until the margin before expiry", async () => {
  let now = 1_000_000;
  const { provider, calls, pending } = controlled();
  const cached = refreshing(provider, { refreshBeforeMs: 5 * MINUTE, now: () => now });
  const waiting = Array.from({ length: 5 }, () => cached());
  assertEquals(calls.length, 1);
  pending[0].resolve(expiringAt(now + 15 * MINUTE, "FIRST"));
  const results = await Promise.all(waiting);
  for (const r of results) assertStrictEquals(r, results[0]);
  assertEquals(results[0].accessKeyId, "FIRST");
  for (const text of renderings(results[0])) assertNoSecret(text);

  now += 9 * MINUTE; // 6 minutes left: still fresh
  assertStrictEquals(await cached(), results[0]);
  assertEquals(calls.length, 1);

  now += 2 * MINUTE; // 4 minutes left: inside the margin, refresh
  const next = cached();
  const alsoNext = cached();
  assertEquals(calls.length, 2);
  pending[1].resolve(expiringAt(now + 15 * MINUTE, "SECOND"));
  assertEquals((await next).accessKeyId, "SECOND");
  assertStrictEquals(await alsoNext, await next);
});

Deno.test("refreshing: forceRefresh skips the cache and is passed on", async () => {
  const { provider, calls, pending } = controlled();
  const cached = refreshing(provider, { now: () => 0 });
  const first = cached();
  pending[0].resolve({ accessKeyId: "ONE", secretAccessKey: SECRET });
  await first;
  assertEquals((await cached()).accessKeyId, "ONE");
  const forced = cached({ forceRefresh: true });
  assertEquals(calls, [{}, { forceRefresh: true }]);
  pending[1].resolve({ accessKeyId: "TWO", secretAccessKey: SECRET });
  assertEquals((await forced).accessKeyId, "TWO");
  assertEquals((await cached()).accessKeyId, "TWO");
});

Deno.test("refreshing: a failed refresh falls back to unexpired credentials, is not cached, and is retried", async () => {
  let now = 0;
  const { provider, calls, pending } = controlled();
  const cached = refreshing(provider, { refreshBeforeMs: 5 * MINUTE, now: () => now });
  const first = cached();
  pending[0].resolve(expiringAt(10 * MINUTE, "OLD"));
  await first;
  now = 7 * MINUTE; // inside the margin, not yet expired
  const during = cached();
  pending[1].reject(new Error("STS is down"));
  assertEquals((await during).accessKeyId, "OLD");
  // Forced, the failure is the answer.
  const forced = cached({ forceRefresh: true });
  pending[2].reject(new Error("STS is down"));
  await assertRejects(() => forced, Error, "STS is down");
  now = 11 * MINUTE; // expired: the failure is the answer
  const after = cached();
  pending[3].reject(new Error("STS is down"));
  await assertRejects(() => after, Error, "STS is down");
  const retried = cached();
  assertEquals(calls.length, 5);
  pending[4].resolve(expiringAt(30 * MINUTE, "NEW"));
  assertEquals((await retried).accessKeyId, "NEW");
});

Deno.test("refreshing: a provider that throws or returns malformed credentials rejects, without secrets", async () => {
  const throwing = refreshing(() => {
    throw new TypeError("sync failure");
  });
  await assertRejects(() => throwing(), TypeError, "sync failure");
  const malformed = refreshing(() =>
    Promise.resolve({ accessKeyId: "", secretAccessKey: SECRET } as Credentials)
  );
  const error = await assertRejects(() => malformed(), ValidationError, "credentials.accessKeyId");
  assertNoSecret(error.message);
});

Deno.test("chain: the first provider that succeeds wins; forceRefresh is passed on", async () => {
  const seen: unknown[] = [];
  const failing: CredentialsProvider = (o) => {
    seen.push(o);
    return Promise.reject(new DynafetchError("first: nothing here"));
  };
  const working: CredentialsProvider = (o) => {
    seen.push(o);
    return Promise.resolve(createCredentials(plain));
  };
  const unused: CredentialsProvider = () => Promise.reject(new Error("must not be called"));
  const provider = chain(failing, working, unused);
  assertEquals((await provider({ forceRefresh: true })).accessKeyId, "AKIDEXAMPLE");
  assertEquals(seen, [{ forceRefresh: true }, { forceRefresh: true }]);
});

Deno.test("chain: when all fail, one error lists why (our messages, others' names) and keeps the causes", async () => {
  const foreign = new Error(`leaky ${SECRET}`);
  const provider = chain(
    fromEnv({ AWS_SECRET_ACCESS_KEY: SECRET }),
    () => Promise.reject(foreign),
    () => Promise.reject("a string"),
  );
  const error = await assertRejects(() => provider(), DynafetchError);
  assertEquals(
    error.message,
    "no credentials provider succeeded (environment: AWS_ACCESS_KEY_ID is not set; Error; string)",
  );
  assertNoSecret(error.message);
  assertInstanceOf(error.cause, Array);
  assertStrictEquals((error.cause as unknown[])[1], foreign);
  await assertRejects(() => chain()(), DynafetchError, "none given");
});

Deno.test("credentials from providers sign like plain ones", async () => {
  const options = { region: "us-east-1", service: "dynamodb", date: new Date(0) };
  const request = { method: "GET", url: "https://example.amazonaws.com/" };
  const a = await signRequest(request, { ...options, credentials: plain });
  const b = await signRequest(request, {
    ...options,
    credentials: await staticCredentials(plain)(),
  });
  assertEquals(a.headers.authorization, b.headers.authorization);
});

Deno.test("fromEnv and regionFromEnv take a Worker's typed env, reading only its string bindings", async () => {
  interface Env {
    AWS_ACCESS_KEY_ID: string;
    AWS_SECRET_ACCESS_KEY: string;
    AWS_REGION: string;
    AWS_SESSION_TOKEN: { get(key: string): Promise<string | null> }; // a KV binding, not a string
    USERS: { get(key: string): Promise<string | null> };
  }
  const kv = { get: () => Promise.resolve(null) };
  const env: Env = {
    AWS_ACCESS_KEY_ID: "AKID",
    AWS_SECRET_ACCESS_KEY: "s3cr3t",
    AWS_REGION: "eu-west-1",
    AWS_SESSION_TOKEN: kv,
    USERS: kv,
  };
  const credentials = await fromEnv(env)();
  assertEquals(credentials.accessKeyId, "AKID");
  assertEquals(credentials.sessionToken, undefined);
  assertEquals(await regionFromEnv(env), "eu-west-1");
  await assertRejects(
    () => fromEnv({ AWS_ACCESS_KEY_ID: 1, AWS_SECRET_ACCESS_KEY: "s" })(),
    DynafetchError,
  );
});

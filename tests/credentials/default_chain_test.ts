import { CredentialsError, CredentialsNotFoundError, defaultChain } from "../../credentials.ts";
import { DynafetchError } from "../../mod.ts";
import { assertEquals, assertInstanceOf, assertRejects, assertStringIncludes } from "../assert.ts";
import { SECRETS, secretsIn, startFakeAws, tempHome, testHost } from "./_fake_aws.ts";

const PROFILE =
  `[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = ${SECRETS.sourceSecret}\n`;

Deno.test("the order: environment, profile, web identity, container, instance metadata", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({ ".aws/credentials": PROFILE, token: SECRETS.webToken(1) });
  await using empty = await tempHome();
  const everything = {
    AWS_ACCESS_KEY_ID: "AKIDENV",
    AWS_SECRET_ACCESS_KEY: SECRETS.sourceSecret,
    AWS_ENDPOINT_URL_STS: fake.url,
    AWS_WEB_IDENTITY_TOKEN_FILE: `${home.dir}/token`,
    AWS_ROLE_ARN: "arn:aws:iam::1:role/w",
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `${fake.url}/container/creds`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: SECRETS.containerToken,
    AWS_EC2_METADATA_SERVICE_ENDPOINT: fake.url,
  };
  const first = async (env: Record<string, string | undefined>, dir = home.dir) =>
    (await defaultChain({ host: testHost(env, dir, fake) })()).accessKeyId;
  assertEquals(await first(everything), "AKIDENV");
  assertEquals(await first({ ...everything, AWS_ACCESS_KEY_ID: undefined }), "AKIDPROFILE");
  const noProfile = { ...everything, AWS_ACCESS_KEY_ID: undefined };
  assertEquals(await first(noProfile, empty.dir), "ASIAROLE1");
  assertEquals(
    new URLSearchParams(fake.received.at(-1)?.body).get("Action"),
    "AssumeRoleWithWebIdentity",
  );
  assertEquals(await first({ ...noProfile, AWS_ROLE_ARN: undefined }, empty.dir), "ASIAROLE2");
  assertEquals(fake.received.at(-1)?.path, "/container/creds");
  const onlyImds = { AWS_EC2_METADATA_SERVICE_ENDPOINT: fake.url };
  assertEquals(await first(onlyImds, empty.dir), "ASIAROLE3");
  assertEquals(fake.received.at(-1)?.path, "/latest/meta-data/iam/security-credentials/web-role");
});

Deno.test("nothing configured: the error lists each source and why, and no secret", async () => {
  await using empty = await tempHome();
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = closed.addr.port;
  closed.close(); // a port nobody listens on: connection refused, like a laptop without IMDS
  const env = {
    AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${port}`,
    AWS_SECRET_ACCESS_KEY: SECRETS.sourceSecret,
  };
  const error = await defaultChain({ host: testHost(env, empty.dir) })().catch((e) => e);
  assertInstanceOf(error, CredentialsNotFoundError);
  assertEquals(error.tried, [
    { source: "environment", reason: "AWS_ACCESS_KEY_ID is not set" },
    {
      source: "profile default",
      reason: `not found in ${empty.dir}/.aws/config or ${empty.dir}/.aws/credentials`,
    },
    { source: "web identity", reason: "AWS_WEB_IDENTITY_TOKEN_FILE is not set" },
    {
      source: "container",
      reason: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set",
    },
    {
      source: "instance metadata",
      reason: `no IMDSv2 answer at http://127.0.0.1:${port} within 1000 ms (not on EC2?)`,
    },
  ]);
  assertStringIncludes(
    error.message,
    "default chain: no credentials found; tried environment (AWS_ACCESS_KEY_ID is not set), profile default (",
  );
  assertEquals(error.message.includes("Worker"), false);
  assertEquals(
    secretsIn(Deno.inspect(error, { depth: 10 }) + JSON.stringify(error) + error.stack),
    [],
  );
});

Deno.test("in a Worker or a browser the error says how to pass credentials", async () => {
  const error = await defaultChain({ host: { ...testHost({}, undefined), runtime: undefined } })()
    .catch((e) => e);
  assertInstanceOf(error, CredentialsNotFoundError);
  assertEquals(error.tried.at(-1), { source: "instance metadata", reason: "not a server runtime" });
  assertEquals(error.tried[1], {
    source: "profile default",
    reason: "no home directory and no AWS_CONFIG_FILE",
  });
  assertStringIncludes(
    error.message,
    "pass credentials to the client: new DynamoDB({ region, credentials:",
  );
});

Deno.test("a configured source that fails stops the chain with its own error", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({ ".aws/credentials": "[default]\nregion = x\n\n= broken\n" });
  await using empty = await tempHome();
  const imds = { AWS_EC2_METADATA_SERVICE_ENDPOINT: fake.url };
  await assertRejects(
    () => defaultChain({ host: testHost({ ...imds, AWS_PROFILE: "prod" }, empty.dir, fake) })(),
    CredentialsError,
    "profile prod (named by AWS_PROFILE)",
  );
  await assertRejects(
    () => defaultChain({ host: testHost(imds, home.dir, fake) })(),
    CredentialsError,
    `${home.dir}/.aws/credentials: line 4`,
  );
  const half = await defaultChain({ host: testHost({ AWS_ACCESS_KEY_ID: "AKID" }, home.dir) })()
    .catch((e) => e);
  assertInstanceOf(half, DynafetchError);
  assertStringIncludes(half.message, "AWS_SECRET_ACCESS_KEY is not set");
  assertEquals(fake.received.length, 0);
});

Deno.test("concurrent first callers share one search; the source found is kept", async () => {
  await using fake = startFakeAws();
  await using empty = await tempHome();
  const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: fake.url };
  const provider = defaultChain({ host: testHost(env, empty.dir, fake) });
  const all = await Promise.all([provider(), provider(), provider()]);
  assertEquals(all.map((c) => c.accessKeyId), ["ASIAROLE1", "ASIAROLE1", "ASIAROLE1"]);
  assertEquals(fake.received.length, 3); // one token, one role name, one credentials request
  assertEquals((await provider({ forceRefresh: true })).accessKeyId, "ASIAROLE2");
});

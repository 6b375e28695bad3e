import {
  CredentialsError,
  CredentialsNotFoundError,
  fromInstanceMetadata,
} from "../../credentials.ts";
import { assertEquals, assertInstanceOf, assertRejects, assertStringIncludes } from "../assert.ts";
import { SECRETS, startFakeAws, testHost } from "./_fake_aws.ts";

Deno.test("IMDSv2: a PUT for a session token, then the role and its credentials with the token", async () => {
  await using fake = startFakeAws();
  const host = testHost({ AWS_EC2_METADATA_SERVICE_ENDPOINT: fake.url }, undefined, fake);
  const provider = fromInstanceMetadata({ host });
  const credentials = await provider();
  assertEquals([credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken], [
    "ASIAROLE1",
    SECRETS.roleSecret(1),
    SECRETS.roleToken(1),
  ]);
  assertEquals(fake.received.map((r) => `${r.method} ${r.path}`), [
    "PUT /latest/api/token",
    "GET /latest/meta-data/iam/security-credentials/",
    "GET /latest/meta-data/iam/security-credentials/web-role",
  ]);
  assertEquals(fake.received[0].headers.get("x-aws-ec2-metadata-token-ttl-seconds"), "21600");
  assertEquals(fake.received[2].headers.get("x-aws-ec2-metadata-token"), "IMDS-TOKEN-1");
  // Refreshed ahead of expiry (6 hours), with a fresh token.
  fake.now += 5 * 3600_000 + 56 * 60_000;
  assertEquals((await provider()).accessKeyId, "ASIAROLE2");
  assertEquals(fake.received[3].method, "PUT");
});

Deno.test("the fake IMDS answers 401 without a token (so IMDSv1 would fail)", async () => {
  await using fake = startFakeAws();
  const response = await fetch(`${fake.url}/latest/meta-data/iam/security-credentials/`);
  assertEquals(response.status, 401);
  await response.body?.cancel();
});

Deno.test("AWS_EC2_METADATA_DISABLED, no role, bad Code, refused token", async () => {
  await using fake = startFakeAws();
  const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: fake.url };
  const disabled = await fromInstanceMetadata({
    host: testHost({ ...env, AWS_EC2_METADATA_DISABLED: "TRUE" }, undefined, fake),
  })().catch((e) => e);
  assertInstanceOf(disabled, CredentialsNotFoundError);
  assertEquals(disabled.message, "instance metadata: AWS_EC2_METADATA_DISABLED is true");
  assertEquals(fake.received.length, 0);
  fake.imdsRole = "";
  await assertRejects(
    () => fromInstanceMetadata({ host: testHost(env, undefined, fake) })(),
    CredentialsNotFoundError,
    "no IAM role",
  );
  fake.imdsRole = "web-role";
  fake.imdsCode = "Failed";
  await assertRejects(
    () => fromInstanceMetadata({ host: testHost(env, undefined, fake) })(),
    CredentialsError,
    "Code Failed",
  );
  const before = fake.received.length;
  for (const status of [403, 404, 405]) {
    fake.override = { path: "/latest/api/token", status, body: "" };
    await assertRejects(
      () => fromInstanceMetadata({ host: testHost(env, undefined, fake) })(),
      CredentialsNotFoundError,
      `instance metadata: the IMDSv2 token request got HTTP ${status}`,
    );
  }
  // IMDSv1 is never tried: after each refused token request, nothing else was sent.
  assertEquals(fake.received.slice(before).map((r) => r.method), ["PUT", "PUT", "PUT"]);
});

Deno.test("timeouts are short and attempts bounded; nothing answering means 'not found'", async () => {
  await using fake = startFakeAws();
  fake.delayMs = 5000;
  const env = {
    AWS_EC2_METADATA_SERVICE_ENDPOINT: fake.url,
    AWS_METADATA_SERVICE_TIMEOUT: "0.1",
    AWS_METADATA_SERVICE_NUM_ATTEMPTS: "3",
  };
  const started = Date.now();
  const error = await fromInstanceMetadata({ host: testHost(env, undefined, fake) })().catch((e) =>
    e
  );
  assertInstanceOf(error, CredentialsNotFoundError);
  assertStringIncludes(error.message, `no IMDSv2 answer at ${fake.url} within 100 ms`);
  assertEquals(fake.received.length, 3);
  assertEquals(Date.now() - started < 4000, true);
  const once = await fromInstanceMetadata({
    timeoutMs: 30,
    maxAttempts: 1,
    host: testHost(env, undefined, fake),
  })()
    .catch((e) => e);
  assertInstanceOf(once, CredentialsNotFoundError);
  assertEquals(fake.received.length, 4);
});

Deno.test("the IPv6 endpoint mode and the default endpoint", async () => {
  const urls: string[] = [];
  const recorder = (input: RequestInfo | URL) => {
    urls.push(String(input));
    return Promise.reject(new TypeError("unreachable"));
  };
  for (const env of [{}, { AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: "IPv6" }]) {
    await assertRejects(
      () => fromInstanceMetadata({ host: { ...testHost(env, undefined), fetch: recorder } })(),
      CredentialsNotFoundError,
    );
  }
  assertEquals(urls, [
    "http://169.254.169.254/latest/api/token",
    "http://[fd00:ec2::254]/latest/api/token",
  ]);
});

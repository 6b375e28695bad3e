import { CredentialsError, CredentialsNotFoundError, fromContainer } from "../../credentials.ts";
import { assertEquals, assertInstanceOf, assertRejects, assertStringIncludes } from "../assert.ts";
import { SECRETS, secretsIn, startFakeAws, tempHome, testHost } from "./_fake_aws.ts";

Deno.test("a full URI with AWS_CONTAINER_AUTHORIZATION_TOKEN (ECS-style)", async () => {
  await using fake = startFakeAws();
  const env = {
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `${fake.url}/container/creds`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: SECRETS.containerToken,
  };
  const credentials = await fromContainer({ host: testHost(env, undefined, fake) })();
  assertEquals([credentials.accessKeyId, credentials.sessionToken], [
    "ASIAROLE1",
    SECRETS.roleToken(1),
  ]);
  assertEquals(credentials.expiration?.getTime(), fake.now + 21600_000);
  assertEquals(fake.received[0].headers.get("authorization"), SECRETS.containerToken);
});

Deno.test("EKS Pod Identity: the token file is read again on each refresh", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({ "eks-token": SECRETS.containerToken + "\n" });
  const env = {
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `${fake.url}/container/creds`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: `${home.dir}/eks-token`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: "ignored-when-a-file-is-set",
  };
  const provider = fromContainer({ host: testHost(env, home.dir, fake) });
  assertEquals((await provider()).accessKeyId, "ASIAROLE1");
  await home.write("eks-token", "rotated-token");
  fake.now += 6 * 3600_000;
  const error = await provider().catch((e) => e);
  assertInstanceOf(error, CredentialsError);
  assertEquals(error.code, "AccessDenied");
  assertEquals(error.message, `container: HTTP 401 from ${fake.url}: Invalid authorization token`);
  assertEquals(fake.received[1].headers.get("authorization"), "rotated-token");
});

Deno.test("a relative URI goes to 169.254.170.2", async () => {
  await using fake = startFakeAws();
  const urls: string[] = [];
  const host = {
    ...testHost(
      { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/container/relative?id=1" },
      undefined,
      fake,
    ),
    // Route the link-local address to the local fake, recording what was asked for.
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      urls.push(String(input));
      return fetch(String(input).replace("http://169.254.170.2", fake.url), init);
    },
  };
  assertEquals((await fromContainer({ host })()).accessKeyId, "ASIAROLE1");
  assertEquals(urls, ["http://169.254.170.2/container/relative?id=1"]);
});

Deno.test("full URIs: https anywhere, plain http only to loopback and the container hosts", async () => {
  const allowed = [
    "https://creds.example.com/x",
    "http://127.0.0.1:9/x",
    "http://127.1.2.3/x",
    "http://localhost:9/x",
    "http://[::1]:9/x",
    "http://169.254.170.2/x",
    "http://169.254.170.23/v1/credentials",
    "http://[fd00:ec2::23]/v1/credentials",
  ];
  const refused = [
    "http://example.com/x",
    "http://169.254.169.254/x",
    "http://10.0.0.1/x",
    "http://127.0.0.1.evil.com/x",
    "ftp://127.0.0.1/x",
    "file:///etc/passwd",
    "not a url",
  ];
  const seen: string[] = [];
  const fetchRecorder = (input: RequestInfo | URL) => {
    seen.push(String(input));
    return Promise.resolve(new Response("{}", { status: 500 }));
  };
  for (const uri of allowed) {
    const host = {
      ...testHost({ AWS_CONTAINER_CREDENTIALS_FULL_URI: uri }, undefined),
      fetch: fetchRecorder,
    };
    await assertRejects(() => fromContainer({ host })(), CredentialsError, "HTTP 500");
  }
  assertEquals(seen, allowed);
  for (const uri of refused) {
    const host = {
      ...testHost({ AWS_CONTAINER_CREDENTIALS_FULL_URI: uri }, undefined),
      fetch: fetchRecorder,
    };
    const error = await fromContainer({ host })().catch((e) => e);
    assertInstanceOf(error, CredentialsError);
    assertStringIncludes(error.message, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
  }
  assertEquals(seen.length, allowed.length);
});

Deno.test("not configured, timeouts, attempts and malformed responses", async () => {
  await assertRejects(
    () => fromContainer({ host: testHost({}, undefined) })(),
    CredentialsNotFoundError,
  );
  await using fake = startFakeAws();
  const env = {
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `${fake.url}/container/creds`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: SECRETS.containerToken,
  };
  fake.delayMs = 2000;
  const slow = await fromContainer({
    timeoutMs: 50,
    maxAttempts: 2,
    host: testHost(env, undefined, fake),
  })()
    .catch((e) => e);
  assertInstanceOf(slow, CredentialsError);
  assertEquals([slow.code, slow.message], [
    "Timeout",
    `container: no answer from ${fake.url} within 50 ms`,
  ]);
  assertEquals(fake.received.length, 2);
  fake.delayMs = 0;
  fake.override = {
    path: "/container",
    status: 200,
    body: `{"AccessKeyId": "A", "SecretAccessKey": "${SECRETS.sourceSecret}"`,
  };
  const bad = await fromContainer({ host: testHost(env, undefined, fake) })().catch((e) => e);
  assertEquals(bad.message, `container: the response from ${fake.url} is not valid JSON`);
  fake.override.body = JSON.stringify({
    AccessKeyId: "A",
    SecretAccessKey: "S",
    Expiration: "soon",
  });
  await assertRejects(
    () => fromContainer({ host: testHost(env, undefined, fake) })(),
    CredentialsError,
    "not a valid date",
  );
  fake.override.body = JSON.stringify({ AccessKeyId: "A" });
  await assertRejects(
    () => fromContainer({ host: testHost(env, undefined, fake) })(),
    CredentialsError,
    "no secret access key",
  );
  assertEquals(secretsIn(Deno.inspect([slow, bad], { depth: 10 })), []);
  const lineBreak = { ...env, AWS_CONTAINER_AUTHORIZATION_TOKEN: "a\r\nX-Injected: 1" };
  await assertRejects(
    () => fromContainer({ host: testHost(lineBreak, undefined, fake) })(),
    CredentialsError,
    "line break",
  );
});

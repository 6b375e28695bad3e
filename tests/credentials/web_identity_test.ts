import { CredentialsError, CredentialsNotFoundError, fromWebIdentity } from "../../credentials.ts";
import { assertEquals, assertRejects } from "../assert.ts";
import { SECRETS, secretsIn, startFakeAws, tempHome, testHost } from "./_fake_aws.ts";

Deno.test("AssumeRoleWithWebIdentity from the environment, re-reading the token file on refresh", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({ token: SECRETS.webToken(1) });
  const env = {
    AWS_ENDPOINT_URL_STS: fake.url,
    AWS_WEB_IDENTITY_TOKEN_FILE: `${home.dir}/token`,
    AWS_ROLE_ARN: "arn:aws:iam::1:role/pod",
    AWS_ROLE_SESSION_NAME: "pod-session",
  };
  const provider = fromWebIdentity({ host: testHost(env, home.dir, fake) });
  assertEquals((await provider()).accessKeyId, "ASIAROLE1");
  await home.write("token", SECRETS.webToken(2)); // EKS rotates the file
  fake.now += 56 * 60_000;
  assertEquals((await provider()).accessKeyId, "ASIAROLE2");
  const calls = fake.received.map((r) => new URLSearchParams(r.body));
  assertEquals(calls.map((c) => c.get("WebIdentityToken")), [
    SECRETS.webToken(1),
    SECRETS.webToken(2),
  ]);
  assertEquals(calls.map((c) => [c.get("Action"), c.get("RoleArn"), c.get("RoleSessionName")])[0], [
    "AssumeRoleWithWebIdentity",
    "arn:aws:iam::1:role/pod",
    "pod-session",
  ]);
  assertEquals(fake.received.some((r) => r.headers.has("authorization")), false);
});

Deno.test("missing configuration, missing token file, STS refusing the token", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({ bad: "not-a-valid-token" });
  await assertRejects(
    () => fromWebIdentity({ host: testHost({ AWS_ROLE_ARN: "arn:r" }, home.dir) })(),
    CredentialsNotFoundError,
    "web identity: AWS_WEB_IDENTITY_TOKEN_FILE is not set",
  );
  await assertRejects(
    () =>
      fromWebIdentity({
        tokenFile: `${home.dir}/none`,
        roleArn: "arn:r",
        host: testHost({}, home.dir),
      })(),
    CredentialsError,
    `${home.dir}/none: the web identity token file does not exist`,
  );
  const refused = await fromWebIdentity({
    tokenFile: `${home.dir}/bad`,
    roleArn: "arn:r",
    host: testHost({ AWS_ENDPOINT_URL_STS: fake.url }, home.dir, fake),
  })().catch((e) => e);
  assertEquals(refused.code, "InvalidIdentityToken");
  assertEquals(secretsIn(Deno.inspect(refused, { depth: 10 })), []);
});

import { createHash } from "node:crypto";
import { CredentialsError, fromProfile, fromSso } from "../../credentials.ts";
import { assertEquals, assertInstanceOf, assertRejects } from "../assert.ts";
import { SECRETS, secretsIn, startFakeAws, tempHome, testHost } from "./_fake_aws.ts";

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
const START = "https://my-org.awsapps.com/start";
const token = (expiresAt: string) =>
  JSON.stringify({
    startUrl: START,
    region: "us-east-1",
    accessToken: SECRETS.ssoToken,
    expiresAt,
    clientId: "client",
    clientSecret: "client-secret",
    refreshToken: "refresh",
  });
const CONFIG = "[profile modern]\nsso_session = work\nsso_account_id = 111122223333\n" +
  "sso_role_name = Reader\nregion = eu-west-1\n" +
  `[sso-session work]\nsso_start_url = ${START}\nsso_region = us-east-1\n` +
  "sso_registration_scopes = sso:account:access\n" +
  `[profile legacy]\nsso_start_url = ${START}\nsso_region = us-east-1\n` +
  "sso_account_id = 444455556666\nsso_role_name = Admin\n" +
  "[profile broken]\nsso_session = work\nsso_account_id = 1\n" +
  "[profile ghost]\nsso_session = nowhere\nsso_account_id = 1\nsso_role_name = R\n";

Deno.test("sso_session and legacy profiles read the CLI token cache and call GetRoleCredentials", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({
    ".aws/config": CONFIG,
    [`.aws/sso/cache/${sha1("work")}.json`]: token("2026-01-01T08:00:00Z"),
    [`.aws/sso/cache/${sha1(START)}.json`]: token("2026-01-01T08:00:00UTC".replace("UTC", "Z")),
  });
  const host = testHost({ AWS_ENDPOINT_URL_SSO: fake.url }, home.dir, fake);
  const modern = await fromProfile({ profile: "modern", host })();
  assertEquals([modern.accessKeyId, modern.sessionToken], ["ASIAROLE1", SECRETS.roleToken(1)]);
  assertEquals(modern.expiration?.getTime(), fake.now + 3600_000);
  assertEquals(
    fake.received[0].path,
    "/federation/credentials?account_id=111122223333&role_name=Reader",
  );
  const legacy = await fromProfile({ profile: "legacy", host })();
  assertEquals(legacy.accessKeyId, "ASIAROLE2");
  assertEquals(
    fake.received[1].path,
    "/federation/credentials?account_id=444455556666&role_name=Admin",
  );
  assertEquals(fake.received[1].headers.get("x-amz-sso_bearer_token"), SECRETS.ssoToken);
});

Deno.test("an expired or missing SSO token says to run aws sso login", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({
    ".aws/config": CONFIG,
    [`.aws/sso/cache/${sha1("work")}.json`]: token("2025-12-31T23:59:59Z"),
  });
  const env = { AWS_ENDPOINT_URL_SSO: fake.url, AWS_ENDPOINT_URL_SSO_OIDC: fake.url };
  const host = testHost(env, home.dir, fake);
  const expired = await assertRejects(
    () => fromProfile({ profile: "modern", host })(),
    CredentialsError,
    "the cached SSO token expired at 2025-12-31T23:59:59.000Z; run `aws sso login --sso-session work`",
  );
  assertEquals(expired.code, "ExpiredToken");
  await assertRejects(
    () => fromProfile({ profile: "legacy", host })(),
    CredentialsError,
    "no cached SSO token; run `aws sso login --profile legacy`",
  );
  await assertRejects(
    () => fromProfile({ profile: "broken", host })(),
    CredentialsError,
    "profile broken: the SSO settings lack sso_role_name",
  );
  await assertRejects(
    () => fromProfile({ profile: "ghost", host })(),
    CredentialsError,
    "sso-session nowhere does not exist",
  );
  // Only the refused renewal of the expired token was sent; no GetRoleCredentials.
  assertEquals(fake.received.map((r) => r.path), ["/token"]);
  assertEquals(secretsIn(Deno.inspect(expired, { depth: 10 })), []);
});

Deno.test("the portal refusing the token, and a malformed cache file", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({
    [`.aws/sso/cache/${sha1("work")}.json`]: token("2026-01-01T08:00:00Z").replace(
      SECRETS.ssoToken,
      "stale-token",
    ),
    [`.aws/sso/cache/${sha1(START)}.json`]: `{"accessToken": "${SECRETS.ssoToken}", "expiresAt": `,
  });
  const host = testHost({ AWS_ENDPOINT_URL_SSO: fake.url }, home.dir, fake);
  const options = { ssoRegion: "us-east-1", accountId: "1", roleName: "R", startUrl: START, host };
  const refused = await fromSso({ ...options, session: "work" })().catch((e) => e);
  assertInstanceOf(refused, CredentialsError);
  assertEquals(
    refused.message,
    "SSO session work: GetRoleCredentials got HTTP 401 UnauthorizedException: Session token not found or invalid; run `aws sso login --sso-session work`",
  );
  const malformed = await fromSso({ ...options, profile: "legacy" })().catch((e) => e);
  assertInstanceOf(malformed, CredentialsError);
  assertEquals(
    malformed.message,
    `${home.dir}/.aws/sso/cache/${sha1(START)}.json: the SSO token cache is not valid JSON`,
  );
  assertEquals(secretsIn(Deno.inspect(malformed, { depth: 10 }) + malformed.stack), []);
});

Deno.test("the SSO portal's region picks the default endpoint", async () => {
  await using home = await tempHome({
    [`.aws/sso/cache/${sha1("work")}.json`]: token("2026-01-01T08:00:00Z"),
  });
  const urls: string[] = [];
  const host = {
    ...testHost({}, home.dir),
    fetch: (input: RequestInfo | URL) => {
      urls.push(String(input));
      return Promise.resolve(Response.json({}, { status: 500 }));
    },
  };
  await assertRejects(
    () =>
      fromSso({
        session: "work",
        startUrl: START,
        ssoRegion: "eu-north-1",
        accountId: "1",
        roleName: "R",
        host,
      })(),
    CredentialsError,
    "HTTP 500",
  );
  assertEquals(urls, [
    "https://portal.sso.eu-north-1.amazonaws.com/federation/credentials?account_id=1&role_name=R",
  ]);
});

Deno.test("an sso-session token near expiry is renewed with its refresh token and written back", async () => {
  await using fake = startFakeAws();
  const cache = `.aws/sso/cache/${sha1("work")}.json`;
  const stale = (refreshToken: string) =>
    JSON.stringify({
      startUrl: START,
      region: "us-east-1",
      accessToken: "old-access-token",
      expiresAt: "2025-12-31T23:00:00Z",
      clientId: "client",
      clientSecret: "client-secret",
      refreshToken,
      registrationExpiresAt: "2026-03-01T00:00:00Z",
    });
  await using home = await tempHome({
    ".aws/config": CONFIG,
    [cache]: stale(SECRETS.refreshToken),
  });
  const env = { AWS_ENDPOINT_URL_SSO: fake.url, AWS_ENDPOINT_URL_SSO_OIDC: fake.url };
  const credentials = await fromProfile({
    profile: "modern",
    host: testHost(env, home.dir, fake),
  })();
  assertEquals(credentials.accessKeyId, "ASIAROLE1");
  assertEquals(fake.received.map((r) => `${r.method} ${r.path.split("?")[0]}`), [
    "POST /token",
    "GET /federation/credentials",
  ]);
  assertEquals(JSON.parse(fake.received[0].body), {
    clientId: "client",
    clientSecret: "client-secret",
    grantType: "refresh_token",
    refreshToken: SECRETS.refreshToken,
  });
  assertEquals(fake.received[1].headers.get("x-amz-sso_bearer_token"), SECRETS.ssoToken);
  const written = JSON.parse(await Deno.readTextFile(`${home.dir}/${cache}`));
  assertEquals([written.accessToken, written.refreshToken, written.expiresAt, written.clientId], [
    SECRETS.ssoToken,
    "refresh-token-2",
    "2026-01-01T01:00:00Z",
    "client",
  ]);
  // A refresh token the service refuses: the expired token is the error, with the login hint.
  await home.write(cache, stale("revoked"));
  const error = await fromProfile({ profile: "modern", host: testHost(env, home.dir, fake) })()
    .catch((e) => e);
  assertInstanceOf(error, CredentialsError);
  assertEquals(error.code, "ExpiredToken");
  assertEquals(error.message.endsWith("run `aws sso login --sso-session work`"), true);
  assertEquals(secretsIn(Deno.inspect(error, { depth: 10 })), []);
});

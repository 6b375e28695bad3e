import { CredentialsError, fromAssumeRole, parseStsResponse } from "../../credentials.ts";
import { staticCredentials } from "../../mod.ts";
import { assertEquals, assertInstanceOf, assertThrows } from "../assert.ts";
import { SECRETS, startFakeAws, testHost } from "./_fake_aws.ts";

Deno.test("parseStsResponse reads credentials and unescapes XML", () => {
  const xml = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>arn:aws:sts::1:assumed-role/r/s</Arn></AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
      <SecretAccessKey>a/b+c&amp;d&#x3D;</SecretAccessKey>
      <SessionToken>tok&lt;en&#61;&gt;</SessionToken>
      <Expiration>2026-01-01T01:00:00Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
</AssumeRoleResponse>`;
  const credentials = parseStsResponse(200, xml, "STS");
  assertEquals(credentials.accessKeyId, "ASIAEXAMPLE");
  assertEquals(credentials.secretAccessKey, "a/b+c&d=");
  assertEquals(credentials.sessionToken, "tok<en=>");
  assertEquals(credentials.expiration?.toISOString(), "2026-01-01T01:00:00.000Z");
});

Deno.test("parseStsResponse turns ErrorResponse and malformed bodies into CredentialsError", () => {
  const error = assertThrows(
    () =>
      parseStsResponse(
        400,
        "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>" +
          "<Message>1 validation error detected: durationSeconds &gt; 43200</Message></Error></ErrorResponse>",
        "STS AssumeRole (arn:r)",
      ),
    CredentialsError,
  );
  assertEquals(error.code, "ValidationError");
  assertEquals(
    error.message,
    "STS AssumeRole (arn:r): HTTP 400, ValidationError: 1 validation error detected: durationSeconds > 43200",
  );
  const cases: [number, string, string][] = [
    [503, "<html>Service Unavailable</html>", "HTTP 503, no STS error document"],
    [
      200,
      "<AssumeRoleResponse><AssumeRoleResult/></AssumeRoleResponse>",
      "the response has no Credentials",
    ],
    [200, "<Credentials><AccessKeyId>A</AccessKeyId></Credentials>", "no secret access key"],
    [
      200,
      `<Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>${SECRETS.sourceSecret}</SecretAccessKey>` +
      "<Expiration>tomorrow</Expiration></Credentials>",
      "not a valid date",
    ],
  ];
  for (const [status, body, message] of cases) {
    const e = assertThrows(() => parseStsResponse(status, body, "STS"), CredentialsError, message);
    assertEquals(e.message.includes(SECRETS.sourceSecret), false);
  }
});

Deno.test("fromAssumeRole with any source provider; the global endpoint without a region", async () => {
  await using fake = startFakeAws();
  const provider = fromAssumeRole({
    roleArn: "arn:aws:iam::1:role/x",
    externalId: "e",
    source: staticCredentials({ accessKeyId: "AKIDSOURCE", secretAccessKey: SECRETS.sourceSecret }),
    host: testHost({ AWS_ENDPOINT_URL_STS: fake.url }, undefined, fake),
  });
  assertEquals((await provider()).accessKeyId, "ASIAROLE1");
  assertEquals(fake.received[0].signatureValid, true);
  assertEquals(
    /\/us-east-1\/sts\//.test(fake.received[0].headers.get("authorization") ?? ""),
    true,
  );
  const urls: string[] = [];
  const host = (env: Record<string, string>) => ({
    ...testHost(env, undefined),
    fetch: (input: RequestInfo | URL) => {
      urls.push(String(input));
      return Promise.resolve(new Response("<html/>", { status: 500 }));
    },
  });
  const source = staticCredentials({ accessKeyId: "A", secretAccessKey: "S" });
  for (
    const [env, region] of [[{}, undefined], [{ AWS_REGION: "eu-west-3" }, undefined], [
      {},
      "cn-north-1",
    ]] as const
  ) {
    const error = await fromAssumeRole({ roleArn: "arn:r", source, region, host: host(env) })()
      .catch((e) => e);
    assertInstanceOf(error, CredentialsError);
  }
  assertEquals(urls, [
    "https://sts.amazonaws.com/",
    "https://sts.eu-west-3.amazonaws.com/",
    "https://sts.cn-north-1.amazonaws.com.cn/",
  ]);
});

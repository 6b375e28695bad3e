import {
  CredentialsError,
  CredentialsNotFoundError,
  fromProfile,
  regionFromProfile,
} from "../../credentials.ts";
import { assertEquals, assertInstanceOf, assertRejects, assertStringIncludes } from "../assert.ts";
import { SECRETS, secretsIn, startFakeAws, tempHome, testHost } from "./_fake_aws.ts";

const SOURCE = `aws_access_key_id = AKIDSOURCE\naws_secret_access_key = ${SECRETS.sourceSecret}\n`;
const stsCalls = (fake: ReturnType<typeof startFakeAws>) =>
  fake.received.filter((r) => r.method === "POST").map((r) => new URLSearchParams(r.body));

Deno.test("static keys and session token; profile from the option, AWS_PROFILE or default", async () => {
  await using home = await tempHome({
    ".aws/credentials": `[default]\n${SOURCE}\n[dev]\naws_access_key_id = AKIDDEV\n` +
      `aws_secret_access_key = devsecret\naws_session_token = devtoken\n`,
    ".aws/config": "[default]\nregion = eu-west-1\n[profile dev]\nregion = ap-south-1\n" +
      "aws_access_key_id = AKIDFROMCONFIG\n",
  });
  const def = await fromProfile({ host: testHost({}, home.dir) })();
  assertEquals(def.accessKeyId, "AKIDSOURCE");
  assertEquals(def.sessionToken, undefined);
  const dev = await fromProfile({ host: testHost({ AWS_PROFILE: "dev" }, home.dir) })();
  assertEquals([dev.accessKeyId, dev.secretAccessKey, dev.sessionToken], [
    "AKIDDEV", // the credentials file wins over the config file
    "devsecret",
    "devtoken",
  ]);
  const option = await fromProfile({
    profile: "default",
    host: testHost({ AWS_PROFILE: "dev" }, home.dir),
  })();
  assertEquals(option.accessKeyId, "AKIDSOURCE");
  assertEquals(await regionFromProfile({ host: testHost({}, home.dir) }), "eu-west-1");
  assertEquals(
    await regionFromProfile({ profile: "dev", host: testHost({}, home.dir) }),
    "ap-south-1",
  );
  assertEquals(
    await regionFromProfile({ profile: "nope", host: testHost({}, home.dir) }),
    undefined,
  );
});

Deno.test("AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE override the home files", async () => {
  await using home = await tempHome({
    ".aws/credentials": "[default]\naws_access_key_id = AKIDHOME\naws_secret_access_key = x\n",
    "elsewhere/creds": "[default]\naws_access_key_id = AKIDELSEWHERE\naws_secret_access_key = y\n",
    "elsewhere/conf": "[profile x]\nregion = sa-east-1\n",
  });
  const env = {
    AWS_SHARED_CREDENTIALS_FILE: "~/elsewhere/creds",
    AWS_CONFIG_FILE: `${home.dir}/elsewhere/conf`,
  };
  assertEquals(
    (await fromProfile({ host: testHost(env, home.dir) })()).accessKeyId,
    "AKIDELSEWHERE",
  );
  assertEquals(
    await regionFromProfile({ profile: "x", host: testHost(env, home.dir) }),
    "sa-east-1",
  );
});

Deno.test("a missing profile: default is 'not found', a named one is an error", async () => {
  await using home = await tempHome({ ".aws/config": "[profile other]\nregion = x\n" });
  const missing = await fromProfile({ host: testHost({}, home.dir) })().catch((e) => e);
  assertInstanceOf(missing, CredentialsNotFoundError);
  assertStringIncludes(missing.message, `${home.dir}/.aws/config`);
  const named = await fromProfile({ host: testHost({ AWS_PROFILE: "prod" }, home.dir) })()
    .catch((e) => e);
  assertInstanceOf(named, CredentialsError);
  assertEquals(named instanceof CredentialsNotFoundError, false);
  assertStringIncludes(named.message, "profile prod (named by AWS_PROFILE)");
  const empty = await fromProfile({ profile: "other", host: testHost({}, home.dir) })().catch((e) =>
    e
  );
  assertInstanceOf(empty, CredentialsNotFoundError);
  assertStringIncludes(empty.message, "profile other: has no credentials");
  const half = await tempHome({ ".aws/credentials": "[default]\naws_access_key_id = AKID\n" });
  await using _half = half;
  await assertRejects(
    () => fromProfile({ host: testHost({}, half.dir) })(),
    CredentialsError,
    "profile default: no secret access key",
  );
});

Deno.test("role_arn + source_profile: AssumeRole signed by our signer with the profile's parameters", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({
    ".aws/credentials": `[base]\n${SOURCE}`,
    ".aws/config": "[profile app]\nrole_arn = arn:aws:iam::123456789012:role/app\n" +
      "source_profile = base\nexternal_id = ext-42\nrole_session_name = my-session\n" +
      "duration_seconds = 1800\nregion = eu-central-1\n",
  });
  const env = { AWS_ENDPOINT_URL_STS: fake.url };
  const credentials = await fromProfile({ profile: "app", host: testHost(env, home.dir, fake) })();
  assertEquals(credentials.accessKeyId, "ASIAROLE1");
  assertEquals(credentials.secretAccessKey, SECRETS.roleSecret(1));
  assertEquals(credentials.sessionToken, SECRETS.roleToken(1));
  assertEquals(credentials.expiration?.getTime(), fake.now + 1800_000);
  const [call] = stsCalls(fake);
  assertEquals(Object.fromEntries(call), {
    Action: "AssumeRole",
    Version: "2011-06-15",
    RoleArn: "arn:aws:iam::123456789012:role/app",
    RoleSessionName: "my-session",
    DurationSeconds: "1800",
    ExternalId: "ext-42",
  });
  const received = fake.received[0];
  assertEquals([received.signedBy, received.signatureValid], ["AKIDSOURCE", true]);
  assertStringIncludes(
    received.headers.get("authorization") ?? "",
    "/eu-central-1/sts/aws4_request",
  );
});

Deno.test("a chain of roles: each hop is signed by the previous role's credentials", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({
    ".aws/config": "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n" +
      "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = c\n" +
      `[profile c]\n${SOURCE}`,
  });
  const host = testHost(
    { AWS_ENDPOINT_URL_STS: fake.url, AWS_REGION: "us-west-2" },
    home.dir,
    fake,
  );
  const credentials = await fromProfile({ profile: "a", host })();
  assertEquals(credentials.accessKeyId, "ASIAROLE2");
  assertEquals(stsCalls(fake).map((c) => c.get("RoleArn")), [
    "arn:aws:iam::1:role/b",
    "arn:aws:iam::1:role/a",
  ]);
  assertEquals(fake.received.map((r) => [r.signedBy, r.signatureValid]), [["AKIDSOURCE", true], [
    "ASIAROLE1",
    true,
  ]]);
  assertEquals(fake.received[1].headers.get("x-amz-security-token"), SECRETS.roleToken(1));
  assertStringIncludes(stsCalls(fake)[0].get("RoleSessionName") ?? "", "dynafetch-");
});

Deno.test("a source_profile cycle is a clear error; a self-reference with keys is not", async () => {
  await using home = await tempHome({
    ".aws/config": "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n" +
      "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n" +
      "[profile self]\nrole_arn = arn:aws:iam::1:role/self\nsource_profile = self\n" + SOURCE +
      "[profile lost]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = ghost\n" +
      "[profile both]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = a\ncredential_source = Environment\n" +
      "[profile odd]\nrole_arn = arn:aws:iam::1:role/x\ncredential_source = Somewhere\n" +
      "[profile mfa]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = self\nmfa_serial = arn:mfa\n" +
      "[profile alone]\nrole_arn = arn:aws:iam::1:role/x\n",
  });
  const run = (profile: string) => fromProfile({ profile, host: testHost({}, home.dir) })();
  await assertRejects(() => run("a"), CredentialsError, "source_profile cycle: a -> b -> a");
  await assertRejects(
    () => run("lost"),
    CredentialsError,
    "profile lost: source_profile ghost does not exist",
  );
  await assertRejects(() => run("both"), CredentialsError, "not both");
  await assertRejects(
    () => run("odd"),
    CredentialsError,
    "credential_source Somewhere is not one of",
  );
  await assertRejects(() => run("mfa"), CredentialsError, "mfa_serial");
  await assertRejects(
    () => run("alone"),
    CredentialsError,
    "profile alone: role_arn needs source_profile",
  );
  await using fake = startFakeAws();
  const self = await fromProfile({
    profile: "self",
    host: testHost({ AWS_ENDPOINT_URL_STS: fake.url }, home.dir, fake),
  })();
  assertEquals(self.accessKeyId, "ASIAROLE1");
  assertEquals(fake.received[0].signedBy, "AKIDSOURCE");
});

Deno.test("credential_source: Environment, EcsContainer and Ec2InstanceMetadata", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({
    ".aws/config":
      "[profile env]\nrole_arn = arn:aws:iam::1:role/e\ncredential_source = Environment\n" +
      "[profile ecs]\nrole_arn = arn:aws:iam::1:role/c\ncredential_source = EcsContainer\n" +
      "[profile ec2]\nrole_arn = arn:aws:iam::1:role/i\ncredential_source = Ec2InstanceMetadata\n",
    "token": SECRETS.containerToken,
  });
  const env = {
    AWS_ENDPOINT_URL_STS: fake.url,
    AWS_ACCESS_KEY_ID: "AKIDSOURCE",
    AWS_SECRET_ACCESS_KEY: SECRETS.sourceSecret,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `${fake.url}/container/creds`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: `${home.dir}/token`,
    AWS_EC2_METADATA_SERVICE_ENDPOINT: fake.url,
  };
  const run = (profile: string) => fromProfile({ profile, host: testHost(env, home.dir, fake) })();
  assertEquals((await run("env")).accessKeyId, "ASIAROLE1");
  assertEquals(fake.received.at(-1)?.signedBy, "AKIDSOURCE");
  assertEquals((await run("ecs")).accessKeyId, "ASIAROLE3"); // container issued 2, STS 3
  assertEquals(fake.received.at(-1)?.signedBy, "ASIAROLE2");
  assertEquals((await run("ec2")).accessKeyId, "ASIAROLE5");
  assertEquals(fake.received.at(-1)?.signedBy, "ASIAROLE4");
  assertEquals(fake.received.every((r) => r.signatureValid !== false), true);
});

Deno.test("web_identity_token_file profiles call AssumeRoleWithWebIdentity unsigned", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({
    ".aws/config": "[profile k8s]\nrole_arn = arn:aws:iam::1:role/k\n" +
      "web_identity_token_file = ~/token\nrole_session_name = pod\n",
    token: SECRETS.webToken(1) + "\n",
  });
  const host = testHost({ AWS_ENDPOINT_URL_STS: fake.url }, home.dir, fake);
  assertEquals((await fromProfile({ profile: "k8s", host })()).accessKeyId, "ASIAROLE1");
  const [call] = stsCalls(fake);
  assertEquals(call.get("Action"), "AssumeRoleWithWebIdentity");
  assertEquals(call.get("WebIdentityToken"), SECRETS.webToken(1));
  assertEquals(call.get("RoleSessionName"), "pod");
  assertEquals(fake.received[0].headers.has("authorization"), false);
});

Deno.test("credential_process: Version 1 output, run again after Expiration", async () => {
  await using home = await tempHome();
  let now = Date.parse("2026-01-01T00:00:00Z");
  const out = (key: string, expiration: string) =>
    JSON.stringify({
      Version: 1,
      AccessKeyId: key,
      SecretAccessKey: SECRETS.sourceSecret,
      SessionToken: "process-token",
      Expiration: expiration,
    });
  await home.write("out.json", out("AKIDPROC1", "2026-01-01T01:00:00Z"));
  await home.write(
    ".aws/config",
    `[profile p]\ncredential_process = sh -c 'echo run >> "${home.dir}/runs"; cat "${home.dir}/out.json"'\n`,
  );
  const provider = fromProfile({
    profile: "p",
    host: { ...testHost({}, home.dir), now: () => now },
  });
  const first = await provider();
  assertEquals([first.accessKeyId, first.sessionToken], ["AKIDPROC1", "process-token"]);
  assertEquals(first.expiration?.toISOString(), "2026-01-01T01:00:00.000Z");
  await home.write("out.json", out("AKIDPROC2", "2026-01-01T02:00:00Z"));
  now += 30 * 60_000;
  assertEquals((await provider()).accessKeyId, "AKIDPROC1"); // cached: 30 minutes left
  now += 26 * 60_000;
  assertEquals((await provider()).accessKeyId, "AKIDPROC2"); // within 5 minutes of expiry
  assertEquals((await Deno.readTextFile(`${home.dir}/runs`)).trim().split("\n").length, 2);
});

Deno.test("credential_process failures name the profile and never echo the output", async () => {
  await using home = await tempHome({
    "bad.txt": `{"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "${SECRETS.sourceSecret}"`,
    "v2.json": JSON.stringify({
      Version: 2,
      AccessKeyId: "A",
      SecretAccessKey: SECRETS.sourceSecret,
    }),
  });
  await home.write(
    ".aws/config",
    `[profile bad]\ncredential_process = cat "${home.dir}/bad.txt"\n` +
      `[profile v2]\ncredential_process = cat "${home.dir}/v2.json"\n` +
      `[profile fails]\ncredential_process = sh -c 'echo "please log in" >&2; exit 3'\n`,
  );
  const run = (profile: string) => fromProfile({ profile, host: testHost({}, home.dir) })();
  const bad = await assertRejects(() => run("bad"), CredentialsError, "is not valid JSON");
  assertEquals(
    bad.message,
    "profile bad credential_process: the command's output is not valid JSON",
  );
  await assertRejects(() => run("v2"), CredentialsError, "Version: 1");
  await assertRejects(() => run("fails"), CredentialsError, "exited with code 3: please log in");
  assertEquals(secretsIn(Deno.inspect(bad, { depth: 10 })), []);
});

Deno.test("role credentials are refreshed ahead of expiry with the injected clock", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({
    ".aws/config":
      `[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = s\n[profile s]\n${SOURCE}`,
  });
  const provider = fromProfile({
    profile: "r",
    host: testHost({ AWS_ENDPOINT_URL_STS: fake.url }, home.dir, fake),
  });
  const [a, b] = await Promise.all([provider(), provider()]);
  assertEquals([a.accessKeyId, b.accessKeyId, fake.issued], ["ASIAROLE1", "ASIAROLE1", 1]);
  fake.now += 50 * 60_000;
  assertEquals((await provider()).accessKeyId, "ASIAROLE1");
  fake.now += 6 * 60_000;
  assertEquals((await provider()).accessKeyId, "ASIAROLE2");
  assertEquals((await provider({ forceRefresh: true })).accessKeyId, "ASIAROLE3");
});

Deno.test("STS error responses become CredentialsError with STS's code, without secrets", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({
    ".aws/config":
      `[profile r]\nrole_arn = arn:aws:iam::1:role/denied\nsource_profile = s\n[profile s]\n${SOURCE}`,
  });
  const error = await fromProfile({
    profile: "r",
    host: testHost({ AWS_ENDPOINT_URL_STS: fake.url }, home.dir, fake),
  })().catch((e) => e);
  assertInstanceOf(error, CredentialsError);
  assertEquals(error.code, "AccessDenied");
  assertEquals(
    error.message,
    "STS AssumeRole (arn:aws:iam::1:role/denied): HTTP 403, AccessDenied: User is not authorized to perform sts:AssumeRole",
  );
  assertEquals(secretsIn(Deno.inspect(error, { depth: 10 }) + JSON.stringify(error)), []);
});

Deno.test("forceRefresh reads the files again (rotated keys)", async () => {
  await using home = await tempHome({
    ".aws/credentials": "[default]\naws_access_key_id = AKIDOLD\naws_secret_access_key = old\n",
  });
  const provider = fromProfile({ host: testHost({}, home.dir) });
  assertEquals((await provider()).accessKeyId, "AKIDOLD");
  await home.write(
    ".aws/credentials",
    "[default]\naws_access_key_id = AKIDNEW\naws_secret_access_key = new\n",
  );
  assertEquals((await provider()).accessKeyId, "AKIDOLD");
  assertEquals((await provider({ forceRefresh: true })).accessKeyId, "AKIDNEW");
  assertEquals((await provider()).accessKeyId, "AKIDNEW");
});

import {
  CredentialsError,
  CredentialsNotFoundError,
  fromContainer,
  fromInstanceMetadata,
  fromProfile,
} from "../../credentials.ts";
import { DynafetchError } from "../../mod.ts";
import { assertEquals, assertInstanceOf } from "../assert.ts";
import { SECRETS, secretsIn, startFakeAws, tempHome, testHost } from "./_fake_aws.ts";

Deno.test("error classes: source, code, tried, and the DynafetchError root", () => {
  const error = new CredentialsError("STS AssumeRole (arn:r)", "HTTP 403", {
    code: "AccessDenied",
  });
  assertInstanceOf(error, DynafetchError);
  assertEquals([error.name, error.source, error.code], [
    "CredentialsError",
    "STS AssumeRole (arn:r)",
    "AccessDenied",
  ]);
  const one = new CredentialsNotFoundError([{ source: "container", reason: "not set" }]);
  assertEquals([one.name, one.message, one.source], [
    "CredentialsNotFoundError",
    "container: not set",
    "container",
  ]);
  const many = new CredentialsNotFoundError(
    [{ source: "a", reason: "x" }, { source: "b", reason: "y" }],
    "chain",
    " Hint.",
  );
  assertEquals(many.message, "chain: no credentials found; tried a (x), b (y). Hint.");
  assertInstanceOf(many, CredentialsError);
});

Deno.test("no secret in the inspect or JSON output of credentials, providers or errors", async () => {
  await using fake = startFakeAws();
  await using home = await tempHome({
    ".aws/credentials":
      `[default]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = ${SECRETS.sourceSecret}\n` +
      `aws_session_token = ${SECRETS.roleToken(6)}\n`,
  });
  const env = {
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `${fake.url}/container/creds`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: SECRETS.containerToken,
    AWS_EC2_METADATA_SERVICE_ENDPOINT: fake.url,
  };
  const providers = [
    fromProfile({ host: testHost(env, home.dir, fake) }),
    fromContainer({ host: testHost(env, home.dir, fake) }),
    fromInstanceMetadata({ host: testHost(env, home.dir, fake) }),
  ];
  const shown: string[] = [];
  for (const provider of providers) {
    const credentials = await provider();
    assertEquals(credentials.secretAccessKey.length > 10, true); // the secret is there, by name
    shown.push(
      Deno.inspect(credentials, { depth: 10 }),
      JSON.stringify(credentials),
      String(credentials),
    );
    shown.push(Deno.inspect(provider, { depth: 10 }));
  }
  assertEquals(shown.some((s) => s.includes("AKIDSOURCE")), true);
  assertEquals(secretsIn(shown.join("\n")), []);
  // A failing container endpoint: the token it was sent is not in the error.
  fake.override = { path: "/container", status: 500, body: "{}" };
  const error = await fromContainer({ host: testHost(env, home.dir, fake) })().catch((e) => e);
  assertInstanceOf(error, CredentialsError);
  assertEquals(
    secretsIn(Deno.inspect(error, { depth: 10 }) + error.stack + JSON.stringify(error)),
    [],
  );
});

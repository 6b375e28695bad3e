import { CredentialsError, fromProcess, parseProcessOutput } from "../../credentials.ts";
import { assertEquals, assertRejects, assertThrows } from "../assert.ts";
import { SECRETS, secretsIn, tempHome } from "./_fake_aws.ts";

Deno.test("parseProcessOutput: the documented JSON, and what it refuses", () => {
  const ok = parseProcessOutput(
    JSON.stringify({
      Version: 1,
      AccessKeyId: "A",
      SecretAccessKey: "S",
      SessionToken: "T",
      Expiration: "2030-01-01T00:00:00+02:00",
    }),
    "p",
  );
  assertEquals([ok.accessKeyId, ok.sessionToken, ok.expiration?.toISOString()], [
    "A",
    "T",
    "2029-12-31T22:00:00.000Z",
  ]);
  const noExpiry = parseProcessOutput(
    JSON.stringify({ Version: 1, AccessKeyId: "A", SecretAccessKey: "S" }),
    "p",
  );
  assertEquals(noExpiry.expiration, undefined);
  const cases: [string, string][] = [
    [
      `{"Version":1,"AccessKeyId":"A","SecretAccessKey":"${SECRETS.sourceSecret}",`,
      "p: the command's output is not valid JSON",
    ],
    [`["${SECRETS.sourceSecret}"]`, "p: the command's output is not a JSON object"],
    [
      JSON.stringify({ Version: "1", AccessKeyId: "A", SecretAccessKey: SECRETS.sourceSecret }),
      "p: the command's output needs `Version: 1`",
    ],
    [JSON.stringify({ Version: 1, SecretAccessKey: SECRETS.sourceSecret }), "p: no access key id"],
    [
      JSON.stringify({ Version: 1, AccessKeyId: "A", SecretAccessKey: "S", SessionToken: 5 }),
      "p: no string session token",
    ],
    [
      JSON.stringify({
        Version: 1,
        AccessKeyId: "A",
        SecretAccessKey: SECRETS.sourceSecret,
        Expiration: "later",
      }),
      "p: the credentials' expiration is not a valid date",
    ],
  ];
  for (const [stdout, message] of cases) {
    const error = assertThrows(() => parseProcessOutput(stdout, "p"), CredentialsError);
    assertEquals(error.message, message);
    assertEquals(secretsIn(Deno.inspect(error, { depth: 10 })), []);
  }
});

Deno.test("fromProcess runs a real command through the shell, with a timeout", async () => {
  await using home = await tempHome({
    "creds.json": JSON.stringify({ Version: 1, AccessKeyId: "AKIDRUN", SecretAccessKey: "S" }),
  });
  const provider = fromProcess({
    command: `cat "${home.dir}/creds.json" | cat`,
    host: { env: {} },
  });
  assertEquals((await provider()).accessKeyId, "AKIDRUN");
  await assertRejects(
    () => fromProcess({ command: "sleep 5", timeoutMs: 100, source: "slow", host: { env: {} } })(),
    CredentialsError,
    "slow: the command exited with code",
  );
  await assertRejects(
    () => fromProcess({ command: "definitely-not-a-command-xyz", host: { env: {} } })(),
    CredentialsError,
    "credential_process: the command exited with code 127",
  );
});

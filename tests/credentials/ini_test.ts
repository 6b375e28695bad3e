import fc from "fast-check";
import { loadSsoSessionData, parseKnownFiles } from "@smithy/shared-ini-file-loader";
import { CredentialsError, loadSharedConfig, parseIni, resolveHost } from "../../credentials.ts";
import { assertEquals, assertInstanceOf, assertNotMatch, assertThrows } from "../assert.ts";
import { tempHome } from "./_fake_aws.ts";

Deno.test("parseIni reads sections, settings, comments and sub-settings", () => {
  const text = [
    "# a comment",
    "; another",
    "[default]",
    "region = eu-west-1 ; inline comment",
    "output=json",
    "key_with_hash = abc#def",
    "",
    "[profile dev]  # trailing",
    "s3 =",
    "  max_concurrent_requests = 10",
    "  addressing_style = path",
    "region = us-east-2",
    "[default]",
    "output = text\r",
  ].join("\n");
  const ini = parseIni(text, "config");
  assertEquals({ ...ini.default }, {
    region: "eu-west-1",
    output: "text",
    key_with_hash: "abc#def",
  });
  assertEquals({ ...ini["profile dev"] }, {
    "s3.max_concurrent_requests": "10",
    "s3.addressing_style": "path",
    region: "us-east-2",
  });
});

Deno.test("parseIni keeps __proto__ as a plain key", () => {
  const ini = parseIni("[__proto__]\n__proto__ = x\n", "f");
  assertEquals(Object.keys(ini), ["__proto__"]);
  assertEquals(Object.getPrototypeOf({}).polluted, undefined);
});

Deno.test("a malformed line is an error naming the file and line, not its text", () => {
  const cases: [string, number, RegExp][] = [
    ["[default]\nregion = x\naws_secret_access_key SECRETVALUE\n", 3, /key = value/],
    ["[default\n", 1, /closing/],
    ["region = x\n[default]\n", 1, /before any/],
    ["[default]\n= value\n", 2, /key = value/],
    ["[ ]\n", 1, /name/],
  ];
  for (const [text, line, what] of cases) {
    const error = assertThrows(() => parseIni(text, "/home/me/.aws/config"), CredentialsError);
    assertEquals(error.source, "/home/me/.aws/config");
    assertEquals(
      error.message.startsWith(`/home/me/.aws/config: line ${line}: `),
      true,
      error.message,
    );
    assertEquals(what.test(error.message), true, error.message);
    assertNotMatch(error.message, /SECRETVALUE/);
  }
});

Deno.test("loadSharedConfig names the file of a malformed line", async () => {
  await using home = await tempHome({ ".aws/credentials": "[default]\n\nnot a setting\n" });
  const host = await resolveHost({ env: {}, homeDir: home.dir });
  const error = await loadSharedConfig(host).then(() => undefined, (e) => e);
  assertInstanceOf(error, CredentialsError);
  assertEquals(
    error.message,
    `${home.dir}/.aws/credentials: line 3: expected \`[section]\` or \`key = value\``,
  );
});

// Random files both parsers accept: the AWS SDK's parser must read the same profiles and SSO sessions.
const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
const value = fc.stringMatching(/^[A-Za-z0-9/+=:._-][A-Za-z0-9/+=:._#; -]{0,20}[A-Za-z0-9/+=]$/)
  .filter((v) => !/\s[#;]/.test(v));
const space = fc.constantFrom("", " ", "  ", "\t");
const setting = fc.tuple(name, value, space, space).map(([k, v, a, b]) => `${k}${a}=${b}${v}`);
const extra = fc.constantFrom(
  "",
  "# comment",
  "; comment",
  "   ",
  "sub =\n  nested = 1\n  other = 2",
);
const section = (header: fc.Arbitrary<string>) =>
  fc.tuple(header, fc.array(fc.oneof(setting, setting, extra), { maxLength: 6 })).map((
    [h, lines],
  ) => [h, ...lines].join("\n"));
const configHeader = fc.oneof(
  fc.constant("[default]"),
  name.map((n) => `[profile ${n}]`),
  name.map((n) => `[profile "${n}"]`),
  name.map((n) => `[sso-session ${n}]`),
  name.map((n) => `[services ${n}]`),
);
const file = (header: fc.Arbitrary<string>) =>
  fc.tuple(fc.array(section(header), { maxLength: 5 }), fc.constantFrom("\n", "\r\n")).map((
    [sections, eol],
  ) => sections.join("\n").replaceAll("\n", eol) + eol);

Deno.test("differential: @smithy/shared-ini-file-loader reads the same files to the same values", async () => {
  await using home = await tempHome();
  const configFilepath = `${home.dir}/config`;
  const filepath = `${home.dir}/credentials`;
  await fc.assert(
    fc.asyncProperty(file(configHeader), file(name.map((n) => `[${n}]`)), async (config, creds) => {
      await Deno.writeTextFile(configFilepath, config);
      await Deno.writeTextFile(filepath, creds);
      const host = await resolveHost({
        env: { AWS_CONFIG_FILE: configFilepath, AWS_SHARED_CREDENTIALS_FILE: filepath },
      });
      const ours = await loadSharedConfig(host);
      const theirs = await parseKnownFiles({ configFilepath, filepath, ignoreCache: true });
      const theirProfiles = Object.fromEntries(
        Object.entries(theirs).filter(([k]) => !k.includes(".")).map(([k, v]) => [k, { ...v }]),
      );
      // The one known difference: an empty section is a profile for us, absent for the AWS SDK.
      const nonEmpty = (sections: Record<string, Record<string, string>>) =>
        Object.fromEntries(
          Object.entries(sections).filter(([, v]) => Object.keys(v).length).map(([k, v]) => [k, {
            ...v,
          }]),
        );
      const ourProfiles = nonEmpty(ours.profiles);
      assertEquals(ourProfiles, theirProfiles);
      const sessions = await loadSsoSessionData({ configFilepath });
      assertEquals(
        nonEmpty(ours.ssoSessions),
        Object.fromEntries(Object.entries(sessions).map(([k, v]) => [k, { ...v }])),
      );
    }),
    { numRuns: 150 },
  );
});

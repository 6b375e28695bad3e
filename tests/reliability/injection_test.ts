// Header injection: a caller-supplied header name with CR, LF or any other non-token character, a header
// value with CR, LF or NUL (a fold only with the foldedHeaders option), and credentials with control characters (they become header
// values) are refused before anything is signed or sent.
import { assertEquals, assertRejects, assertStringIncludes } from "../assert.ts";
import { signRequest, ValidationError } from "../../mod.ts";
import { startLocalDynamo } from "../../testing.ts";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
const options = {
  credentials,
  region: "us-east-1",
  service: "dynamodb",
  date: new Date(Date.UTC(2026, 0, 1)),
};
const url = "https://dynamodb.us-east-1.amazonaws.com/";

Deno.test("signRequest refuses a header name holding CR, LF, NUL, a space or a colon", async () => {
  for (const name of ["x-a\r\nx-b", "x-a\nx-b", "x-a\rx-b", "x-a\u0000", "x a", "x-a:", ""]) {
    const error = await assertRejects(
      () => signRequest({ method: "POST", url, headers: { [name]: "v" }, body: "{}" }, options),
      ValidationError,
    );
    assertEquals(error.path, "request.headers", JSON.stringify(name));
    assertStringIncludes(error.message, "HTTP tokens");
  }
});

Deno.test("signRequest signs a header name of token characters as given, lower-cased", async () => {
  const signed = await signRequest(
    { method: "POST", url, headers: { "X-Custom_Header.1~": "v" }, body: "{}" },
    options,
  );
  assertEquals(signed.headers["x-custom_header.1~"], "v");
  assertStringIncludes(signed.headers.authorization, "x-custom_header.1~");
});

Deno.test("signRequest refuses a header value holding CR, LF or NUL, and signs a folded one only with foldedHeaders", async () => {
  for (const value of ["v\r\nx-b: 1", "v\n", "v\r", "v\u0000", "v\r\n", "v1\n  v2", "v1\r\n\tv2"]) {
    const error = await assertRejects(
      () => signRequest({ method: "POST", url, headers: { "x-a": value }, body: "{}" }, options),
      ValidationError,
    );
    assertEquals(error.path, "request.headers.x-a");
    assertEquals(error.message.includes("x-b"), false);
  }
  for (const value of ["v\r\nx-b: 1", "v\n", "v\u0000"]) {
    await assertRejects(
      () =>
        signRequest(
          { method: "POST", url, headers: { "x-a": value }, body: "{}" },
          { ...options, foldedHeaders: true },
        ),
      ValidationError,
    );
  }
  const folded = await signRequest(
    { method: "POST", url, headers: { "x-a": "v1\n  v2" }, body: "{}" },
    { ...options, foldedHeaders: true },
  );
  assertStringIncludes(folded.headers.authorization, "x-a");
});

const TOKEN = "FwoGZXIvYXdzTOKEN-leak-check";

Deno.test("a key id or session token with a control character is a ValidationError before sending, naming the field, never the value", async () => {
  const local = await startLocalDynamo();
  try {
    const cases: [Record<string, string>, string][] = [
      [
        { accessKeyId: "AKID", secretAccessKey: "s", sessionToken: `${TOKEN}\r\nx-evil: 1` },
        "sessionToken",
      ],
      [{ accessKeyId: "AKID", secretAccessKey: "s", sessionToken: `${TOKEN}\n` }, "sessionToken"],
      [
        { accessKeyId: "AKID", secretAccessKey: "s", sessionToken: `${TOKEN}\u0000` },
        "sessionToken",
      ],
      [{ accessKeyId: `AKID\n${TOKEN}`, secretAccessKey: "s" }, "accessKeyId"],
    ];
    for (const [credentials, field] of cases) {
      let sent = 0;
      const client = local.client({
        credentials: {
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: "s",
          sessionToken: credentials.sessionToken,
        },
        fetch: (u, init) => (sent++, fetch(u, init)),
        maxAttempts: 1,
      });
      const error = await assertRejects(() => client.listTables(), ValidationError);
      assertEquals(sent, 0);
      assertStringIncludes(error.path, field);
      for (
        const text of [error.message, error.stack ?? "", Deno.inspect(error), JSON.stringify(error)]
      ) {
        assertEquals(text.includes(TOKEN), false, text);
      }
    }
  } finally {
    await local.close();
  }
});

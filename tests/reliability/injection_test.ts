// Header injection: a caller-supplied header name with CR, LF or any other non-token character is refused
// by the signer before anything is signed or sent.
import { assertEquals, assertRejects, assertStringIncludes } from "../assert.ts";
import { signRequest, ValidationError } from "../../mod.ts";

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

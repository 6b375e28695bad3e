import { assertEquals, assertThrows } from "../assert.ts";
import { checkEndpoint, regionEndpoint } from "../../lib/transport/endpoint.ts";
import { ValidationError } from "../../lib/errors.ts";

Deno.test("regionEndpoint builds the regional endpoint, .com.cn for China", () => {
  assertEquals(regionEndpoint("us-east-1"), "https://dynamodb.us-east-1.amazonaws.com/");
  assertEquals(regionEndpoint("us-gov-west-1"), "https://dynamodb.us-gov-west-1.amazonaws.com/");
  assertEquals(
    regionEndpoint("cn-northwest-1"),
    "https://dynamodb.cn-northwest-1.amazonaws.com.cn/",
  );
});

Deno.test("regionEndpoint rejects what is not a region name (no host injection)", () => {
  for (
    const bad of ["", "US-EAST-1", "us-east", "evil.com/x", "us-east-1.evil.com", "us-east-1 "]
  ) {
    const error = assertThrows(() => regionEndpoint(bad), ValidationError);
    assertEquals(error.path, "region");
  }
});

Deno.test("checkEndpoint allows https anywhere and http only on loopback", () => {
  assertEquals(checkEndpoint("https://db.example.com"), "https://db.example.com/");
  assertEquals(
    checkEndpoint("https://db.example.com:8443/base"),
    "https://db.example.com:8443/base",
  );
  for (const loop of ["http://localhost:8000", "http://127.0.0.1:1", "http://[::1]:8000"]) {
    assertEquals(checkEndpoint(loop), new URL(loop).href);
  }
  for (
    const remote of ["http://10.0.0.5:8000", "http://localhost.evil.com", "http://db.example.com"]
  ) {
    assertThrows(() => checkEndpoint(remote), ValidationError, "loopback");
    assertEquals(checkEndpoint(remote, true), new URL(remote).href);
  }
});

Deno.test("checkEndpoint rejects other schemes and non-URLs", () => {
  for (const bad of ["ftp://localhost", "localhost:8000", "not a url", "file:///etc/passwd"]) {
    assertEquals(assertThrows(() => checkEndpoint(bad, true), ValidationError).path, "endpoint");
  }
});

Deno.test("an endpoint that is not a URL says so, with the parser's error as its cause", () => {
  for (const bad of ["dynamodb.us-east-1.amazonaws.com", "not a url", ""]) {
    const error = assertThrows(() => checkEndpoint(bad), ValidationError);
    assertEquals(
      [error.message, error.found, error.cause instanceof TypeError],
      [
        `endpoint: not a URL; found ${JSON.stringify(bad)}; allowed: an absolute URL like ` +
        "https://dynamodb.eu-west-1.amazonaws.com",
        JSON.stringify(bad),
        true,
      ],
    );
  }
  // A URL of another scheme is a URL: the scheme is what is wrong.
  const ftp = assertThrows(() => checkEndpoint("ftp://localhost"), ValidationError);
  assertEquals([ftp.found, ftp.message.includes("not https")], ["ftp://localhost", true]);
});

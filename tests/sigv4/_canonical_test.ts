import fc from "fast-check";
import { unicodeString } from "./_arbitraries.ts";
import { assertEquals, assertMatch, assertThrows } from "../assert.ts";
import { ValidationError } from "../../lib/errors.ts";
import {
  canonicalQuery,
  canonicalUri,
  canonicalValue,
  splitUrl,
  uriEncode,
} from "../../lib/sigv4/_canonical.ts";

Deno.test("uriEncode keeps only the unreserved characters, UTF-8 with upper-case hex", () => {
  assertEquals(uriEncode("AZaz09-._~"), "AZaz09-._~");
  assertEquals(uriEncode("a b/c"), "a%20b%2Fc");
  assertEquals(uriEncode("a b/c", true), "a%20b/c");
  assertEquals(uriEncode("!'()*+,;=:@$&"), "%21%27%28%29%2A%2B%2C%3B%3D%3A%40%24%26");
  assertEquals(uriEncode("ሴ😀"), "%E1%88%B4%F0%9F%98%80");
  assertEquals(uriEncode("%2F"), "%252F");
  assertThrows(() => uriEncode("\ud800"), ValidationError, "lone surrogate");
});

Deno.test("property: uriEncode output is unreserved characters and %XX, and decodes back", () => {
  fc.assert(
    fc.property(
      unicodeString(),
      fc.boolean(),
      (s, slash) => {
        const encoded = uriEncode(s, slash);
        assertMatch(
          encoded,
          slash ? /^([A-Za-z0-9\-._~/]|%[0-9A-F]{2})*$/ : /^([A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/,
        );
        assertEquals(decodeURIComponent(encoded), s);
      },
    ),
  );
});

Deno.test("canonicalUri normalizes dot and empty segments only when asked, then encodes", () => {
  const cases: [string, string, string][] = [
    ["/", "/", "/"],
    ["/a/./b/../c", "/a/c", "/a/./b/../c"],
    ["//a//b//", "/a/b/", "//a//b//"],
    ["/a/..", "/", "/a/.."],
    ["/../..", "/", "/../.."],
    ["/a b/ሴ", "/a%20b/%E1%88%B4", "/a%20b/%E1%88%B4"],
    ["/a%20b", "/a%2520b", "/a%2520b"],
  ];
  for (const [path, normalized, raw] of cases) {
    assertEquals(canonicalUri(path, true), normalized, path);
    assertEquals(canonicalUri(path, false), raw, path);
  }
});

Deno.test("property: a normalized canonical URI has no empty, '.' or '..' segment and is stable", () => {
  const segment = fc.oneof(fc.constantFrom("", ".", "..", "a", "b c"), fc.string({ maxLength: 4 }));
  fc.assert(
    fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
      const path = "/" + segments.map(encodeURIComponent).join("/");
      const uri = canonicalUri(path, true);
      const inner = uri.slice(1, uri.endsWith("/") && uri !== "/" ? -1 : undefined);
      if (inner) {
        for (const s of inner.split("/")) assertEquals(["", ".", ".."].includes(s), false);
      }
      assertEquals(uri.startsWith("/"), true);
    }),
  );
});

Deno.test("canonicalQuery decodes, re-encodes and sorts by name then value", () => {
  assertEquals(canonicalQuery("", []), "");
  assertEquals(canonicalQuery("b=2&a=1&a=0", []), "a=0&a=1&b=2");
  assertEquals(canonicalQuery("a-b=1&a=2", []), "a=2&a-b=1");
  assertEquals(canonicalQuery("flag&&x=", []), "flag=&x=");
  assertEquals(canonicalQuery("q=a+b&r=%20&s=%7e&t=ሴ", []), "q=a%2Bb&r=%20&s=~&t=%E1%88%B4");
  assertEquals(canonicalQuery("k=v=w", []), "k=v%3Dw");
  assertEquals(
    canonicalQuery("z=1", [["X-Amz-Date", "20150830T123600Z"]]),
    "X-Amz-Date=20150830T123600Z&z=1",
  );
  assertThrows(() => canonicalQuery("a=%E1%88", []), ValidationError, "malformed percent-escape");
});

Deno.test("canonicalValue folds HTTP whitespace runs to one space and trims", () => {
  assertEquals(canonicalValue("plain"), "plain");
  assertEquals(canonicalValue("  a   b  "), "a b");
  assertEquals(canonicalValue("a\t\tb"), "a b");
  assertEquals(canonicalValue("value1\n  value2\n     value3"), "value1 value2 value3");
  assertEquals(canonicalValue("\r\n"), "");
  // Not HTTP whitespace: kept.
  assertEquals(canonicalValue("a\u00a0\u00a0b\v"), "a\u00a0\u00a0b\v");
});

Deno.test("splitUrl takes the URL as written", () => {
  assertEquals(splitUrl("https://User:Pw@Example.com:443/a/../b?x=1&y#frag"), {
    base: "https://User:Pw@Example.com:443/a/../b?x=1&y",
    fragment: "#frag",
    host: "example.com",
    path: "/a/../b",
    query: "x=1&y",
  });
  assertEquals(splitUrl("http://h:8080").path, "/");
  assertEquals(splitUrl("http://h:8080").host, "h:8080");
  assertEquals(splitUrl("HTTP://h:80/").host, "h");
  assertEquals(splitUrl(new URL("https://h/a/../b c")).path, "/b%20c");
  for (const bad of ["", "h/a", "https:///a", "//h/a"]) {
    assertThrows(() => splitUrl(bad), ValidationError, "request.url");
  }
});

/**
 * Where requests go: the DynamoDB endpoint of a region, or a custom endpoint checked for https.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { invalid } from "../errors.ts";

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * The DynamoDB endpoint of a region: `https://dynamodb.<region>.amazonaws.com`, with `.amazonaws.com.cn`
 * for the China regions (`cn-*`).
 *
 * @param region A region name like `eu-west-1`.
 * @returns The endpoint URL, ending in `/`.
 * @throws {ValidationError} When `region` does not look like a region name.
 * @example
 * ```ts
 * import { regionEndpoint } from "@dynafetch/dynafetch";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(regionEndpoint("eu-west-1"), "https://dynamodb.eu-west-1.amazonaws.com/");
 * assertEquals(regionEndpoint("cn-north-1"), "https://dynamodb.cn-north-1.amazonaws.com.cn/");
 * ```
 */
export function regionEndpoint(region: string): string {
  if (!REGION.test(region)) {
    throw invalid("region", "not a region", JSON.stringify(region), "a region like us-east-1");
  }
  return `https://dynamodb.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}/`;
}

/**
 * Checks a custom endpoint: an absolute http(s) URL, plain http only for loopback hosts (`localhost`,
 * `127.0.0.1`, `::1`) unless `allowHttp` is set.
 *
 * @param endpoint The URL, like `http://127.0.0.1:8000`.
 * @param allowHttp Whether plain http is allowed for any host.
 * @returns The normalized URL string.
 * @throws {ValidationError} When the URL is invalid, not http(s), or plain http to another host.
 * @example
 * ```ts
 * import { checkEndpoint } from "@dynafetch/dynafetch";
 * import { assertEquals, assertThrows } from "@std/assert";
 *
 * assertEquals(checkEndpoint("http://localhost:8000"), "http://localhost:8000/");
 * assertThrows(() => checkEndpoint("http://db.example.com"), Error, "https");
 * assertEquals(checkEndpoint("http://db.example.com", true), "http://db.example.com/");
 * ```
 */
export function checkEndpoint(endpoint: string, allowHttp = false): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (cause) {
    throw invalid(
      "endpoint",
      "not a URL",
      JSON.stringify(endpoint),
      "an absolute URL like https://dynamodb.eu-west-1.amazonaws.com",
      cause,
    );
  }
  const http = url.protocol == "http:";
  if (
    !(http || url.protocol == "https:") ||
    http && !allowHttp && !LOOPBACK.test(url.hostname)
  ) {
    throw invalid(
      "endpoint",
      "not https, nor http to a loopback host",
      // The origin of a URL leaves out any user name and password in it.
      url.origin,
      "https, or http to localhost, 127.0.0.1 or ::1 (to any host with allowHttp)",
    );
  }
  return url.href;
}

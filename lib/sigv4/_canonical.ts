/**
 * The pieces of a SigV4 canonical request: the URL split as given, the canonical URI, the canonical query
 * string, and header canonicalization.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { ValidationError } from "../errors.ts";
import { kind } from "./_check.ts";

export { canonicalValue } from "./_signature.ts";

/** The parts of a URL signing needs, taken from the string as written (dot segments kept). */
export interface UrlParts {
  /** The URL without its fragment. */
  base: string;
  /** The fragment with its `#`, or `""`. */
  fragment: string;
  /** The `Host` value: lower-cased, no user info, no default port. */
  host: string;
  /** The path as written (`/` when empty). */
  path: string;
  /** The query string without its `?`. */
  query: string;
}

const URL_PARTS = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(#.*)?$/s;

/**
 * Splits `url` without normalizing it, so that an unnormalized path (`/a/../b`) signs as written.
 *
 * @throws {ValidationError} When `url` is not an absolute URL with a host.
 */
export function splitUrl(url: string | URL): UrlParts {
  const href = typeof url === "string" ? url : url instanceof URL ? url.href : undefined;
  if (href !== undefined && href === last?.href) return last.parts;
  const m = href === undefined ? null : URL_PARTS.exec(href);
  if (!m || !m[2]) {
    throw new ValidationError("must be an absolute URL with a host", {
      path: "request.url",
      found: href === undefined ? kind(url) : "a string without scheme://host",
      allowed: "a string like https://dynamodb.us-east-1.amazonaws.com/ or a URL",
    });
  }
  const scheme = m[1].toLowerCase();
  let host = m[2].slice(m[2].lastIndexOf("@") + 1).toLowerCase();
  if (/[^a-z0-9.:[\]-]/.test(host)) host = new URL(`${scheme}://${host}`).host;
  const port = scheme === "https" ? ":443" : scheme === "http" ? ":80" : "";
  if (port && host.endsWith(port)) host = host.slice(0, -port.length);
  const fragment = m[5] ?? "";
  const parts: UrlParts = Object.freeze({
    base: fragment ? href!.slice(0, -fragment.length) : href!,
    fragment,
    host,
    path: m[3] || "/",
    query: m[4] ?? "",
  });
  last = { href: href!, parts };
  return parts;
}

/** The last URL split: a client signs request after request to the same endpoint. */
let last: { href: string; parts: UrlParts } | undefined;

/**
 * RFC 3986 percent-encoding as SigV4 wants it: everything but `A-Z a-z 0-9 - . _ ~` (and `/` when
 * `keepSlash`), UTF-8, upper-case hex.
 *
 * @throws {ValidationError} When the text holds a lone surrogate, which has no UTF-8 form.
 */
export function uriEncode(text: string, keepSlash = false): string {
  if (keepSlash ? /^[\w.~/-]*$/.test(text) : /^[\w.~-]*$/.test(text)) return text;
  let out: string;
  try {
    out = encodeURIComponent(text);
  } catch (cause) {
    throw new ValidationError("holds a lone surrogate, which has no UTF-8 form", {
      path: "request.url",
      allowed: "well-formed Unicode",
      cause,
    });
  }
  out = out.replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  return keepSlash ? out.replace(/%2F/g, "/") : out;
}

/**
 * The canonical URI: with `normalize`, empty and `.` segments dropped and `..` resolved (a trailing slash
 * kept); then every segment percent-encoded.
 */
export function canonicalUri(path: string, normalize: boolean): string {
  if (path === "/") return path;
  if (normalize) {
    const segments: string[] = [];
    for (const segment of path.split("/")) {
      if (segment === "" || segment === ".") continue;
      if (segment === "..") segments.pop();
      else segments.push(segment);
    }
    const joined = segments.join("/");
    path = "/" + joined + (joined && path.endsWith("/") ? "/" : "");
  }
  return uriEncode(path, true);
}

function decode(text: string): string {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch (cause) {
    throw new ValidationError("holds a malformed percent-escape", {
      path: "request.url",
      allowed: "%XX escapes of UTF-8 bytes",
      cause,
    });
  }
}

/**
 * The canonical query string: each `name=value` of `query` decoded and re-encoded, joined with `extra`
 * (already encoded), sorted by name then value.
 *
 * @throws {ValidationError} On a malformed percent-escape.
 */
export function canonicalQuery(
  query: string,
  extra: ReadonlyArray<readonly [string, string]>,
): string {
  if (!query && !extra.length) return "";
  const pairs: (readonly [string, string])[] = [];
  for (const part of query.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    pairs.push([
      uriEncode(decode(eq < 0 ? part : part.slice(0, eq))),
      eq < 0 ? "" : uriEncode(decode(part.slice(eq + 1))),
    ]);
  }
  pairs.push(...extra);
  pairs.sort(([a, x], [b, y]) => a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0);
  let out = "";
  for (const [name, value] of pairs) out += (out ? "&" : "") + name + "=" + value;
  return out;
}

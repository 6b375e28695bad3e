/**
 * A parser for the AWS shared `config` and `credentials` files: `[section]` headers, `key = value`
 * settings, `#` and `;` comments (at the start of a line or after whitespace), and indented sub-settings
 * under a key with an empty value (`s3 =` then `  max_concurrent_requests = 10`), which are kept as
 * `s3.max_concurrent_requests`.
 *
 * This module is browser compatible.
 *
 * @module
 */
import { CredentialsError } from "./errors.ts";

/** Sections of an ini file, each a map of settings; objects without a prototype. */
export type IniSections = Record<string, Record<string, string>>;

/**
 * Parses an ini file. A line that is neither a section, a setting, a sub-setting nor a comment is an error
 * naming the file and the line (never the line's text, which may hold a secret).
 *
 * @param text The file's contents.
 * @param file The file's name, for error messages.
 * @returns The sections, later settings overriding earlier ones.
 * @throws {CredentialsError} On a malformed line.
 * @example
 * ```ts
 * import { parseIni } from "@dynafetch/dynafetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const ini = parseIni("[default]\nregion = eu-west-1 # Ireland\n", "config");
 * assertEquals(ini.default.region, "eu-west-1");
 * ```
 */
export function parseIni(text: string, file: string): IniSections {
  const sections: IniSections = Object.create(null);
  let section: Record<string, string> | undefined;
  let parent: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.split(/(?:^|\s)[;#]/)[0].trim();
    if (!line) continue;
    const fail: (what: string) => never = (what) => {
      throw new CredentialsError(file, `line ${i + 1}: ${what}`);
    };
    if (line[0] === "[") {
      if (line[line.length - 1] !== "]") fail("a section header needs a closing `]`");
      const name = line.slice(1, -1).trim();
      if (!name) fail("a section header needs a name");
      section = sections[name] ??= Object.create(null);
      parent = undefined;
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) fail("expected `[section]` or `key = value`");
    if (!section) fail("a setting comes before any `[section]`");
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (parent !== undefined && /^\s/.test(raw)) {
      section[`${parent}.${key}`] = value;
    } else if (value === "") {
      parent = key;
    } else {
      parent = undefined;
      section[key] = value;
    }
  }
  return sections;
}

/**
 * Where the npm package `bun` put this platform's Bun binary. Deno does not run the package's postinstall
 * script, which would copy the binary into `node_modules/bun/bin`, so the tests run it from the platform
 * package that `deno install` does fetch.
 *
 * @module
 */

/** The Bun binary installed under the repository's `node_modules`; throws when it is missing. */
export async function bunBinary(): Promise<string> {
  const root = new URL("../", import.meta.url).pathname;
  const arch = Deno.build.arch === "x86_64" ? "x64" : "aarch64";
  const pkg = await Deno.realPath(`${root}node_modules/bun`);
  const binary = `${pkg}/../@oven/bun-${Deno.build.os}-${arch}/bin/bun`;
  try {
    await Deno.stat(binary);
  } catch {
    throw new Error(`no Bun binary at ${binary}: run \`deno install\``);
  }
  return binary;
}

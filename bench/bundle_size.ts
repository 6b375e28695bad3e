/**
 * Bundle size of an application doing put, get and query, next to the AWS SDK v3 and aws4fetch: each entry in
 * bench/bundle/ is bundled and minified with esbuild, then gzipped. dynafetch and aws4fetch are bundled for
 * the neutral platform (no runtime assumed); the AWS SDK for the browser, its smallest build that runs
 * outside Node.
 *
 * `deno task size` prints the table; `deno task size --check` also fails when dynafetch's entry is over the
 * budget (CI runs it).
 *
 * @module
 */
import * as esbuild from "esbuild";

/** The budget for bench/bundle/dynafetch.ts, gzipped. */
export const BUDGET_GZIP_BYTES = 10 * 1024;

/** Sizes of one bundled entry. */
export interface BundleSize {
  name: string;
  minified: number;
  gzipped: number;
}

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** Bundles `entry` (a path relative to this folder) and measures it. */
export async function measure(
  name: string,
  entry: string,
  platform: "neutral" | "browser" = "neutral",
): Promise<BundleSize> {
  const result = await esbuild.build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    mainFields: platform === "browser" ? ["browser", "module", "main"] : ["module", "main"],
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  const bytes = result.outputFiles[0].contents;
  return { name, minified: bytes.byteLength, gzipped: await gzipSize(bytes) };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (import.meta.main) {
  const check = Deno.args.includes("--check");
  const rows = [await measure("dynafetch", "./bundle/dynafetch.ts")];
  if (!check) {
    rows.push(await measure("aws4fetch (signing only)", "./bundle/aws4fetch.js"));
    rows.push(await measure("AWS SDK v3 + DocumentClient", "./bundle/aws_sdk.js", "browser"));
  }
  await esbuild.stop();
  console.log("| put, get and query | minified | gzipped |");
  console.log("| --- | ---: | ---: |");
  for (const r of rows) console.log(`| ${r.name} | ${kb(r.minified)} | ${kb(r.gzipped)} |`);
  const ours = rows[0];
  console.log(
    `dynafetch: ${ours.gzipped} bytes gzipped; budget ${BUDGET_GZIP_BYTES} bytes (${
      kb(BUDGET_GZIP_BYTES)
    })`,
  );
  if (check && ours.gzipped > BUDGET_GZIP_BYTES) {
    console.error(`over budget by ${ours.gzipped - BUDGET_GZIP_BYTES} bytes`);
    Deno.exit(1);
  }
}

/**
 * Bundle size of an application doing put, get and query, next to the AWS SDK v3 and aws4fetch: each entry in
 * bench/bundle/ is bundled, code-split and minified with esbuild, then each chunk is gzipped. dynafetch and
 * aws4fetch are bundled for the neutral platform (no runtime assumed); the AWS SDK for the browser, its
 * smallest build that runs outside Node.
 *
 * The number held to the budget is the initial load: the entry chunk and every chunk it imports statically.
 * Chunks reached only through `import()` (features loaded on first use, such as reading credentials from
 * the environment) are reported apart.
 *
 * `deno task size` prints the table; `--check` fails when dynafetch's initial load is over the budget (CI
 * runs it); `--files` prints how many minified bytes each source file adds to dynafetch's initial load.
 *
 * @module
 */
import * as esbuild from "esbuild";

/** The budget for bench/bundle/dynafetch.ts's initial load, gzipped. */
export const BUDGET_GZIP_BYTES = 10 * 1024;

/** Sizes of one bundled entry. */
export interface BundleSize {
  /** What was bundled. */
  name: string;
  /** Minified bytes of the initial load. */
  minified: number;
  /** Gzipped bytes of the initial load (each chunk gzipped on its own, as a server sends it). */
  gzipped: number;
  /** Minified bytes of the chunks loaded only on first use of a feature. */
  lazyMinified: number;
  /** Minified bytes each source file adds to the initial load. */
  files: Record<string, number>;
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
  const outdir = "/tmp/dynafetch-bundle-size";
  const result = await esbuild.build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    bundle: true,
    splitting: true,
    outdir,
    minify: true,
    format: "esm",
    platform,
    mainFields: platform === "browser" ? ["browser", "module", "main"] : ["module", "main"],
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const outputs = result.metafile.outputs;
  const base = `file://${Deno.cwd()}/`;
  const abs = (p: string) => new URL(p, base).pathname;
  const byPath = new Map(result.outputFiles.map((f) => [f.path, f.contents]));
  // Chunks made for `import()` have an entryPoint too: pick the one for `entry` itself.
  const entryPath = new URL(entry, import.meta.url).pathname;
  const entryOut = Object.keys(outputs).find((k) => {
    const point = outputs[k].entryPoint;
    return point !== undefined && abs(point) === entryPath;
  });
  if (!entryOut) throw new Error(`no entry chunk for ${entry}`);
  const initial = new Set<string>();
  const visit = (key: string) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const i of outputs[key].imports) if (i.kind === "import-statement") visit(i.path);
  };
  visit(entryOut);
  let minified = 0, gzipped = 0, lazyMinified = 0;
  const files: Record<string, number> = {};
  for (const [key, out] of Object.entries(outputs)) {
    if (!initial.has(key)) {
      lazyMinified += out.bytes;
      continue;
    }
    minified += out.bytes;
    gzipped += await gzipSize(byPath.get(abs(key)) ?? new Uint8Array());
    for (const [file, input] of Object.entries(out.inputs)) {
      files[file] = (files[file] ?? 0) + input.bytesInOutput;
    }
  }
  return { name, minified, gzipped, lazyMinified, files };
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
  const ours = rows[0];
  if (Deno.args.includes("--files")) {
    for (const [file, bytes] of Object.entries(ours.files).sort((a, b) => b[1] - a[1])) {
      if (bytes > 0) console.log(`${String(bytes).padStart(7)} ${file}`);
    }
  }
  console.log("| put, get and query | minified | gzipped | loaded on first use (minified) |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(`| ${r.name} | ${kb(r.minified)} | ${kb(r.gzipped)} | ${kb(r.lazyMinified)} |`);
  }
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

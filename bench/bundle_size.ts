/**
 * Bundle size of an application doing put, get and query, next to the AWS SDK v3 and aws4fetch. Each entry
 * in bench/bundle/ is bundled, code-split and minified with esbuild, and then RUN: its `run()` does a put, a
 * get and a query against an in-memory `fetch`, and every chunk it evaluates on the way is counted, each
 * gzipped on its own as a server sends it. Chunks it never loads (features loaded on first use that put,
 * get and query do not touch, such as batches or the credential providers) are reported apart. dynafetch
 * and aws4fetch are bundled for the neutral platform (no runtime assumed); the AWS SDK for the browser, its
 * smallest build that runs outside Node.
 *
 * `deno task size` prints the table; `--check` fails when dynafetch is over its ceiling, the size it had
 * reached, which falls toward the 10 KB budget (CI runs it);
 * `--files` prints how many minified bytes each source file adds to what dynafetch's app loads, `--chunks`
 * each chunk it loads (gzipped and minified bytes, source files).
 *
 * @module
 */
import * as esbuild from "esbuild";

/** The budget for what bench/bundle/dynafetch.ts loads to put, get and query, gzipped: the design target. */
export const BUDGET_GZIP_BYTES = 10 * 1024;

/**
 * Where we are: the size today, rounded up. CI fails above it, so the number can only go down until it
 * meets the budget; lower it whenever a change makes the bundle smaller.
 */
export const CEILING_GZIP_BYTES = 17_400;

/** Sizes of one bundled entry. */
export interface BundleSize {
  /** What was bundled. */
  name: string;
  /** Minified bytes of the chunks the app loaded. */
  minified: number;
  /** Gzipped bytes of the chunks the app loaded (each chunk gzipped on its own). */
  gzipped: number;
  /** How many chunks the app loaded. */
  chunks: number;
  /** Minified bytes of the chunks the app did not load. */
  unusedMinified: number;
  /** Minified bytes each source file adds to what the app loaded. */
  files: Record<string, number>;
  /** Each chunk the app loaded: its gzipped and minified bytes and the source files in it. */
  loaded: { gzipped: number; minified: number; sources: string[] }[];
}

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return (await new Response(stream).arrayBuffer()).byteLength;
}

// DynamoDB's answers to the three calls, enough for every client to finish its work.
function fakeDynamoDB(): typeof fetch {
  const item = { pk: { S: "a" }, sk: { N: "1" }, n: { N: "1.5" } };
  const answers: Record<string, unknown> = {
    PutItem: {},
    GetItem: { Item: item },
    Query: { Items: [item], Count: 1, ScannedCount: 1 },
  };
  return (input, init) => {
    const request = new Request(input, init);
    const op = (request.headers.get("x-amz-target") ?? "").split(".")[1];
    const body = JSON.stringify(answers[op] ?? {});
    return Promise.resolve(
      new Response(body, {
        headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "r" },
      }),
    );
  };
}

const TRACE = "__dynafetchBundleTrace";

const root = new URL("../", import.meta.url).pathname;
/**
 * Our sources bundle as the npm package's do: its package.json says `"sideEffects": false`
 * (.ci/build_npm.ts), so a bundler drops a module whose exports an app does not use, re-exported or not.
 * The sources have no package.json to say so; this plugin says it for mod.ts and lib/. (Without it, every
 * module that `mod.ts` re-exports and that some lazily loaded module uses would land in a chunk the app
 * loads.)
 */
const sideEffectFree: esbuild.Plugin = {
  name: "dynafetch-side-effect-free",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = new URL(args.path, `file://${args.resolveDir}/`).pathname;
      return path.startsWith(`${root}lib/`) || path === `${root}mod.ts`
        ? { path, sideEffects: false }
        : undefined;
    });
  },
};

/** Bundles `entry` (a path relative to this folder), runs it, and measures what it loaded. */
export async function measure(
  name: string,
  entry: string,
  platform: "neutral" | "browser" = "neutral",
): Promise<BundleSize> {
  const outdir = await Deno.makeTempDir({ prefix: "dynafetch-bundle-" });
  try {
    const result = await esbuild.build({
      entryPoints: { app: new URL(entry, import.meta.url).pathname },
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
      plugins: [sideEffectFree],
    });
    // Each chunk, written with one leading statement that records its evaluation.
    for (const file of result.outputFiles) {
      const tag = `globalThis.${TRACE}?.add(${JSON.stringify(file.path)});\n`;
      await Deno.writeTextFile(file.path, tag + file.text);
    }
    const loaded = new Set<string>();
    const global = globalThis as unknown as Record<string, unknown>;
    const realFetch = globalThis.fetch;
    global[TRACE] = loaded;
    globalThis.fetch = fakeDynamoDB();
    try {
      const app = await import(`file://${outdir}/app.js`);
      await app.run(
        "us-east-1",
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "bench",
      );
    } finally {
      globalThis.fetch = realFetch;
      delete global[TRACE];
    }
    const base = `file://${Deno.cwd()}/`;
    const abs = (p: string) => new URL(p, base).pathname;
    let minified = 0, gzipped = 0, unusedMinified = 0;
    const files: Record<string, number> = {};
    const chunks: BundleSize["loaded"] = [];
    for (const file of result.outputFiles) {
      if (!loaded.has(file.path)) {
        unusedMinified += file.contents.byteLength;
        continue;
      }
      const gz = await gzipSize(file.contents);
      minified += file.contents.byteLength;
      gzipped += gz;
      const out = Object.entries(result.metafile.outputs).find(([k]) => abs(k) === file.path);
      const inputs = Object.entries(out?.[1].inputs ?? {});
      for (const [source, input] of inputs) {
        files[source] = (files[source] ?? 0) + input.bytesInOutput;
      }
      const sources = inputs.filter(([, i]) => i.bytesInOutput > 0).map(([s]) => s);
      chunks.push({ gzipped: gz, minified: file.contents.byteLength, sources });
    }
    return { name, minified, gzipped, chunks: loaded.size, unusedMinified, files, loaded: chunks };
  } finally {
    await Deno.remove(outdir, { recursive: true });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (import.meta.main) {
  const check = Deno.args.includes("--check");
  const rows = [await measure("dynafetch (high-level API)", "./bundle/dynafetch.ts")];
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
  if (Deno.args.includes("--chunks")) {
    for (const c of ours.loaded.sort((a, b) => b.gzipped - a.gzipped)) {
      console.log(
        `${String(c.gzipped).padStart(6)} gz ${String(c.minified).padStart(6)} min  ${
          c.sources.join(" ")
        }`,
      );
    }
  }
  console.log(
    "| put, get and query | loaded, minified | loaded, gzipped | chunks | never loaded |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${kb(r.minified)} | ${kb(r.gzipped)} | ${r.chunks} | ${
        kb(r.unusedMinified)
      } |`,
    );
  }
  const verdict = ours.gzipped > BUDGET_GZIP_BYTES ? "not met yet" : "met";
  console.log(`dynafetch: ${ours.gzipped} bytes gzipped; ceiling ${CEILING_GZIP_BYTES} bytes`);
  console.log(`design budget: ${BUDGET_GZIP_BYTES} bytes (${kb(BUDGET_GZIP_BYTES)}), ${verdict}`);
  if (check && ours.gzipped > CEILING_GZIP_BYTES) {
    console.error(`over the ceiling by ${ours.gzipped - CEILING_GZIP_BYTES} bytes`);
    Deno.exit(1);
  }
}

/**
 * Builds the npm package in `dist/npm`: ESM JavaScript bundled by esbuild (one file per entry point, code
 * they share in one chunk, modules loaded with `import()` in chunks of their own), `.d.ts` declarations
 * emitted by TypeScript from the sources, a `package.json` with `exports` and no dependencies, and the
 * README and LICENSE.
 *
 *     deno task build:npm
 *
 * @module
 */
import * as esbuild from "esbuild";
import ts from "typescript";

const root = new URL("../", import.meta.url).pathname;
const out = `${root}dist/npm/`;
const entries = ["mod", "testing", "credentials"] as const;

const config: { name: string; version: string; license: string } = JSON.parse(
  await Deno.readTextFile(`${root}deno.json`),
);

await Deno.remove(out, { recursive: true }).catch((error) => {
  if (!(error instanceof Deno.errors.NotFound)) throw error;
});

// JavaScript. Node built-ins and dynalite (needed by ./testing only) stay imports.
await esbuild.build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(entries.map((e) => [e, `${root}${e}.ts`])),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  outdir: out,
  chunkNames: "_chunks/[name]-[hash]",
  external: ["node:*", "dynalite"],
  legalComments: "none",
  logLevel: "warning",
});
await esbuild.stop();

// Declarations, one per source file, next to the JavaScript entry points, with relative imports renamed
// to `.js`. Types are checked by `deno check`; `noCheck` keeps Deno's globals (`Deno.env` in the env
// adapter) out of this program.
const program = ts.createProgram(entries.map((e) => `${root}${e}.ts`), {
  declaration: true,
  emitDeclarationOnly: true,
  noCheck: true,
  allowImportingTsExtensions: true,
  rewriteRelativeImportExtensions: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  rootDir: root,
  outDir: out,
  strict: true,
  skipLibCheck: true,
});
const emitted = program.emit();
const problems = ts.getPreEmitDiagnostics(program).concat(emitted.diagnostics)
  .filter((d) => d.category === ts.DiagnosticCategory.Error);
if (emitted.emitSkipped || problems.length > 0) {
  console.error(ts.formatDiagnostics(problems, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
  }));
  throw new Error("declaration emit failed");
}
const exportOf = (e: string) => ({ types: `./${e}.d.ts`, default: `./${e}.js` });
const manifest = {
  name: config.name,
  version: config.version,
  description:
    "A small, exact DynamoDB client for Deno, Cloudflare Workers, Bun, Node and browsers, built on fetch and WebCrypto with no dependencies.",
  license: config.license,
  keywords: ["dynamodb", "aws", "sigv4", "fetch", "cloudflare-workers", "deno", "bun"],
  type: "module",
  sideEffects: false,
  main: "./mod.js",
  types: "./mod.d.ts",
  exports: {
    ".": exportOf("mod"),
    "./testing": exportOf("testing"),
    "./credentials": exportOf("credentials"),
    "./package.json": "./package.json",
  },
  engines: { node: ">=20" },
  peerDependencies: { dynalite: "^4.0.0" },
  peerDependenciesMeta: { dynalite: { optional: true } },
};
await Deno.writeTextFile(`${out}package.json`, JSON.stringify(manifest, null, 2) + "\n");
for (const file of ["README.md", "LICENSE"]) await Deno.copyFile(`${root}${file}`, `${out}${file}`);

let files = 0;
let bytes = 0;
for await (const path of walk(out)) {
  files++;
  bytes += (await Deno.stat(path)).size;
}
console.log(`dist/npm: ${manifest.name}@${manifest.version}, ${files} files, ${bytes} bytes`);

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}${entry.name}`;
    if (entry.isDirectory) yield* walk(`${path}/`);
    else yield path;
  }
}

/**
 * Builds the npm package in `dist/npm`: ESM JavaScript bundled by esbuild (one file per entry point, code
 * they share in one chunk, modules loaded with `import()` in chunks of their own), `.d.ts` declarations
 * emitted by TypeScript from the sources, a `package.json` with `exports` and no dependencies, and the
 * README and LICENSE.
 *
 * The client's default transport comes through the package's `#default-transport` import: Node (the
 * `node` condition) gets the keep-alive `node:http` transport, every other runtime (`deno`, `bun`,
 * `workerd`, `worker`, `browser`, `default`) gets fetch and never reaches a `node:` module.
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
// The other entry points: the ./node export, and the two modules `#default-transport` chooses between.
const NODE_ENTRY = "lib/adapters/node_http.ts";
const more = {
  node: `${root}${NODE_ENTRY}`,
  _default_transport: `${root}lib/client/_default_transport.ts`,
  _default_transport_node: `${root}lib/adapters/_default_transport_node.ts`,
};

const config: { name: string; version: string; license: string } = JSON.parse(
  await Deno.readTextFile(`${root}deno.json`),
);

await Deno.remove(out, { recursive: true }).catch((error) => {
  if (!(error instanceof Deno.errors.NotFound)) throw error;
});

// JavaScript. Node built-ins and dynalite (needed by ./testing only) stay imports, and so does the
// client's import of its default transport, renamed to the package import that chooses it per runtime.
const defaultTransport: esbuild.Plugin = {
  name: "default-transport",
  setup(build) {
    build.onResolve(
      { filter: /\/_default_transport\.ts$/ },
      (args) =>
        args.kind === "entry-point" ? undefined : { path: "#default-transport", external: true },
    );
  },
};
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { ...Object.fromEntries(entries.map((e) => [e, `${root}${e}.ts`])), ...more },
  plugins: [defaultTransport],
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
const program = ts.createProgram([...entries.map((e) => `${root}${e}.ts`), more.node], {
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
    "./node": { types: `./${NODE_ENTRY.replace(/\.ts$/, ".d.ts")}`, default: "./node.js" },
    "./package.json": "./package.json",
  },
  // Conditions are tried in this order: the first that the runtime (or bundler) sets wins. Bun and Deno
  // also set `node`, so they come before it.
  imports: {
    "#default-transport": {
      deno: "./_default_transport.js",
      bun: "./_default_transport.js",
      workerd: "./_default_transport.js",
      worker: "./_default_transport.js",
      browser: "./_default_transport.js",
      node: "./_default_transport_node.js",
      default: "./_default_transport.js",
    },
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

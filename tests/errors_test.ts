import { DynafetchError, ValidationError } from "../mod.ts";
import { assertEquals, assertInstanceOf, assertStrictEquals } from "./assert.ts";

Deno.test("ValidationError names the path, what was found and what is allowed", () => {
  const error = new ValidationError("unsupported value", {
    path: "address.geo[2]",
    found: "NaN",
    allowed: "finite numbers",
  });
  assertInstanceOf(error, DynafetchError);
  assertStrictEquals(error.name, "ValidationError");
  assertStrictEquals(error.path, "address.geo[2]");
  assertEquals(
    error.message,
    "address.geo[2]: unsupported value; found NaN; allowed: finite numbers",
  );
});

Deno.test("a subclass of an error class goes by its own name", () => {
  class OrderMissingError extends ValidationError {}
  assertStrictEquals(new OrderMissingError("no order").name, "OrderMissingError");
  assertStrictEquals(new ValidationError("x").name, "ValidationError");
});

Deno.test("ValidationError without a path keeps the message as it is", () => {
  const error = new ValidationError("empty table name");
  assertStrictEquals(error.path, "");
  assertStrictEquals(error.message, "empty table name");
  assertStrictEquals(error.found, undefined);
});

// Every error class the entry points export, by the name it is exported under.
function errorClasses(module: Record<string, unknown>): [string, { prototype: Error }][] {
  return Object.entries(module).filter((entry): entry is [string, { prototype: Error }] => {
    const value = entry[1];
    return typeof value === "function" && value.prototype instanceof Error;
  });
}

Deno.test("every error class is named as exported, also when a minifier renames the classes", async () => {
  const esbuild = await import("esbuild");
  const root = new URL("../", import.meta.url).pathname;
  const outdir = await Deno.makeTempDir({ prefix: "dynafetch-names-" });
  try {
    await esbuild.build({
      entryPoints: [`${root}mod.ts`, `${root}credentials.ts`],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      outdir,
      logLevel: "error",
    });
    for (const entry of ["mod", "credentials"]) {
      const source = await import(`${root}${entry}.ts`);
      const minified = await import(`file://${outdir}/${entry}.js`);
      const classes = errorClasses(minified);
      assertEquals(
        classes.map(([name]) => name),
        errorClasses(source).map(([name]) => name),
      );
      for (const [name, Class] of classes) {
        // The minifier did rename the class itself; its errors still carry the written name.
        assertEquals([name, Class.prototype.name], [name, name]);
        const error = Object.create(Class.prototype) as Error;
        assertEquals(String(error), name);
      }
      if (entry === "mod") {
        assertEquals(classes.length >= 19, true);
        const { ConditionalCheckFailedError } = minified;
        const error = new ConditionalCheckFailedError("ConditionalCheckFailedException", "no", {
          statusCode: 400,
        });
        assertEquals(error.name, "ConditionalCheckFailedError");
        assertEquals(
          String(error),
          "ConditionalCheckFailedError: ConditionalCheckFailedException: no",
        );
      }
    }
  } finally {
    await esbuild.stop();
    await Deno.remove(outdir, { recursive: true });
  }
});

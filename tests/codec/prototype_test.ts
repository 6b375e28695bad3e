// Keys like __proto__ and constructor must round-trip as data. Deno neuters Object.prototype.__proto__,
// so these checks prove nothing under Deno alone: they run here with the standard accessor restored, and
// again under Node.
import * as esbuild from "esbuild";
import { assertEquals } from "../assert.ts";
import { decode, decodeItem, encodeItem } from "../../lib/codec/mod.ts";
import { runPrototypeChecks } from "./_prototype_checks.ts";
import { withStandardProto } from "../_proto.ts";

Deno.test("prototype keys round-trip as data (Deno, standard __proto__ accessor restored)", async () => {
  await withStandardProto(() => {
    // The accessor really is standard now: assignment changes the prototype.
    const probe: Record<string, unknown> = {};
    probe["__proto__"] = { marker: 1 };
    assertEquals(Object.keys(probe), []);
    assertEquals(probe.marker, 1);
    runPrototypeChecks();
  });
});

Deno.test("prototype keys round-trip as data (Node)", async () => {
  const result = await esbuild.build({
    stdin: {
      contents:
        'import { runPrototypeChecks } from "./_prototype_checks.ts"; runPrototypeChecks();' +
        'console.log("checks passed");',
      resolveDir: new URL(".", import.meta.url).pathname,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "error",
  });
  await esbuild.stop();
  const file = await Deno.makeTempFile({ suffix: ".mjs" });
  try {
    await Deno.writeFile(file, result.outputFiles[0].contents);
    const out = await new Deno.Command("node", { args: [file], stdout: "piped", stderr: "piped" })
      .output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assertEquals({ code: out.code, text: text.trim() }, { code: 0, text: "checks passed" });
  } finally {
    await Deno.remove(file);
  }
});

Deno.test("a polluted Object.prototype adds no attributes and breaks no decoding", () => {
  Object.defineProperty(Object.prototype, "injected", {
    value: { S: "evil" },
    enumerable: true,
    configurable: true,
    writable: true,
  });
  try {
    assertEquals(JSON.stringify(encodeItem({ a: 1 })), '{"a":{"N":"1"}}');
    const item = decodeItem(JSON.parse('{"a":{"M":{"b":{"S":"x"}}}}'));
    assertEquals(Object.keys(item), ["a"]);
    assertEquals(Object.keys(item.a as object), ["b"]);
    assertEquals(decode(JSON.parse('{"L":[{"N":"1"}]}')), [1]);
  } finally {
    delete (Object.prototype as Record<string, unknown>).injected;
  }
});

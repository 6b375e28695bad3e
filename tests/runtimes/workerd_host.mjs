// Runs a bundled module Worker in Cloudflare's workerd (through miniflare) and asks it to run the
// scenario: node workerd_host.mjs <worker.js> <endpoint> <table>
import { readFile } from "node:fs/promises";
import { Miniflare } from "miniflare";

const [scriptPath, endpoint, tableName] = process.argv.slice(2);
const mf = new Miniflare({
  modules: true,
  script: await readFile(scriptPath, "utf8"),
  compatibilityDate: "2026-04-01",
  bindings: { AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local", AWS_REGION: "us-east-1" },
});
try {
  const response = await mf.dispatchFetch("http://worker.test/", {
    method: "POST",
    body: JSON.stringify({ endpoint, tableName }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`worker answered ${response.status}: ${text}`);
  console.log(text);
} finally {
  await mf.dispose();
}

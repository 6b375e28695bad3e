// Serves a page running the bundled scenario and opens it in headless Chromium (playwright-core):
// node browser_host.mjs <chromium> <page.js> <endpoint> <table>
// dynalite answers CORS itself (any origin); the page is served from another port of 127.0.0.1.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [executablePath, pagePath, endpoint, tableName] = process.argv.slice(2);
const script = await readFile(pagePath);
const server = createServer((request, response) => {
  if (request.url === "/page.js") {
    response.writeHead(200, { "content-type": "text/javascript" }).end(script);
  } else {
    response.writeHead(200, { "content-type": "text/html" })
      .end('<!doctype html><script type="module" src="/page.js"></script>');
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const profile = await mkdtemp(join(tmpdir(), "dynafetch-chromium-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  const page = browser.pages()[0] ?? await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  const query = new URLSearchParams({ endpoint, table: tableName });
  await page.goto(`http://127.0.0.1:${server.address().port}/?${query}`);
  await page.waitForFunction(() => globalThis.smoke !== undefined, null, { timeout: 30_000 })
    .catch(() => {
      throw new Error(`the page did not start the scenario ${errors.join("; ")}`);
    });
  const { ok, summary } = await page.evaluate(() => globalThis.smoke);
  if (!ok) throw new Error(summary);
  console.log(`${summary} (${await page.evaluate(() => navigator.userAgent)})`);
} finally {
  await browser.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}

/**
 * dynalite in a process of its own for the end-to-end rows of `deno task bench:compare`, so the server's
 * work does not share the measured client's event loop. Listens on a free port of 127.0.0.1, prints its
 * endpoint as the first line of stdout, and stops when stdin closes.
 *
 *     node bench/e2e/server.mjs
 *
 * @module
 */
import dynalite from "dynalite";
import process from "node:process";

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => {
  server.closeAllConnections?.();
  server.close(() => process.exit(0));
});

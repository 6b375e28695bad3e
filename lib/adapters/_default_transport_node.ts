// The npm package's default transport on Node: its package.json maps `#default-transport` here under
// the `node` condition, in place of lib/client/_default_transport.ts (fetch), and exports the same names.
import type { HttpTransport } from "../transport/http.ts";
import { nodeHttpTransport } from "./node_http.ts";

let shared: HttpTransport | undefined;

// One keep-alive pool per process, shared by every client that takes the default; its idle sockets do
// not keep the process alive.
export function defaultTransport(): HttpTransport {
  return shared ??= nodeHttpTransport();
}

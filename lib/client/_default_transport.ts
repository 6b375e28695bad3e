// The transport of a client given neither `transport` nor `fetch`: fetch, here and in every build but
// one. The npm package maps this module through its `#default-transport` import, whose `node`
// condition selects lib/adapters/_default_transport_node.ts (node:http) instead; the two export the same
// names.
import { fetchTransport, type HttpTransport } from "../transport/http.ts";

let shared: HttpTransport | undefined;

// One transport per process, shared by every client that takes the default.
export function defaultTransport(): HttpTransport {
  return shared ??= fetchTransport();
}

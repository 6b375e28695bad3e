// The page script: runs the scenario in the browser and leaves the outcome in `globalThis.smoke`.
import * as dynafetch from "@dynafetch/dynafetch";
import { scenario } from "./scenario.js";

const params = new URLSearchParams(location.search);
globalThis.smoke = scenario(dynafetch, {
  endpoint: params.get("endpoint"),
  tableName: params.get("table"),
}).then(
  (summary) => ({ ok: true, summary }),
  (error) => ({ ok: false, summary: String(error?.stack ?? error) }),
);

// A module Worker running the scenario, with region and credentials from its env bindings.
import * as dynafetch from "@dynafetch/dynafetch";
import { scenario } from "./scenario.js";

export default {
  async fetch(request, env) {
    const { endpoint, tableName } = await request.json();
    try {
      // A Worker has no process environment: its variables and secrets are the env bindings.
      if ((await dynafetch.regionFromEnv()) !== undefined) {
        throw new Error("a process env in workerd");
      }
      const db = new dynafetch.Database({
        endpoint,
        region: await dynafetch.regionFromEnv(env),
        credentials: dynafetch.fromEnv(env),
      });
      const summary = await scenario(dynafetch, { db, tableName });
      return new Response(`${summary}; region and credentials from env bindings`);
    } catch (error) {
      return new Response(String(error?.stack ?? error), { status: 500 });
    }
  },
};

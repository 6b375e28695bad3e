// A module Worker running the scenario, with credentials and region from its env bindings.
import * as dynafetch from "@dynafetch/dynafetch";
import { scenario } from "./scenario.js";

export default {
  async fetch(request, env) {
    const { endpoint, tableName } = await request.json();
    try {
      const db = new dynafetch.Database({
        endpoint,
        region: env.AWS_REGION,
        credentials: dynafetch.fromEnv(env),
      });
      return new Response(await scenario(dynafetch, { db, tableName }));
    } catch (error) {
      return new Response(String(error?.stack ?? error), { status: 500 });
    }
  },
};
